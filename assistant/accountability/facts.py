"""What the nudge rules read, in SQL: the pairs assessed, their latest sessions, late commitments.

The rules need little of a pair: its latest held session and each side's two latest rated ones.
Each is one short walk back the (pair, day) index, so a history of any length costs no more than
a few rows per pair, and one row per pair comes out.
"""

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, extract, literal, or_, select, type_coerce
from sqlalchemy.sql.selectable import CTE, ScalarSelect, Subquery

from assistant.models import SIDES, Side
from assistant.store.schema import commitments, pairs, participants, sessions

MEASURES = ("safety", "usefulness")
#: How far back a side's ratings are read: its latest rated session (1) and the one before (2).
RATED_RANKS = (1, 2)
_EPOCH = date(1970, 1, 1)
_DAY_SECONDS = 86_400


def days_to(today: date, day: ColumnElement[date]) -> ColumnElement[int]:
    """Whole days from `day` to `today`, in SQL.

    Both dialects extract a date's seconds since 1970 (SQLAlchemy compiles EXTRACT(epoch) to
    strftime('%s') on SQLite), and a date is midnight, so the difference divides exactly.
    """
    today_seconds = (today - _EPOCH).days * _DAY_SECONDS
    return type_coerce((literal(today_seconds) - extract("epoch", day)) / _DAY_SECONDS, Integer)


def assessed_pairs(today: date, cohort: str | None) -> Subquery:
    """Active pairs whose two participants consented, started by `today`, with both people."""
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


def _rated(side: Side) -> ColumnElement[bool]:
    s = sessions.c
    return and_(s[f"{side}_safety"].is_not(None), s[f"{side}_usefulness"].is_not(None))


def _newest(
    assessed: Subquery, today: date, column: ColumnElement[Any], *where: Any, skip: int = 0
) -> ScalarSelect[Any]:
    """`column` of the pair's latest held session by `today` meeting `where`, `skip` ones back."""
    s = sessions.c
    return (
        select(column)
        .where(s.pair_id == assessed.c.id, s.status == "held", s.held_on <= today, *where)
        .order_by(s.held_on.desc())  # a pair holds at most one session a day
        .limit(1)
        .offset(skip)
        .scalar_subquery()
    )


def latest_sessions(assessed: Subquery, today: date) -> CTE:
    """Each assessed pair's columns, `last_held` (its latest held session's date by `today`, or
    NULL), and per side and rank in RATED_RANKS (1 the latest) the session that side rated:
    `{side}_{rank}_held_on`, `{side}_{rank}_safety`, `{side}_{rank}_usefulness`.

    Each session is found by a subquery that walks back the pair's (pair, day) index from
    `today` and stops at the first fit, a row or two away; the ratings then come by id. The
    result is materialized: the rules read `last_held` many times, and a query planner that
    inlined the subqueries would walk the index again for each reading.
    """
    s = sessions.c
    picks = {
        f"{side}_{rank}": _newest(assessed, today, s.id, _rated(side), skip=rank - 1)
        for side in SIDES
        for rank in RATED_RANKS
    }
    found = select(
        assessed,
        _newest(assessed, today, s.held_on).label("last_held"),
        *(pick.label(f"{name}_id") for name, pick in picks.items()),
    ).subquery("found")
    columns: list[Any] = [found.c[c.name] for c in assessed.c] + [found.c.last_held]
    joined: Any = found
    for side in SIDES:
        for rank in RATED_RANKS:
            name = f"{side}_{rank}"
            rated = sessions.alias(name)
            joined = joined.outerjoin(rated, rated.c.id == found.c[f"{name}_id"])
            columns.append(rated.c.held_on.label(f"{name}_held_on"))
            columns += [rated.c[f"{side}_{m}"].label(f"{name}_{m}") for m in MEASURES]
    return select(*columns).select_from(joined).cte("latest").prefix_with("MATERIALIZED")


def open_on(today: date) -> ColumnElement[bool]:
    """A commitment still open on `today`: open now, or closed only after that day."""
    c = commitments.c
    return or_(c.status == "open", c.closed_on > today)


def open_past_due(assessed: Subquery, today: date) -> Subquery:
    """The assessed pairs' commitments, made by `today`, that were still open past their due
    date on `today` (closed only later counts as open then), each with its pair's columns."""
    c, s = commitments.c, sessions.c
    return (
        select(*assessed.c, c.id.label("commitment_id"), c.owner, c.text, c.due)
        .join_from(commitments, sessions, s.id == c.session_id)
        .join_from(commitments, assessed, assessed.c.id == c.pair_id)
        .where(s.held_on <= today, c.due < today, open_on(today))
        .subquery("overdue")
    )
