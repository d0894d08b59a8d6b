"""Use cases about debriefs: record one, saying what the store did.

`Recorded` says what recording did: a new session, this side's debrief added to the session the
other side recorded that day, or nothing new.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
