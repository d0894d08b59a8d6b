"""The Coach: the one object the app and the commands talk to, online or offline alike.

Every conversational method yields the same events whether a model answers or the offline guide
does (`TextDelta` pieces, then the agent's own events, then `TurnDone`, or a `TurnError`), so a
screen has one code path. Each turn is fitted to the server's context window (asked of it
once, `llm.context`) and its prompt size is logged. When the model fails before answering (an
unreachable server, a prompt over its context, an empty reply), the offline guide answers
instead, after a `FellBack` event and a first line saying why: a failed reply is never shown
as an answer. People's text and the guidance reach the model only as delimited material.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from datetime import date
from typing import Literal

from assistant.agent.context import commitments_text, coordinator_material, pair_material
from assistant.agent.events import (
    AgentEvent,
    AttemptScored,
    FellBack,
    PlanProposed,
    SourcesCited,
    SummaryDrafted,
)
from assistant.agent.guide import OFFLINE_LABEL
from assistant.agent.guide.answers import (
    cited,
    guidance_material,
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
from assistant.llm.budget import fit_messages, reply_room
from assistant.llm.client import server_of
from assistant.llm.context import prompt_window
from assistant.llm.errors import LLMError
from assistant.llm.events import TextDelta, TurnDone, TurnError, Usage
from assistant.llm.material import Block
from assistant.llm.tools import Tool
from assistant.models import PairContext, Role, SessionSummary, Side, SourceRef, StrictModel
from assistant.store import Recorded, Store

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
        today: Callable[[], date] = date.today,
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
        """The day plans and drafts are made for, asked of the clock given (the workspace's)."""
        return self._today()

    @property
    def guidebook(self) -> Guidebook:
        if self._guidebook is None:
            self._guidebook = Guidebook(self.knowledge.sections())
        return self._guidebook

    async def plan(self, pair_id: str, minutes: int = 45) -> PlanResult:
        # SQL and the guidance's first read block: in a thread, never on the UI's event loop.
        context = await asyncio.to_thread(self.store.pair_context, pair_id)
        guidebook = await asyncio.to_thread(lambda: self.guidebook)
        request = PlanRequest(context, minutes, self.today)
        return await plan_session(request, self.knowledge, guidebook, self.settings)

    async def prepare_chat(
        self, pair_id: str, history: Sequence[ChatMessage], text: str
    ) -> AsyncIterator[AgentEvent]:
        """The leader's preparation chat about their pair, with the pair's tools."""
        context = await asyncio.to_thread(self.store.pair_context, pair_id)
        if not self.online:
            answer = await asyncio.to_thread(list, self._offline_prepare(context, text, None))
            for event in answer:
                yield event
            return
        hits = await asyncio.to_thread(self._search, text, "leader")
        guidebook = await asyncio.to_thread(lambda: self.guidebook)
        scope = PairScope(pair_id, self.store, self.knowledge, guidebook, self.settings, self.today)
        turn = self._turn(
            render("leader_prepare"),
            [pair_material(context)],
            hits,
            history,
            text,
            pair_tools(scope),
            scope,
        )
        async for event in _or_offline(turn, lambda why: self._offline_prepare(context, text, why)):
            yield event

    async def ask(
        self, question: str, role: Role, pair_id: str | None = None
    ) -> AsyncIterator[AgentEvent]:
        """A grounded answer to one question, from the asker's side of the power gap."""
        context = await asyncio.to_thread(self.store.pair_context, pair_id) if pair_id else None
        if not self.online:
            answer = await asyncio.to_thread(list, self._offline_ask(question, role, None))
            for event in answer:
                yield event
            return
        hits = await asyncio.to_thread(self._search, question, role)
        if role == "coordinator":
            system = render("coordinator_assistant", min_group_size=self.settings.min_group_size)
            about = [coordinator_material(context)] if context else []
        else:
            system = render("ask", who=WHO[role])
            about = [pair_material(context)] if context else []
        turn = self._turn(system, about, hits, [], question, [], None)
        async for event in _or_offline(turn, lambda why: self._offline_ask(question, role, why)):
            yield event

    async def draft_summary(
        self, pair_id: str, debrief: str, author: Side = "leader"
    ) -> SummaryDraft:
        """A summary draft to confirm; `author` is whose "I" the debrief speaks with."""
        context = await asyncio.to_thread(self.store.pair_context, pair_id)
        return await draft_summary(
            debrief, context, self.settings, held_on=self.today, author=author
        )

    async def rehearse(self, rehearsal: Rehearsal, text: str) -> AsyncIterator[AgentEvent]:
        """The leader's reply in character (with a model, the coach's notes too), then the score.

        The rubric's own score never needs the model: when the model fails, the offline guide's
        reply and score stand in, so the mentor always gets a scored attempt.
        """
        if not text.strip():
            yield TurnError("Write what you would say to the leader first.", retryable=False)
            return
        if not self.online:
            for event in _offline_rehearsal(rehearsal, text, None):
                yield event
            return
        hits = await asyncio.to_thread(
            self.knowledge.search,
            f"{rehearsal.topic}: {text}",
            k=self.settings.retrieval.top_k,
            audience="mentor",
        )
        history = [
            ChatMessage(role=role, content=content)
            for attempt in rehearsal.attempts
            for role, content in (("user", attempt.text), ("assistant", attempt.leader_reply))
        ]
        turn = self._turn(
            rehearsal.system_prompt(), [rehearsal.material()], hits, history, text, [], None
        )
        scored = False
        async for event in _or_offline(turn, lambda why: _offline_rehearsal(rehearsal, text, why)):
            if isinstance(event, TurnError) and not scored:
                # The reply broke off mid-way: the attempt is still scored, by the rules.
                yield AttemptScored(rehearsal.attempt_offline(text))
            if isinstance(event, TurnDone) and not scored:
                result = await refined_score(text, self.settings)
                attempt = Attempt(text=text, result=result, leader_reply=event.text, offline=False)
                yield AttemptScored(rehearsal.record(attempt))
            scored = scored or isinstance(event, (AttemptScored, TurnError, TurnDone))
            yield event

    def save_summary(self, summary: SessionSummary) -> Recorded:
        """Store a confirmed summary; what the store did (new, added to the day's, or nothing)."""
        return self.store.record_session_result(summary)

    def _reply_tokens(self, wanted: int) -> int:
        return min(wanted, self.settings.llm_max_reply_tokens)

    def _search(self, text: str, audience: Role) -> list[GuidanceHit]:
        return self.knowledge.search(text, k=self.settings.retrieval.top_k, audience=audience)

    def _offline_search(self, text: str, audience: Role) -> list[GuidanceHit]:
        """Without a model to weigh them, the sections are re-ranked by the question's words too."""
        return best_sections(text, self.knowledge.search(text, k=SEARCHED, audience=audience))

    def _offline_ask(self, question: str, role: Role, why: str | None) -> Iterator[AgentEvent]:
        yield from streamed(*offline_answer(question, self._offline_search(question, role), why))

    def _offline_prepare(
        self, context: PairContext, text: str, why: str | None
    ) -> Iterator[AgentEvent]:
        answer, sources = offline_answer(text, self._offline_search(text, "leader"), why)
        if context.open_commitments:
            answer += f"\n\nOpen commitments to report on first:\n{commitments_text(context)}"
        yield from streamed(answer, sources)

    async def _turn(
        self,
        system: str,
        material: list[Block],
        hits: Sequence[GuidanceHit],
        history: Sequence[ChatMessage],
        text: str,
        tools: Sequence[Tool],
        scope: PairScope | None,
    ) -> AsyncIterator[AgentEvent]:
        """One model turn; a prompt the server says is over its context is fitted again once."""
        given = [source_of(hit) for hit in hits]
        overflow = TurnError("", retryable=False)
        for _attempt in range(2):
            window = await prompt_window(self.settings)
            try:
                fitted = fit_messages(
                    system,
                    material,
                    [guidance_material(hit) for hit in hits],
                    [message.model_dump() for message in history],
                    text,
                    window=window,
                    reply_reserve=self._reply_tokens(REPLY_TOKENS),
                )
            except LLMError as error:
                yield TurnError(error.message, error.retryable)
                return
            log.info(
                "turn prompt: %d input tokens of %d (dropped %d history, %d guidance)",
                fitted.input_tokens,
                fitted.window,
                fitted.dropped_history,
                fitted.dropped_guidance,
            )
            shown = False
            from assistant.llm.turn import run_turn  # imports openai: only when a model answers

            turn = run_turn(
                fitted.messages,
                tools,
                settings=self.settings,
                max_tokens=reply_room(window, self._reply_tokens(REPLY_TOKENS)),
            )
            async for event in turn:
                if isinstance(event, TurnError) and event.kind == "overflow" and not shown:
                    overflow = event
                    break
                shown = shown or isinstance(event, TextDelta)
                if isinstance(event, Usage):
                    log.info("turn usage: %d in, %d out", event.input_tokens, event.output_tokens)
                if isinstance(event, TurnDone):
                    for extra in _produced(event.text, given, scope, self.knowledge):
                        yield extra
                yield event
            else:
                return
            log.info("the server's context is smaller than assumed; fitting the prompt again")
        yield overflow


async def _or_offline(
    events: AsyncIterator[AgentEvent], offline: Callable[[str], Iterator[AgentEvent]]
) -> AsyncIterator[AgentEvent]:
    """The model's events; if it fails before showing any text, the offline guide's instead."""
    shown = False
    async for event in events:
        if isinstance(event, TurnError) and not shown:
            log.warning("the model failed, the offline guide answers: %s", event.message)
            yield FellBack(event.message)
            for substitute in offline(event.message):
                yield substitute
            return
        shown = shown or isinstance(event, TextDelta)
        yield event


def _offline_rehearsal(rehearsal: Rehearsal, text: str, why: str | None) -> Iterator[AgentEvent]:
    attempt = rehearsal.attempt_offline(text)
    reply = f"Offline guide: {why}\n{attempt.leader_reply}" if why else attempt.leader_reply
    yield from streamed(reply, [], [AttemptScored(attempt)])


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
