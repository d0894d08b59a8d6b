"""Portable SQL pieces the report queries share: date arithmetic, months and medians.

SQLite and PostgreSQL differ in date arithmetic and formatting, so the two functions that need
it compile per dialect; everything else is plain SQL (GROUP BY, CASE, window functions) that
both run unchanged.
"""

from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    String,
    case,
    cast,
    func,
    literal,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.selectable import ScalarSelect, Subquery


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
    # SQLAlchemy stores a Date as 'YYYY-MM-DD' text on SQLite; substr is 3x faster than strftime.
    (day,) = _args(element, compiler, **kw)
    return f"substr({day}, 1, 7)"


@compiles(month_of, "postgresql")
def _month_of_postgresql(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    (day,) = _args(element, compiler, **kw)
    return f"to_char({day}, 'YYYY-MM')"


def on(day: date) -> ColumnElement[date]:
    """A date parameter typed as a date, so each dialect binds and compares it as one."""
    return literal(day, Date)


def median(values: Subquery) -> ScalarSelect[Any]:
    """The median of `values.c.v` as a scalar subquery, NULLs left out (NULL when none).

    Neither dialect shares a MEDIAN aggregate, and ranking every row is a sort of them all;
    the values here (days, session counts) repeat a lot, so count each distinct value, run a
    total over those few rows, and take the value where the total passes the middle: the
    middle one for an odd count, the mean of the middle two for an even count.
    """
    histogram = (
        select(values.c.v, func.count().label("times"))
        .where(values.c.v.is_not(None))
        .group_by(values.c.v)
        .subquery("histogram")
    )
    running = select(
        histogram.c.v,
        cast(func.sum(histogram.c.times).over(order_by=histogram.c.v), Integer).label("upto"),
        cast(func.sum(histogram.c.times).over(), Integer).label("n"),
    ).subquery("running")

    def nth(position: ColumnElement[int]) -> ColumnElement[Any]:
        return func.min(case((running.c.upto >= position, running.c.v)))

    middle = (nth((running.c.n + 1) // 2) + nth((running.c.n + 2) // 2)) / 2.0
    return select(middle).scalar_subquery()
