"""Which nudges are due on a date: the four rules, over only what SQL reads for them.

- overdue-session: an active pair with no held session for longer than its planned cadence
  (counting from the start date before the first session); to both people.
- overdue-commitment: an open commitment past its due date; to its owner.
- debrief-missing: a side that has not rated the pair's latest held session, 3 days after it;
  to that side.
- rating-drop: a side's safety or usefulness rating 2 or more points below their previous one;
  to that side, privately.

The last two look at the latest session only while it is within the pair's cadence: once the
pair is overdue, the overdue-session nudge is the one that matters, and a months-old debrief or
rating is no longer today's news.

Like the report, only active pairs whose two participants consented to share their summaries
are assessed, from their start date on. Everything is as of `today`: sessions held later and
commitments made later are ignored, and a commitment closed after `today` still counts as open,
so the same date always gives the same nudges.

The rules need little of each pair: its latest held session and each side's two latest rated
ones. Window functions rank the sessions and one grouped pass keeps those, so one row per pair
reaches Python, whatever the pair's history. `nudges.py` puts what the rules find into words;
the report counts it with `due_by_pair` and never reads a commitment's text.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, func, or_, select
from sqlalchemy.sql.selectable import Subquery

from assistant.accountability.advice import NudgeKind
from assistant.models import Side
from assistant.store.schema import commitments, pairs, participants, sessions

DEBRIEF_GRACE_DAYS = 3
RATING_DROP_POINTS = 2
KIND_ORDER: tuple[NudgeKind, ...] = (
    "overdue-session",
    "overdue-commitment",
    "debrief-missing",
    "rating-drop",
)
SIDES: tuple[Side, ...] = ("leader", "mentor")
MEASURES = ("safety", "usefulness")
#: A side's ratings as far back as the rules look: its latest rated session and the one before.
_RATED_DEPTH = 2


@dataclass(frozen=True)
class Rated:
    """One side's ratings of one held session."""

    held_on: date
    safety: int
    usefulness: int


@dataclass(frozen=True)
class PairFacts:
    """What the rules read of one assessed pair, as of the date asked about."""

    id: str
    cohort: str
    start_date: date
    cadence_days: int
    people: dict[Side, tuple[str, str]]
    """Side -> (participant id, name)."""
    last_held: date | None
    unrated: tuple[Side, ...]
    """The sides that did not rate the latest held session."""
    rated: dict[Side, tuple[Rated, ...]]
    """Each side's latest rated held sessions, newest first, at most two."""


@dataclass(frozen=True)
class Due:
    """A nudge the session rules found, before it is put into words."""

    kind: NudgeKind
    pair: PairFacts
    to: tuple[Side, ...]
    drops: tuple[tuple[str, int, int], ...] = ()
    """For a rating drop: each (measure, before, latest) that fell by RATING_DROP_POINTS or more."""


@dataclass(frozen=True)
class OverdueCommitment:
    pair_id: str
    owner: Side
    text: str
    due: date


def session_rules(pair: PairFacts, today: date) -> list[Due]:
    """The overdue-session, debrief-missing and rating-drop nudges due to `pair` on `today`."""
    idle = (today - (pair.last_held or pair.start_date)).days
    if idle > pair.cadence_days:
        return [Due("overdue-session", pair, SIDES)]
    if pair.last_held is None:
        return []
    found = []
    if idle > DEBRIEF_GRACE_DAYS:
        found += [Due("debrief-missing", pair, (side,)) for side in pair.unrated]
    for side in SIDES:
        drops = _drops(pair.rated[side])
        if drops:
            found.append(Due("rating-drop", pair, (side,), drops))
    return found


def _drops(rated: tuple[Rated, ...]) -> tuple[tuple[str, int, int], ...]:
    if len(rated) < 2:
        return ()
    latest, before = rated[0], rated[1]
    changes = [(m, getattr(before, m), getattr(latest, m)) for m in MEASURES]
    return tuple(change for change in changes if change[1] - change[2] >= RATING_DROP_POINTS)


def due_by_pair(conn: Connection, today: date, cohort: str | None) -> dict[NudgeKind, Counter[str]]:
    """How many nudges of each kind each assessed pair (of `cohort`, if given) is due on `today`."""
    found: dict[NudgeKind, Counter[str]] = {kind: Counter() for kind in KIND_ORDER}
    for pair in pair_facts(conn, today, cohort):
        for due in session_rules(pair, today):
            found[due.kind][pair.id] += 1
    overdue = _overdue_commitments(today, cohort)
    counted = select(overdue.c.pair_id, func.count()).group_by(overdue.c.pair_id)
    found["overdue-commitment"].update({pair_id: n for pair_id, n in conn.execute(counted)})
    return found


def overdue_commitments(conn: Connection, today: date) -> list[OverdueCommitment]:
    """Every assessed pair's commitments that are open past their due date on `today`."""
    overdue = _overdue_commitments(today, None)
    query = select(overdue.c.pair_id, overdue.c.owner, overdue.c.text, overdue.c.due).order_by(
        overdue.c.pair_id, overdue.c.due, overdue.c.id
    )
    return [OverdueCommitment(*row) for row in conn.execute(query)]


def assessed_pairs(today: date, cohort: str | None) -> Subquery:
    """Active pairs whose two participants consented, started by `today`, with both names."""
    leader, mentor, p = participants.alias("leader"), participants.alias("mentor"), pairs.c
    query = (
        select(p.id, p.cohort, p.start_date, p.cadence_days, p.leader_id,
               leader.c.name.label("leader_name"), p.mentor_id, mentor.c.name.label("mentor_name"))
        .join_from(pairs, leader, leader.c.id == p.leader_id)
        .join_from(pairs, mentor, mentor.c.id == p.mentor_id)
        .where(p.status == "active", leader.c.consent_to_share, mentor.c.consent_to_share,
               p.start_date <= today)
    )  # fmt: skip
    return (query if cohort is None else query.where(p.cohort == cohort)).subquery("assessed")


def _overdue_commitments(today: date, cohort: str | None) -> Subquery:
    c, s, assessed = commitments.c, sessions.c, assessed_pairs(today, cohort)
    still_open_then = or_(c.status == "open", c.closed_on > today)
    return (
        select(c.id, c.pair_id, c.owner, c.text, c.due)
        .join_from(commitments, sessions, s.id == c.session_id)
        .join_from(commitments, assessed, assessed.c.id == c.pair_id)
        .where(s.held_on <= today, c.due < today, still_open_then)
        .subquery("overdue")
    )


def pair_facts(conn: Connection, today: date, cohort: str | None = None) -> list[PairFacts]:
    """Every assessed pair (of `cohort`, if given) with what the session rules read of it."""
    assessed = assessed_pairs(today, cohort)
    latest = _latest(assessed, today)
    query = (
        select(assessed, *(c for c in latest.c if c.name != "pair_id"))
        .select_from(assessed.outerjoin(latest, latest.c.pair_id == assessed.c.id))
        .order_by(assessed.c.id)
    )
    return [_facts(*row) for row in conn.execute(query)]


def _rated(side: str) -> ColumnElement[bool]:
    s = sessions.c
    return and_(s[f"{side}_safety"].is_not(None), s[f"{side}_usefulness"].is_not(None))


def _latest(assessed: Subquery, today: date) -> Subquery:
    """Per pair: its latest held session, then per side whether it went unrated and the side's
    latest rated sessions (date, safety, usefulness), newest first.

    Counting sessions, and a side's ratings, from each session to the newest one ranks them
    newest first (1 is the latest) in one ascending pass, the order the (pair, day) index
    already keeps, so nothing is sorted.
    """
    s = sessions.c
    to_newest: dict[str, Any] = {
        "partition_by": s.pair_id,
        "order_by": s.held_on,
        "rows": (0, None),
    }
    columns = [s.pair_id, s.held_on, func.count().over(**to_newest).label("rank")]
    for side in SIDES:
        rated = case((_rated(side), 1), else_=0)
        columns += [
            rated.label(f"{side}_rated"),
            func.sum(rated).over(**to_newest).label(f"{side}_rank"),
            *(s[f"{side}_{m}"] for m in MEASURES),
        ]
    ranked = (
        select(*columns)
        .where(s.pair_id.in_(select(assessed.c.id)), s.status == "held", s.held_on <= today)
        .subquery("ranked")
    )
    r = ranked.c
    latest = [func.max(case((r.rank == 1, r.held_on))).label("last_held")]
    for side in SIDES:
        latest.append(
            func.max(case((r.rank == 1, 1 - r[f"{side}_rated"]))).label(f"{side}_unrated")
        )
        for rank in range(1, _RATED_DEPTH + 1):
            nth = and_(r[f"{side}_rated"] == 1, r[f"{side}_rank"] == rank)
            for field in ("held_on", *(f"{side}_{m}" for m in MEASURES)):
                latest.append(func.max(case((nth, r[field]))).label(f"{side}_{rank}_{field}"))
    near = or_(r.rank == 1, *(r[f"{side}_rank"] <= _RATED_DEPTH for side in SIDES))
    return select(r.pair_id, *latest).where(near).group_by(r.pair_id).subquery("latest")


def _facts(
    id: str,
    cohort: str,
    start_date: date,
    cadence_days: int,
    leader_id: str,
    leader_name: str,
    mentor_id: str,
    mentor_name: str,
    last_held: date | None,
    *per_side: Any,
) -> PairFacts:
    """A row of `pair_facts`, whose columns per side come in `_latest`'s order."""
    width = len(per_side) // len(SIDES)
    unrated: list[Side] = []
    rated: dict[Side, tuple[Rated, ...]] = {}
    for index, side in enumerate(SIDES):
        went_unrated, *ranks = per_side[index * width : (index + 1) * width]
        if went_unrated:
            unrated.append(side)
        found = (Rated(*ranks[at : at + 3]) for at in range(0, len(ranks), 3))
        rated[side] = tuple(r for r in found if r.held_on is not None)
    return PairFacts(
        id=id,
        cohort=cohort,
        start_date=start_date,
        cadence_days=cadence_days,
        people={"leader": (leader_id, leader_name), "mentor": (mentor_id, mentor_name)},
        last_held=last_held,
        unrated=tuple(unrated),
        rated=rated,
    )
