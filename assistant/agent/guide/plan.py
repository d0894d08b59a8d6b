"""The offline guide's session plan: deterministic, built from the pair and the guidance alone.

The same pair, date and guidance always give the same plan. The agenda template comes from the
guidance for the session's stage (first, middle or closing) and is scaled to the minutes asked
for; open commitments open the session; the objective that has moved least gets the topic slot,
with the most relevant guidance section for it; questions and safety moves rotate by session
number so consecutive plans do not repeat themselves.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar

from assistant.agent.guide.guidebook import AgendaStep, Guidebook
from assistant.models import (
    CHECK_IN_QUOTES,
    COMMITMENT_CHECK_IN,
    TOPICS,
    AgendaItem,
    Commitment,
    Objective,
    PairContext,
    SafetyPrompts,
    SessionPlan,
    SessionStage,
    SourceRef,
)

PROGRAMME_DAYS = 183
"""Six months: the programme-design guidance recommends 6-9; plan the close at the earliest."""
MIN_SESSIONS_BEFORE_CLOSING = 3
CHECK_IN_TITLE = "Check in on commitments"
T = TypeVar("T")
QUESTIONS_PER_LIST = 3
# Template items that work on one objective, and the item that walks through all of them.
_FOCUS_WORDS = ("topic", "progress")
_REVIEW_WORDS = ("objectives review",)


@dataclass(frozen=True)
class FocusIdea:
    """The guidance section retrieved for the objective in focus, if any."""

    source: SourceRef
    title: str


def session_stage(context: PairContext, today: date) -> SessionStage:
    """First before any session is held; closing in the programme's last month (or cadence)."""
    if context.sessions_held == 0:
        return "first"
    pair = context.pair
    if pair.status == "closed":
        return "closing"
    last_stretch = timedelta(days=max(30, pair.cadence_days))
    closes_on = pair.start_date + timedelta(days=PROGRAMME_DAYS)
    held_enough = context.sessions_held >= MIN_SESSIONS_BEFORE_CLOSING
    return "closing" if held_enough and today >= closes_on - last_stretch else "middle"


def focus_objective(context: PairContext) -> Objective | None:
    """The objective that has moved least (unfinished ones first); ties go to the earlier one."""
    unfinished = [o for o in context.objectives if o.progress < 100] or context.objectives
    return min(unfinished, key=lambda objective: objective.progress, default=None)


def focus_query(objective: Objective) -> tuple[str, str | None]:
    """What to search the guidance for, and the topic filter, for the objective in focus."""
    return objective.title, objective.kind if objective.kind in TOPICS else None


def offline_plan(
    context: PairContext,
    guidebook: Guidebook,
    *,
    minutes: int,
    today: date,
    idea: FocusIdea | None = None,
) -> SessionPlan:
    stage = session_stage(context, today)
    number = context.sessions_held + 1
    template_source, steps = guidebook.agenda(stage)
    sources = [template_source]
    if context.open_commitments and not _opens_with_check_in(steps):
        check_in_source, check_in = guidebook.check_in()
        sources.append(check_in_source)
        steps = [_check_in_share(check_in, minutes), *_scaled(steps, minutes - _share(minutes))]
    else:
        steps = _scaled(steps, minutes)
    if idea:
        sources.append(idea.source)
    agenda = _agenda(steps, context, idea)
    before_source, before = _questions_before(guidebook, context, stage, number)
    after_source, after = _questions_after(guidebook, stage, number)
    safety_sources, safety = _safety(guidebook, number)
    return SessionPlan(
        pair_id=context.pair.id,
        stage=stage,
        session_number=number,
        minutes=minutes,
        agenda=agenda,
        reflection_before=before,
        reflection_after=after,
        safety_prompts=safety,
        sources=_unique([*sources, before_source, after_source, *safety_sources]),
    )


def scale_minutes(weights: Sequence[int], total: int) -> list[int]:
    """`weights` scaled to add up to `total` exactly, each at least one minute.

    Largest remainders get the spare minutes (ties to the earlier item), so the shape of the
    template survives any session length.
    """
    if total < len(weights):
        raise ValueError(f"{total} minutes cannot hold {len(weights)} agenda items")
    exact = [weight * total / sum(weights) for weight in weights]
    scaled = [max(1, int(share)) for share in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (int(exact[i]) - exact[i], i))
    for i in by_remainder[: max(0, total - sum(scaled))]:
        scaled[i] += 1
    while sum(scaled) > total:  # only when one-minute floors pushed the sum over
        largest = max(range(len(scaled)), key=lambda i: (scaled[i], -i))
        scaled[largest] -= 1
    return scaled


def _scaled(steps: list[AgendaStep], total: int) -> list[AgendaStep]:
    minutes = scale_minutes([step.minutes for step in steps], total)
    return [replace(step, minutes=m) for step, m in zip(steps, minutes, strict=True)]


def _share(total: int) -> int:
    # The accountability guidance gives the commitment review 10 minutes of 60.
    return min(10, max(3, round(total / 6)))


def _check_in_share(step: AgendaStep, total: int) -> AgendaStep:
    return replace(step, minutes=_share(total))


def _opens_with_check_in(steps: list[AgendaStep]) -> bool:
    return "commitment" in steps[0].title.lower() and "check" in steps[0].title.lower()


def _agenda(
    steps: list[AgendaStep], context: PairContext, idea: FocusIdea | None
) -> list[AgendaItem]:
    focus = focus_objective(context)
    items: list[AgendaItem] = []
    for position, step in enumerate(steps):
        title = step.title.lower()
        if position == 0 and context.open_commitments and "commitment" in title:
            items.append(_check_in_item(step, context.open_commitments))
        elif focus and any(word in title for word in _FOCUS_WORDS):
            items.append(_focus_item(step, focus, idea if "topic" in title else None))
        elif context.objectives and any(word in title for word in _REVIEW_WORDS):
            items += _review_items(step, context.objectives)
        else:
            items.append(
                AgendaItem(title=step.title, minutes=step.minutes, purpose=_sentence(step.purpose))
            )
    return items


def _check_in_item(step: AgendaStep, commitments: list[Commitment]) -> AgendaItem:
    listed = "; ".join(_described(commitment) for commitment in commitments[:CHECK_IN_QUOTES])
    if len(commitments) > CHECK_IN_QUOTES:
        listed += f"; and {len(commitments) - CHECK_IN_QUOTES} more"
    return AgendaItem(
        title=CHECK_IN_TITLE,
        minutes=step.minutes,
        purpose=f"{_sentence(step.purpose)} The leader reports first. Open: {listed}.",
        serves=COMMITMENT_CHECK_IN,
    )


def _described(commitment: Commitment) -> str:
    due = f", due {commitment.due.isoformat()}" if commitment.due else ""
    return f"{commitment.owner}: “{commitment.text}”{due}"


def _focus_item(step: AgendaStep, objective: Objective, idea: FocusIdea | None) -> AgendaItem:
    purpose = (
        f"{_sentence(step.purpose)} Focus: “{objective.title}” (now at {objective.progress}/100)."
    )
    if idea:
        purpose += f" To draw on: {idea.title} {idea.source.cite()}."
    return AgendaItem(title=step.title, minutes=step.minutes, purpose=purpose, serves=objective.id)


def _review_items(step: AgendaStep, objectives: list[Objective]) -> list[AgendaItem]:
    """One review item per objective, when the slot is long enough to give each a few minutes."""
    if step.minutes < 3 * len(objectives):
        titles = ", ".join(f"“{o.title}”" for o in objectives)
        return [
            AgendaItem(
                title=step.title,
                minutes=step.minutes,
                purpose=f"{_sentence(step.purpose)} Objectives: {titles}.",
            )
        ]
    shares = scale_minutes([1] * len(objectives), step.minutes)
    return [
        AgendaItem(
            title=f"Review: {objective.title}"[:200],
            minutes=share,
            purpose=(
                f"Rate it with evidence against the success criteria: {_criteria(objective)}."
            ),
            serves=objective.id,
        )
        for objective, share in zip(objectives, shares, strict=True)
    ]


def _criteria(objective: Objective) -> str:
    return (
        "; ".join(objective.success_criteria)
        or "none written yet, so agree what counts as evidence"
    )


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _questions_before(
    guidebook: Guidebook, context: PairContext, stage: SessionStage, number: int
) -> tuple[SourceRef, list[str]]:
    source, pool = guidebook.leader_questions("before")
    if stage == "first":
        pool = [q for q in pool if "last" not in q.lower()]
    first = [q for q in pool if "commitment" in q.lower()] if context.open_commitments else []
    rest = [q for q in pool if q not in first]
    return source, (first + _rotated(rest, number))[:QUESTIONS_PER_LIST]


def _questions_after(
    guidebook: Guidebook, stage: SessionStage, number: int
) -> tuple[SourceRef, list[str]]:
    if stage == "closing":
        source, pool = guidebook.closing_learning_questions()
        return source, pool[:QUESTIONS_PER_LIST]
    source, pool = guidebook.leader_questions("after")
    if stage == "first":
        pool = [q for q in pool if "since we started" not in q.lower()]
    return source, _rotated(pool, number)[:QUESTIONS_PER_LIST]


def _rotated(pool: list[str], number: int) -> list[str]:
    """The pool starting at a place that moves on with each session."""
    if not pool:
        return []
    start = (number - 1) * QUESTIONS_PER_LIST % len(pool)
    return pool[start:] + pool[:start]


def _safety(guidebook: Guidebook, number: int) -> tuple[list[SourceRef], SafetyPrompts]:
    leader_sources, asks, receives = guidebook.leader_safety_moves()
    mentor_source, moves = guidebook.mentor_safety_moves()
    index = number - 1
    leader = [asks[index % len(asks)], receives[index % len(receives)]]
    mentor = [moves[2 * index % len(moves)], moves[(2 * index + 1) % len(moves)]]
    return [*leader_sources, mentor_source], SafetyPrompts(leader=leader, mentor=_unique(mentor))


def _unique(items: list[T]) -> list[T]:
    return list(dict.fromkeys(items))
