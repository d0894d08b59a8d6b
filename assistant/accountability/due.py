"""Which nudges are due on a date: the four rules, each written once as a condition SQL checks.

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

The rules run over what `facts.py` reads. `due_counts` sums what they find for the report, in
SQL; `due_pairs` and `overdue_commitments` return what they pick out for `nudges.py` to put into
words. Neither decides anything in Python, so the report's counts and the nudges always agree.
"""

import functools
import operator
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, and_, case, func, or_, select
from sqlalchemy.sql.selectable import CTE, Subquery

from assistant.accountability.advice import NudgeKind
from assistant.accountability.facts import (
    MEASURES,
    RATED_RANKS,
    SIDES,
    assessed_pairs,
    days_to,
    latest_sessions,
    open_past_due,
)
from assistant.models import Side

DEBRIEF_GRACE_DAYS = 3
RATING_DROP_POINTS = 2
KIND_ORDER: tuple[NudgeKind, ...] = (
    "overdue-session",
    "overdue-commitment",
    "debrief-missing",
    "rating-drop",
)


class Rated(NamedTuple):
    """One side's ratings of one held session."""

    held_on: date
    safety: int
    usefulness: int


@dataclass(frozen=True, slots=True)
class AssessedPair:
    id: str
    cohort: str
    start_date: date
    cadence_days: int
    people: dict[Side, tuple[str, str]]
    """Side -> (participant id, name)."""


@dataclass(frozen=True, slots=True)
class DuePair:
    """A pair the session rules picked out, with what each found."""

    pair: AssessedPair
    last_held: date | None
    overdue_session: bool
    debrief_missing: tuple[Side, ...]
    rating_drops: dict[Side, tuple[str, ...]]
    """Side -> the measures whose rating fell by RATING_DROP_POINTS or more."""
    rated: dict[Side, tuple[Rated, ...]]
    """Each side's latest rated held sessions, newest first, at most two."""


@dataclass(frozen=True, slots=True)
class OverdueCommitment:
    pair: AssessedPair
    owner: Side
    text: str
    due: date


class Tally(NamedTuple):
    nudges: int
    pairs: int


def _session_rules(latest: CTE, today: date) -> dict[str, ColumnElement[bool]]:
    """The three session rules as conditions on a pair and its latest sessions, by name:
    `overdue_session`, `{side}_debrief_missing`, and `{side}_{measure}_fell` (a rating drop)."""
    p = latest.c
    idle = days_to(today, func.coalesce(p.last_held, p.start_date))
    overdue = idle > p.cadence_days
    # The debrief and rating rules look at the latest session only while it is within the cadence.
    current = and_(p.last_held.is_not(None), ~overdue)
    past_grace = p.last_held < today - timedelta(days=DEBRIEF_GRACE_DAYS)
    rules = {"overdue_session": overdue}
    for side in SIDES:
        rated_last = p[f"{side}_1_held_on"]
        unrated = or_(rated_last.is_(None), rated_last < p.last_held)
        rules[f"{side}_debrief_missing"] = and_(current, past_grace, unrated)
        for m in MEASURES:
            fell = p[f"{side}_2_{m}"] - p[f"{side}_1_{m}"]
            rules[f"{side}_{m}_fell"] = and_(current, fell >= RATING_DROP_POINTS)
    return rules


def _judged(assessed: Subquery, today: date) -> tuple[Subquery, list[str]]:
    """Each assessed pair with its latest sessions and 1 or 0 per rule; and the rules' names."""
    latest = latest_sessions(assessed, today)
    rules = _session_rules(latest, today)
    judged = select(
        latest, *(case((rule, 1), else_=0).label(name) for name, rule in rules.items())
    ).subquery("judged")
    return judged, list(rules)


def _one_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def _added(terms: Iterable[ColumnElement[int]]) -> ColumnElement[int]:
    """`a + b + ...` in SQL (the built-in sum would start from a Python 0)."""
    return functools.reduce(operator.add, terms)


def due_counts(
    conn: Connection, today: date, cohort: str | None
) -> tuple[dict[NudgeKind, Tally], Tally]:
    """How many nudges of each kind are due on `today` to assessed pairs (of `cohort`, if
    given), over how many pairs; and all kinds together. One aggregate query."""
    assessed = assessed_pairs(today, cohort)
    judged, _ = _judged(assessed, today)
    late = open_past_due(assessed, today)
    late_per_pair = select(late.c.id, func.count().label("n")).group_by(late.c.id).subquery("late")
    j = judged.c
    per_pair: dict[NudgeKind, ColumnElement[int]] = {
        "overdue-session": j.overdue_session,
        "overdue-commitment": func.coalesce(late_per_pair.c.n, 0),
        "debrief-missing": _added(j[f"{side}_debrief_missing"] for side in SIDES),
        "rating-drop": _added(
            _one_if(or_(*(j[f"{side}_{m}_fell"] == 1 for m in MEASURES))) for side in SIDES
        ),
    }
    every = _added(per_pair[kind] for kind in KIND_ORDER)
    columns: list[ColumnElement[int]] = []
    for n in [*(per_pair[kind] for kind in KIND_ORDER), every]:
        columns += [func.sum(n), func.sum(_one_if(n > 0))]
    query = select(*columns).select_from(
        judged.outerjoin(late_per_pair, late_per_pair.c.id == judged.c.id)
    )
    values = [int(value or 0) for value in conn.execute(query).one()]
    tallies = [Tally(*values[at : at + 2]) for at in range(0, len(values), 2)]
    return dict(zip(KIND_ORDER, tallies[:-1], strict=True)), tallies[-1]


def due_pairs(conn: Connection, today: date) -> list[DuePair]:
    """The assessed pairs due a session nudge on `today` (overdue session, missing debrief or
    rating drop), ordered by pair."""
    judged, rules = _judged(assessed_pairs(today, None), today)
    fired = or_(*(judged.c[name] == 1 for name in rules))
    query = select(judged).where(fired).order_by(judged.c.id)
    return [_due_pair(row) for row in conn.execute(query).mappings()]


def overdue_commitments(conn: Connection, today: date) -> list[OverdueCommitment]:
    """The commitments of assessed pairs open past their due date on `today`, by pair and date."""
    late = open_past_due(assessed_pairs(today, None), today)
    query = select(late).order_by(late.c.id, late.c.due, late.c.commitment_id)
    return [
        OverdueCommitment(_assessed(row), row["owner"], row["text"], row["due"])
        for row in conn.execute(query).mappings()
    ]


def _assessed(row: Any) -> AssessedPair:
    return AssessedPair(
        id=row["id"],
        cohort=row["cohort"],
        start_date=row["start_date"],
        cadence_days=row["cadence_days"],
        people={
            "leader": (row["leader_id"], row["leader_name"]),
            "mentor": (row["mentor_id"], row["mentor_name"]),
        },
    )


def _due_pair(row: Any) -> DuePair:
    drops = {side: tuple(m for m in MEASURES if row[f"{side}_{m}_fell"]) for side in SIDES}
    rated = {
        side: tuple(
            Rated(*(row[f"{side}_{rank}_{field}"] for field in ("held_on", *MEASURES)))
            for rank in RATED_RANKS
            if row[f"{side}_{rank}_held_on"] is not None
        )
        for side in SIDES
    }
    return DuePair(
        pair=_assessed(row),
        last_held=row["last_held"],
        overdue_session=bool(row["overdue_session"]),
        debrief_missing=tuple(side for side in SIDES if row[f"{side}_debrief_missing"]),
        rating_drops={side: measures for side, measures in drops.items() if measures},
        rated=rated,
    )
