"""Use cases about debriefs: record one, saying what the store did; what is recorded since.

`Recorded` says what recording did: a new session, this side's debrief added to the session the
other side recorded that day, or nothing new. One side reads only its own private notes.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from assistant.models import SessionSummary, Side
from assistant.workspace.parts import Parts

if TYPE_CHECKING:
    from assistant.models import SessionSummary
    from assistant.store.record import Recorded


class DebriefUseCases(Parts):
    async def record_debrief(self, summary: SessionSummary) -> Recorded:
        return await self.off_loop(lambda: self.store.record_session_result(summary))

    async def record_debrief_json(self, pair_id: str, text: str, source: str) -> Recorded:
        """A summary given as JSON (a file, standard input); errors name the field."""
        from assistant.store.sessions import parse_summary

        with_fields = await self.off_loop(lambda: parse_summary(pair_id, text, source=source))
        return await self.record_debrief(with_fields)

    async def private_notes(self, pair_id: str, side: Side) -> list[tuple[date, str]]:
        """This side's own private notes, oldest first; the other side's are never read."""
        return await self.off_loop(lambda: self.store.private_notes(pair_id, side))

    async def recorded_session(
        self, pair_id: str, held_on: date, side: Side
    ) -> SessionSummary | None:
        """The session recorded on `held_on` as `side` may see it: both sides' shared parts and
        `side`'s own private note only; None when nothing is recorded that day."""

        def read() -> SessionSummary | None:
            sessions = self.store.sessions(pair_id)
            summary = next((s for s in sessions if s.held_on == held_on), None)
            if summary is None:
                return None
            notes = self.store.private_notes(pair_id, side)
            note = next((text for day, text in notes if day == held_on), "")
            return summary.model_copy(update={f"{side}_private_note": note})

        return await self.off_loop(read)
