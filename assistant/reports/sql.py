"""Portable SQL pieces the report queries share: date arithmetic, months, medians and the scope.

SQLite and PostgreSQL differ in date arithmetic and formatting, so the two functions that need
it compile per dialect; everything else is plain SQL (GROUP BY, CASE, window functions) that
both run unchanged. The scope CTEs are the only way the queries reach the tables, so the
filters that matter for privacy (cohort, consent, the report's dates) are written once.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    and_,
    case,
    func,
    literal,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import CTE, Subquery

from assistant.store.schema import pairs, participants, sessions


class days_between(FunctionElement[int]):  # noqa: N801 - reads as the SQL function it is
    """Whole days from the second date to the first: days_between(later, earlier) >= 0."""

    type = Integer()
    inherit_cache = True


class month_of(FunctionElement[str]):  # noqa: N801
    """A date's calendar month as 'YYYY-MM', which sorts in time order as text."""

    type = String()
    inherit_cache = True


def _args(element: FunctionElement[Any], compiler: SQLCompiler, **kw: Any) -> list[str]:
    return [compiler.process(argument, **kw) for argument in element.clauses]


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = _args(element, compiler, **kw)
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


@compiles(days_between, "postgresql")
def _days_between_postgresql(element: days_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = _args(element, compiler, **kw)
    return f"(CAST({later} AS DATE) - CAST({earlier} AS DATE))"


@compiles(month_of, "sqlite")
def _month_of_sqlite(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _args(element, compiler, **kw)
    return f"strftime('%Y-%m', {day})"


@compiles(month_of, "postgresql")
def _month_of_postgresql(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _args(element, compiler, **kw)
    return f"to_char({day}, 'YYYY-MM')"


def on(day: date) -> ColumnElement[date]:
    """A date parameter typed as a date, so each dialect binds and compares it as one."""
    return literal(day, Date)


def median(values: Subquery) -> Select[Any]:
    """One row: the median of `values.c.v` and how many pairs (`values.c.pair`) gave a value.

    Neither dialect shares a MEDIAN aggregate, so rank the values and average the middle one
    (odd count) or two (even count); NULL values are left out first.
    """
    ranked = (
        select(
            values.c.v,
            values.c.pair,
            func.row_number().over(order_by=values.c.v).label("rn"),
            func.count().over().label("n"),
        )
        .where(values.c.v.is_not(None))
        .subquery("ranked")
    )
    middle = ranked.c.rn.in_([(ranked.c.n + 1) // 2, (ranked.c.n + 2) // 2])
    return select(func.avg(case((middle, ranked.c.v))), func.count(ranked.c.pair.distinct()))


@dataclass(frozen=True)
class Scope:
    """What one report covers, as CTEs every query starts from.

    `pairs`: the cohort's pairs, each with `consenting` (both participants consented).
    `shared`: the consenting pairs alone; everything beyond pair counts reads only these.
    `sessions`: every session of a shared pair held or cancelled on or before the report date.
    `window`: the held sessions among those, on or after `since` when given.
    """

    today: date
    since: date | None
    pairs: CTE
    shared: CTE
    sessions: CTE
    window: CTE


def build_scope(today: date, cohort: str | None, since: date | None) -> Scope:
    leader = participants.alias("leader")
    mentor = participants.alias("mentor")
    consenting = and_(leader.c.consent_to_share, mentor.c.consent_to_share)
    scoped = (
        select(
            pairs.c.id,
            pairs.c.cohort,
            pairs.c.status,
            pairs.c.start_date,
            pairs.c.cadence_days,
            case((consenting, 1), else_=0).label("consenting"),
        )
        .join(leader, leader.c.id == pairs.c.leader_id)
        .join(mentor, mentor.c.id == pairs.c.mentor_id)
    )
    if cohort is not None:
        scoped = scoped.where(pairs.c.cohort == cohort)
    scope_pairs = scoped.cte("scope_pairs")
    shared = select(scope_pairs).where(scope_pairs.c.consenting == 1).cte("shared_pairs")
    shared_sessions = (
        select(
            sessions.c.id,
            sessions.c.pair_id,
            sessions.c.held_on,
            sessions.c.status,
            sessions.c.leader_safety,
            sessions.c.leader_usefulness,
            sessions.c.mentor_safety,
            sessions.c.mentor_usefulness,
        )
        .join(shared, shared.c.id == sessions.c.pair_id)
        .where(sessions.c.held_on <= on(today))
        .cte("shared_sessions")
    )
    held = select(shared_sessions).where(shared_sessions.c.status == "held")
    if since is not None:
        held = held.where(shared_sessions.c.held_on >= on(since))
    return Scope(today, since, scope_pairs, shared, shared_sessions, held.cte("window_sessions"))
