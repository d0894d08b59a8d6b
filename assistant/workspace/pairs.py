"""Use cases about the programme's pairs: the list to choose from, and one pair at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from assistant.workspace.parts import Parts

if TYPE_CHECKING:
    from assistant.models import Commitment, Pair, PairContext, Participant, SessionSummary


@dataclass(frozen=True)
class Glance:
    """A pair as a session starts from it, as of the workspace's today."""

    context: PairContext
    today: date

    def overdue(self, commitment: Commitment) -> bool:
        return commitment.due is not None and commitment.due < self.today


class PairUseCases(Parts):
    async def glance(self, pair_id: str) -> Glance:
        context = await self.off_loop(lambda: self.store.pair_context(pair_id))
        return Glance(context, self.today())

    async def sessions(self, pair_id: str) -> list[SessionSummary]:
        """The pair's sessions, newest first, shared fields only."""
        return await self.off_loop(lambda: self.store.sessions(pair_id))

    async def pairs(self) -> list[Pair]:
        return await self.off_loop(self.store.pairs)

    async def participants(self) -> list[Participant]:
        return await self.off_loop(self.store.participants)
