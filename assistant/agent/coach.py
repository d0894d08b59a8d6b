"""The Coach: the one object the app and the commands talk to, online or offline alike.

Every conversational method yields the same events whether a model answers or the offline guide
does (`TextDelta` pieces, then the agent's own events, then `TurnDone`, or a `TurnError`), so a
screen has one code path. Each turn is fitted to the model's context window and its prompt
size is logged; the model boundary logs the tokens it reports.
"""

import logging
from collections.abc import AsyncIterator, Sequence
from datetime import date
from typing import Literal

from assistant.agent.context import (
    commitments_text,
    describe_pair,
    describe_pair_for_coordinator,
    person,
    power_gap,
)
from assistant.agent.events import (
    AgentEvent,
    AttemptScored,
    PlanProposed,
    SourcesCited,
    SummaryDrafted,
)
from assistant.agent.guide.answers import (
    OFFLINE_LABEL,
    cited,
    guidance_block,
    offline_answer,
    source_of,
    streamed,
)
from assistant.agent.guide.guidebook import Guidebook
from assistant.agent.guide.ranking import SEARCHED, best_sections
from assistant.agent.planning import PlanRequest, PlanResult, plan_session
from assistant.agent.rehearsal import Attempt, Rehearsal
from assistant.agent.scoring import refined_score
from assistant.agent.summary import SummaryDraft, draft_summary
from assistant.agent.templates import render
from assistant.agent.tools import PairScope, pair_tools
from assistant.config import Settings
from assistant.knowledge import GuidanceHit, KnowledgeBase
from assistant.llm.budget import fit_messages
from assistant.llm.client import server_of
from assistant.llm.errors import LLMError
from assistant.llm.events import TurnDone, TurnError, Usage
from assistant.llm.tools import Tool
from assistant.models import Role, SessionSummary, Side, SourceRef, StrictModel
from assistant.store import Store

log = logging.getLogger("rmcoach.agent")
REPLY_TOKENS = 1024

WHO: dict[str, str] = {
    "leader": "a senior leader who is being mentored by a junior colleague. They hold the power "
    "in the pair, and so most of the responsibility for making candour safe.",
    "mentor": "a junior employee who mentors a senior leader. They take the risk each time they "
    "speak candidly upward; help them be specific, kind and safe.",
}


class ChatMessage(StrictModel):
    role: Literal["user", "assistant"]
    content: str


class Coach:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        knowledge: KnowledgeBase,
        *,
        today: date | None = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.knowledge = knowledge
        self._today = today
        self._guidebook: Guidebook | None = None

    @property
    def online(self) -> bool:
        return self.settings.llm_configured

    @property
    def label(self) -> str:
        """Who answers: the model and its server, or the offline guide."""
        if not self.online:
            return OFFLINE_LABEL
        return f"{self.settings.model} at {server_of(self.settings).url}"

    @property
    def today(self) -> date:
        """The day plans and drafts are made for: fixed when given (tests, snapshots), else now."""
        return self._today or date.today()

    @property
    def guidebook(self) -> Guidebook:
        if self._guidebook is None:
            self._guidebook = Guidebook(self.knowledge.sections())
        return self._guidebook

    async def plan(self, pair_id: str, minutes: int = 45) -> PlanResult:
        request = PlanRequest(self.store.pair_context(pair_id), minutes, self.today)
        return await plan_session(request, self.knowledge, self.guidebook, self.settings)

    async def prepare_chat(
        self, pair_id: str, history: Sequence[ChatMessage], text: str
    ) -> AsyncIterator[AgentEvent]:
        """The leader's preparation chat about their pair, with the pair's tools."""
        context = self.store.pair_context(pair_id)
        if not self.online:
            answer, sources = offline_answer(text, self._offline_search(text, "leader"))
            if context.open_commitments:
                answer += f"\n\nOpen commitments to report on first:\n{commitments_text(context)}"
            for event in streamed(answer, sources):
                yield event
            return
        system = render(
            "leader_prepare",
            leader=person(context.leader),
            mentor=person(context.mentor),
            power_gap=power_gap(context),
            pair_context=describe_pair(context),
        )
        hits = self._search(text, "leader")
        scope = PairScope(
            pair_id, self.store, self.knowledge, self.guidebook, self.settings, self.today
        )
        async for event in self._turn(system, hits, history, text, pair_tools(scope), scope):
            yield event

    async def ask(
        self, question: str, role: Role, pair_id: str | None = None
    ) -> AsyncIterator[AgentEvent]:
        """A grounded answer to one question, from the asker's side of the power gap."""
        context = self.store.pair_context(pair_id) if pair_id else None
        if not self.online:
            for event in streamed(*offline_answer(question, self._offline_search(question, role))):
                yield event
            return
        hits = self._search(question, role)
        if role == "coordinator":
            about = describe_pair_for_coordinator(context) if context else "No pair was named."
            system = render(
                "coordinator_assistant",
                min_group_size=self.settings.min_group_size,
                pair_context=f"The pair asked about:\n{about}" if context else about,
            )
        else:
            about = (
                f"The pair:\n{describe_pair(context)}\n{power_gap(context)}"
                if context
                else "No pair was named."
            )
            system = render("ask", who=WHO[role], pair_context=about)
        async for event in self._turn(system, hits, [], question, [], None):
            yield event

    async def draft_summary(
        self, pair_id: str, debrief: str, author: Side = "leader"
    ) -> SummaryDraft:
        """A summary draft to confirm; `author` is whose "I" the debrief speaks with."""
        context = self.store.pair_context(pair_id)
        return await draft_summary(
            debrief, context, self.settings, held_on=self.today, author=author
        )

    async def rehearse(self, rehearsal: Rehearsal, text: str) -> AsyncIterator[AgentEvent]:
        """The leader's reply in character (with a model, the coach's notes too), then the score."""
        if not text.strip():
            yield TurnError("Write what you would say to the leader first.", retryable=False)
            return
        if not self.online:
            attempt = rehearsal.attempt_offline(text)
            for event in streamed(attempt.leader_reply, [], [AttemptScored(attempt)]):
                yield event
            return
        hits = self.knowledge.search(
            f"{rehearsal.topic}: {text}", k=self.settings.retrieval.top_k, audience="mentor"
        )
        system = rehearsal.system_prompt("\n\n".join(guidance_block(hit) for hit in hits))
        history = [
            ChatMessage(role=role, content=content)
            for attempt in rehearsal.attempts
            for role, content in (("user", attempt.text), ("assistant", attempt.leader_reply))
        ]
        # The guidance is inside the persona prompt, so this turn cites from `hits` itself.
        async for event in self._turn(system, [], history, text, [], None):
            if isinstance(event, TurnDone):
                yield SourcesCited(
                    cited(event.text, [source_of(hit) for hit in hits], self.knowledge)
                )
                result = await refined_score(text, self.settings)
                attempt = Attempt(text=text, result=result, leader_reply=event.text, offline=False)
                yield AttemptScored(rehearsal.record(attempt))
            if not isinstance(event, SourcesCited):
                yield event

    def save_summary(self, summary: SessionSummary) -> int:
        """Store a confirmed summary; its id."""
        return self.store.record_session(summary)

    def _search(self, text: str, audience: Role) -> list[GuidanceHit]:
        return self.knowledge.search(text, k=self.settings.retrieval.top_k, audience=audience)

    def _offline_search(self, text: str, audience: Role) -> list[GuidanceHit]:
        """Without a model to weigh them, the sections are re-ranked by the question's words too."""
        return best_sections(text, self.knowledge.search(text, k=SEARCHED, audience=audience))

    async def _turn(
        self,
        system: str,
        hits: Sequence[GuidanceHit],
        history: Sequence[ChatMessage],
        text: str,
        tools: Sequence[Tool],
        scope: PairScope | None,
    ) -> AsyncIterator[AgentEvent]:
        try:
            fitted = fit_messages(
                system,
                [],
                [guidance_block(hit) for hit in hits],
                [message.model_dump() for message in history],
                text,
                model=self.settings.model,
                reply_reserve=REPLY_TOKENS,
                context_windows=self.settings.context_windows,
            )
        except LLMError as error:
            yield TurnError(error.message, error.retryable)
            return
        log.info(
            "turn prompt: %d input tokens (dropped %d history, %d guidance)",
            fitted.input_tokens,
            fitted.dropped_history,
            fitted.dropped_guidance,
        )
        given = [source_of(hit) for hit in hits]
        from assistant.llm.turn import run_turn  # imports openai: only when a model answers

        async for event in run_turn(fitted.messages, tools, settings=self.settings):
            if isinstance(event, Usage):
                log.info("turn usage: %d in, %d out", event.input_tokens, event.output_tokens)
            if isinstance(event, TurnDone):
                for extra in _produced(event.text, given, scope, self.knowledge):
                    yield extra
            yield event


def _produced(
    text: str, given: list[SourceRef], scope: PairScope | None, knowledge: KnowledgeBase
) -> list[AgentEvent]:
    """The events for what a finished turn cited and what its tools made."""
    if scope is None:
        return [SourcesCited(cited(text, given, knowledge))]
    return [
        SourcesCited(cited(text, [*given, *scope.sources], knowledge)),
        *(PlanProposed(plan) for plan in scope.plans),
        *(SummaryDrafted(draft) for draft in scope.drafts),
    ]
