"""Use cases with the coach: plan a session, the preparation chat, ask, read a free-text debrief.

Each conversational use case yields the coach's typed events (see `assistant.workspace.events`)
whether a model answers or the offline guide does; the coach was told which, once, by `Parts`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING

from assistant.workspace.errors import translated
from assistant.workspace.parts import Parts

if TYPE_CHECKING:
    from assistant.agent.coach import ChatMessage
    from assistant.agent.events import AgentEvent
    from assistant.agent.planning import PlanResult
    from assistant.agent.summary import SummaryDraft
    from assistant.models import Role, Side


class CoachingUseCases(Parts):
    async def plan(self, pair_id: str, minutes: int = 45) -> PlanResult:
        with translated():
            return await self.coach.plan(pair_id, minutes)

    async def prepare_chat(
        self, pair_id: str, history: Sequence[ChatMessage], text: str
    ) -> AsyncIterator[AgentEvent]:
        with translated():
            async for event in self.coach.prepare_chat(pair_id, history, text):
                yield event

    async def ask(
        self, question: str, role: Role, pair_id: str | None = None
    ) -> AsyncIterator[AgentEvent]:
        with translated():
            async for event in self.coach.ask(question, role, pair_id):
                yield event

    async def draft_summary(self, pair_id: str, debrief: str, author: Side) -> SummaryDraft:
        """A summary drafted from a free-text debrief, for the person to check before saving."""
        with translated():
            return await self.coach.draft_summary(pair_id, debrief, author=author)
