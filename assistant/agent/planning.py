"""Session plans from the model: structured output, checked, repaired once, else the guide's plan.

The model gets the pair, the stage and the guidance retrieved for it, and answers with a
`ProposedPlan`. A reply that fails the plan's own validation or `check_plan` (a missing
commitment, an unknown objective, a source that is not in the guidance) goes back once with the
problems listed; if it still fails, the offline guide's plan is shown with a notice saying why.
"""

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import Field, ValidationError

from assistant.agent.context import pair_material
from assistant.agent.guide import OFFLINE_LABEL, DraftedBy
from assistant.agent.guide.answers import guidance_material
from assistant.agent.guide.guidebook import Guidebook
from assistant.agent.guide.plan import focus_objective, offline_plan, session_stage
from assistant.agent.plan_checks import check_plan
from assistant.agent.templates import render
from assistant.agent.tools import focus_idea
from assistant.config import Settings
from assistant.knowledge import KnowledgeBase
from assistant.llm.budget import fit_messages, reply_room
from assistant.llm.context import prompt_window
from assistant.llm.errors import ContextOverflowError, LLMError, describe_validation
from assistant.llm.material import Block, with_material
from assistant.llm.schemas import schema_rule
from assistant.models import (
    AgendaItem,
    OpenQuestion,
    PairContext,
    SafetyPrompts,
    SessionPlan,
    SourceRef,
    StrictModel,
)

log = logging.getLogger("rmcoach.agent")
PLAN_REPLY_TOKENS = 1500
_ASK = "Propose the session plan now."


class ProposedPlan(StrictModel):
    """The part of a plan the model writes; the pair, stage and length are ours."""

    agenda: list[AgendaItem] = Field(min_length=1)
    reflection_before: list[OpenQuestion] = Field(min_length=1)
    reflection_after: list[OpenQuestion] = Field(min_length=1)
    safety_prompts: SafetyPrompts
    sources: list[SourceRef] = Field(min_length=1)


@dataclass(frozen=True)
class PlanResult:
    plan: SessionPlan
    drafted_by: DraftedBy
    notice: str
    input_tokens: int = 0


@dataclass(frozen=True)
class PlanRequest:
    context: PairContext
    minutes: int
    today: date


async def plan_session(
    request: PlanRequest, knowledge: KnowledgeBase, guidebook: Guidebook, settings: Settings
) -> PlanResult:
    """The model's checked plan, or the offline guide's with a notice saying why."""
    context, minutes = request.context, request.minutes
    fallback = offline_plan(
        context,
        guidebook,
        minutes=minutes,
        today=request.today,
        idea=focus_idea(knowledge, context),
    )
    if not settings.llm_configured:
        return PlanResult(fallback, OFFLINE_LABEL, "Offline guide: no model is configured.")
    tokens = 0
    try:
        try:
            messages, tokens, room = await _prompt(request, knowledge, settings)
            plan, problems = await _propose(messages, request, knowledge, settings, room)
        except ContextOverflowError:
            # The server named a smaller context than assumed, and it is now remembered.
            messages, tokens, room = await _prompt(request, knowledge, settings)
            plan, problems = await _propose(messages, request, knowledge, settings, room)
    except LLMError as error:
        log.warning("model plan failed: %s", error.message)
        notice = f"Offline guide's plan: {error.message}"
        return PlanResult(fallback, OFFLINE_LABEL, notice, tokens)
    if plan is None:
        listed = "; ".join(problems)
        notice = f"Offline guide's plan: the model's plan failed its checks ({listed})."
        return PlanResult(fallback, OFFLINE_LABEL, notice, tokens)
    notice = f"Planned by {settings.model} and checked against the guidance."
    return PlanResult(plan, "model", notice, tokens)


async def _prompt(
    request: PlanRequest, knowledge: KnowledgeBase, settings: Settings
) -> tuple[list[dict[str, Any]], int, int]:
    """The messages, their size, and the tokens left for the reply."""
    context = request.context
    stage = session_stage(context, request.today)
    system = render(
        "plan_proposal",
        stage=stage,
        session_number=context.sessions_held + 1,
        minutes=request.minutes,
    )
    system += "\n\n" + schema_rule(ProposedPlan)
    focus = focus_objective(context)
    query = f"{stage} session agenda" + (f": {focus.title}" if focus else "")
    hits = knowledge.search(query, k=settings.retrieval.top_k, audience="leader")
    window = await prompt_window(settings)
    fitted = fit_messages(
        system,
        [pair_material(context)],
        [guidance_material(hit) for hit in hits],
        [],
        _ASK,
        window=window,
        reply_reserve=min(PLAN_REPLY_TOKENS, settings.llm_max_reply_tokens),
    )
    log.info("plan prompt: %d input tokens, %d guidance sections", fitted.input_tokens, len(hits))
    room = reply_room(window, min(PLAN_REPLY_TOKENS, settings.llm_max_reply_tokens))
    return fitted.messages, fitted.input_tokens, room


async def _propose(
    messages: list[dict[str, Any]],
    request: PlanRequest,
    knowledge: KnowledgeBase,
    settings: Settings,
    room: int,
) -> tuple[SessionPlan | None, list[str]]:
    """A plan that passes every check, after at most one repair round; else its problems."""
    from assistant.llm.structured import complete_structured  # imports openai: only when used

    proposal = await complete_structured(messages, ProposedPlan, settings=settings, max_tokens=room)
    plan, problems = _checked(proposal, request, knowledge)
    if not problems:
        return plan, []
    repair = [
        *messages,
        {"role": "assistant", "content": proposal.model_dump_json()},
        {"role": "user", "content": _repair_request(problems)},
    ]
    proposal = await complete_structured(repair, ProposedPlan, settings=settings, max_tokens=room)
    plan, problems = _checked(proposal, request, knowledge)
    return (None if problems else plan), problems


def _checked(
    proposal: ProposedPlan, request: PlanRequest, knowledge: KnowledgeBase
) -> tuple[SessionPlan | None, list[str]]:
    context = request.context
    try:
        plan = SessionPlan(
            pair_id=context.pair.id,
            stage=session_stage(context, request.today),
            session_number=context.sessions_held + 1,
            minutes=request.minutes,
            **proposal.model_dump(),
        )
    except ValidationError as error:
        return None, describe_validation(error)
    return plan, check_plan(plan, context, knowledge)


def _repair_request(problems: list[str]) -> str:
    # A check may quote a commitment, which a person wrote: the problems are material too.
    return with_material(
        [Block("plan_problems", problems)],
        "The plan cannot be used yet: the material lists its problems. Reply with the "
        "corrected plan as JSON only.",
    )
