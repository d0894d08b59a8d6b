"""One pair's sessions over time, shaped by the pair's health arc.

Health (0 to 1) moves along the arc from the pair's start to today; each session draws around
it. Low health means more cancellations, lower and shorter sessions, commitments left open past
their due date, and slower objective progress. A "lopsided" pair looks healthy to the leader
while the mentor rates safety far lower; a "drifting" pair falls away and then goes quiet.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from assistant.demo import texts
from assistant.models import (
    Commitment,
    CommitmentStatus,
    ObjectiveProgress,
    Pair,
    Ratings,
    SessionSummary,
)

ARCS: dict[str, tuple[float, float]] = {
    "thriving": (0.65, 0.92),
    "steady": (0.66, 0.7),
    "slow-start": (0.38, 0.78),
    "drifting": (0.7, 0.1),
    "lopsided": (0.72, 0.74),
}
_GENERAL_TOPICS = (
    "feedback",
    "reflection",
    "accountability",
    "measurement",
    "psychological-safety",
    "agenda",
)


@dataclass(frozen=True)
class DemoSession:
    summary: SessionSummary
    """The summary with the commitments it makes; those it closes are in `closes`."""
    closes: list[tuple[int, CommitmentStatus]]
    """(n-th commitment the pair made, counting from 0; its new status)."""


@dataclass
class _State:
    made: list[Commitment] = field(default_factory=list)
    still_open: list[int] = field(default_factory=list)
    progress: dict[str, int] = field(default_factory=dict)
    held: int = 0


def simulate(rng: random.Random, pair: Pair, arc: str, today: date) -> list[DemoSession]:
    """The pair's sessions from its start until yesterday, oldest first."""
    span = max((today - pair.start_date).days, 1)
    last_day = today - timedelta(days=1)
    if arc == "drifting":
        last_day = pair.start_date + timedelta(days=int(span * 0.7))  # then nothing: gone quiet
    state = _State(progress={objective.id: 0 for objective in pair.objectives})
    sessions = []
    day = pair.start_date + timedelta(days=rng.randint(0, 4))
    while day <= last_day:
        health = _health(rng, arc, (day - pair.start_date).days / span)
        if state.held and rng.random() < 0.04 + 0.8 * (1 - health) ** 2:
            sessions.append(DemoSession(_cancelled(rng, pair, day), []))
            day += timedelta(days=max(pair.cadence_days // 2, 3))
            continue
        sessions.append(_held(rng, pair, arc, day, health, state))
        day += timedelta(days=pair.cadence_days + rng.randint(-2, 4))
    return sessions


def _health(rng: random.Random, arc: str, elapsed: float) -> float:
    start, end = ARCS[arc]
    return min(1.0, max(0.0, start + (end - start) * elapsed + rng.gauss(0, 0.07)))


def _cancelled(rng: random.Random, pair: Pair, day: date) -> SessionSummary:
    reason = rng.choice(texts.CANCELLED)
    return SessionSummary(
        pair_id=pair.id, held_on=day, status="cancelled", duration_minutes=0, shared_summary=reason
    )


def _held(
    rng: random.Random, pair: Pair, arc: str, day: date, health: float, state: _State
) -> DemoSession:
    focus = rng.choice(pair.objectives)
    topics = _topics(rng, focus.kind, health, first=state.held == 0)
    closes = _follow_up(rng, health, state)
    made = _new_commitments(rng, day, pair.cadence_days, state)
    progress = _progress(rng, focus.id, health, state)
    leader_note, mentor_note = _private_notes(rng, arc)
    state.held += 1
    summary = SessionSummary(
        pair_id=pair.id,
        held_on=day,
        duration_minutes=max(20, 5 * round((30 + 30 * health + rng.gauss(0, 5)) / 5)),
        topics=topics,
        agenda_covered=[texts.AGENDA[topic] for topic in topics][:3],
        leader_learned=rng.choice(texts.LEADER_LEARNED[focus.kind]),
        mentor_learned=rng.choice(texts.MENTOR_LEARNED),
        commitments=made,
        leader_ratings=_ratings(rng, health),
        mentor_ratings=_ratings(rng, health - (0.45 if arc == "lopsided" else 0.05)),
        objective_progress=progress,
        shared_summary=_shared(focus.title, topics, health),
        leader_private_note=leader_note,
        mentor_private_note=mentor_note,
    )
    return DemoSession(summary, closes)


def _topics(rng: random.Random, kind: str, health: float, first: bool) -> list[str]:
    if first:
        return ["ground-rules", "objectives", "agenda"]
    topics = [rng.choice(texts.KIND_TOPICS[kind]), rng.choice(_GENERAL_TOPICS)]
    if health < 0.45:
        topics.append("pitfalls")
    return list(dict.fromkeys(topics))


def _follow_up(
    rng: random.Random, health: float, state: _State
) -> list[tuple[int, CommitmentStatus]]:
    """Close some open commitments: healthy pairs do what they said, others let it slide."""
    closes: list[tuple[int, CommitmentStatus]] = []
    for index in list(state.still_open):
        roll = rng.random()
        if roll < min(0.97, 1.1 * health):
            closes.append((index, "done"))
        elif roll < min(0.97, 1.1 * health) + 0.25 * (1 - health):
            closes.append((index, "dropped"))
        else:
            continue
        state.still_open.remove(index)
    return closes


def _new_commitments(
    rng: random.Random, day: date, cadence: int, state: _State
) -> list[Commitment]:
    owners = ["leader", "mentor"][: rng.choice((1, 2, 2))]
    made = [
        Commitment(
            owner=owner,
            text=rng.choice(texts.COMMITMENTS[owner]),
            due=day + timedelta(days=cadence),
        )
        for owner in owners
    ]
    state.still_open += range(len(state.made), len(state.made) + len(made))
    state.made += made
    return made


def _progress(
    rng: random.Random, objective_id: str, health: float, state: _State
) -> list[ObjectiveProgress]:
    before = state.progress[objective_id]
    if before >= 100 or rng.random() > health:
        return []
    state.progress[objective_id] = min(100, before + rng.choice((10, 15, 25)))
    note = rng.choice(texts.PROGRESS_NOTES)
    return [
        ObjectiveProgress(
            objective_id=objective_id, progress=state.progress[objective_id], note=note
        )
    ]


def _ratings(rng: random.Random, health: float) -> Ratings | None:
    if rng.random() < 0.06:
        return None  # this side did not rate the session
    safety = round(1.5 + 5.5 * health + rng.gauss(0, 0.5))
    usefulness = round(1 + 4 * health + rng.gauss(0, 0.4))
    return Ratings(safety=min(7, max(1, safety)), usefulness=min(5, max(1, usefulness)))


def _private_notes(rng: random.Random, arc: str) -> tuple[str, str]:
    leader = rng.choice(texts.LEADER_NOTES) if rng.random() < 0.3 else ""
    if arc == "lopsided":
        return leader, rng.choice(texts.MENTOR_NOTES[2:]) if rng.random() < 0.7 else ""
    return leader, rng.choice(texts.MENTOR_NOTES) if rng.random() < 0.35 else ""


def _shared(title: str, topics: list[str], health: float) -> str:
    mood = " A short session; energy was low." if health < 0.4 else ""
    return f"Worked on '{title}': {texts.AGENDA[topics[0]].lower()}.{mood}"
