"""What the nudge rules read, in SQL: the pairs assessed, their latest sessions, late commitments.

The rules need little of a pair: its latest held session and each side's two latest rated ones.
Window functions rank a pair's sessions and one grouped pass keeps those, so a history of any
length comes down to one row per pair without leaving the database.
"""

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, extract, func, literal, or_, select
from sqlalchemy.sql.selectable import Subquery

from assistant.models import Side
from assistant.store.schema import commitments, pairs, participants, sessions

SIDES: tuple[Side, ...] = ("leader", "mentor")
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
    return (literal(today_seconds) - extract("epoch", day)) / _DAY_SECONDS


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


def latest_sessions(assessed: Subquery, today: date) -> Subquery:
    """Per assessed pair with a held session by `today`: `last_held`, its latest one's date, and
    per side and rank in RATED_RANKS `{side}_{rank}_held_on`, `_safety` and `_usefulness`.

    Counting a side's ratings from each session to the newest one ranks its rated sessions
    newest first in one ascending pass, the order of the (pair, day) index, so nothing is
    sorted. Every session after a side's last ranked rating ranks lower, the latest among them.
    """
    s = sessions.c
    to_newest: dict[str, Any] = {
        "partition_by": s.pair_id,
        "order_by": s.held_on,
        "rows": (0, None),
    }
    columns = [s.pair_id, s.held_on]
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
    kept = [func.max(r.held_on).label("last_held")]
    for side in SIDES:
        for rank in RATED_RANKS:
            nth = and_(r[f"{side}_rated"] == 1, r[f"{side}_rank"] == rank)
            for field in ("held_on", *(f"{side}_{m}" for m in MEASURES)):
                name = f"{side}_{rank}_{field.removeprefix(f'{side}_')}"
                kept.append(func.max(case((nth, r[field]))).label(name))
    recent = or_(*(r[f"{side}_rank"] <= max(RATED_RANKS) for side in SIDES))
    return select(r.pair_id, *kept).where(recent).group_by(r.pair_id).subquery("latest")


def open_past_due(assessed: Subquery, today: date) -> Subquery:
    """The assessed pairs' commitments, made by `today`, that were still open past their due
    date on `today` (closed only later counts as open then), each with its pair's columns."""
    c, s = commitments.c, sessions.c
    still_open_then = or_(c.status == "open", c.closed_on > today)
    return (
        select(*assessed.c, c.id.label("commitment_id"), c.owner, c.text, c.due)
        .join_from(commitments, sessions, s.id == c.session_id)
        .join_from(commitments, assessed, assessed.c.id == c.pair_id)
        .where(s.held_on <= today, c.due < today, still_open_then)
        .subquery("overdue")
    )
