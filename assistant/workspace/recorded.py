"""What is recorded for one of a pair's sessions, as one side may see it.

After a debrief is saved, its author wants to see what the store now holds for that session:
both sides' shared parts (ratings, what each learned, the shared summary, commitments) and their
own private note. The other side's private note is never read here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from assistant.workspace.parts import Parts

if TYPE_CHECKING:
    from assistant.models import SessionSummary, Side


class RecordedUseCases(Parts):
    async def recorded_session(
        self, pair_id: str, held_on: date, side: Side
    ) -> SessionSummary | None:
        """The session recorded on `held_on` with `side`'s own private note; None if none."""

        def read() -> SessionSummary | None:
            sessions = self.store.sessions(pair_id)
            summary = next((s for s in sessions if s.held_on == held_on), None)
            if summary is None:
                return None
            notes = self.store.private_notes(pair_id, side)
            note = next((text for day, text in notes if day == held_on), "")
            return summary.model_copy(update={f"{side}_private_note": note})

        return await self.off_loop(read)
