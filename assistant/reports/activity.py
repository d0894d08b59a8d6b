"""Totals, ratings and themes: what the window's held sessions add up to.

Sessions are rolled up twice in SQL, per pair and per pair and month, so each figure's pair
count (what the suppression rule needs) is a plain count of rolled-up rows rather than a
COUNT(DISTINCT) per figure, and one query answers a whole section.
"""

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, case, func, select
from sqlalchemy.sql.selectable import CTE, Subquery

from assistant.models import TOPICS
from assistant.reports.gate import Gate
from assistant.reports.model import (
    MonthRatings,
    PairCounts,
    RatingsSection,
    SideRatings,
    ThemeMonth,
    Totals,
    Value,
)
from assistant.reports.scope import Scope
from assistant.reports.sql import median
from assistant.store.schema import session_topics

MEASURES = ("leader_safety", "leader_usefulness", "mentor_safety", "mentor_usefulness")


def _sums(held: Any) -> list[ColumnElement[Any]]:
    """Per rolled-up row: each measure's sum and how many sessions rated it."""
    columns: list[ColumnElement[Any]] = []
    for measure in MEASURES:
        columns.append(func.sum(held.c[measure]).label(f"{measure}_sum"))
        columns.append(func.count(held.c[measure]).label(f"{measure}_n"))
    return columns


def _means(rolled: Subquery | CTE) -> list[ColumnElement[Any]]:
    """Over rolled-up rows: each measure's mean and how many pairs rated it."""
    columns: list[ColumnElement[Any]] = []
    for measure in MEASURES:
        total, rated = rolled.c[f"{measure}_sum"], rolled.c[f"{measure}_n"]
        columns.append((func.sum(total) * 1.0 / func.nullif(func.sum(rated), 0)).label(measure))
        columns.append(func.sum(case((rated > 0, 1), else_=0)).label(f"{measure}_pairs"))
    return columns


def _per_pair(scope: Scope) -> CTE:
    """Each shared pair with its held sessions in the window, their span and rating sums."""
    held, shared = scope.window, scope.shared
    sessions = func.count(held.c.id)
    span = func.max(held.c.day) - func.min(held.c.day)
    return (
        select(
            shared.c.id,
            shared.c.status,
            shared.c.start_day,
            shared.c.cadence_days,
            sessions.label("held"),
            case((sessions > 1, span * 1.0 / (sessions - 1))).label("interval"),
            *_sums(held),
        )
        .select_from(shared.outerjoin(held, held.c.pair_id == shared.c.id))
        .group_by(shared.c.id, shared.c.status, shared.c.start_day, shared.c.cadence_days)
        .cte("per_pair")
    )


def _programme(scope: Scope) -> Select[Any]:
    """One row: sessions, pairs that met (once, twice), the two medians, the cadence share and
    rating means; one statement, so the per-pair rollup is computed once.

    An active pair meets its cadence when it held at least one session per `cadence_days`
    since it began (or since `since`, when later).
    """
    per_pair = _per_pair(scope)
    began: ColumnElement[Any] = per_pair.c.start_day
    if scope.since_day is not None:
        began = case((began > scope.since_day, began), else_=scope.since_day)
    expected = (scope.today_day - began) // per_pair.c.cadence_days
    active = per_pair.c.status == "active"
    met = case((per_pair.c.held >= expected, 1.0), else_=0.0)
    return select(
        func.sum(per_pair.c.held).label("sessions"),
        func.sum(case((per_pair.c.held > 0, 1), else_=0)).label("meeting"),
        func.sum(case((per_pair.c.held > 1, 1), else_=0)).label("with_interval"),
        func.sum(case((active, 1), else_=0)).label("active"),
        func.avg(case((active, met))).label("cadence_met"),
        median(select(per_pair.c.held.label("v")).subquery("held")).label("held_median"),
        median(select(per_pair.c.interval.label("v")).subquery("intervals")).label(
            "interval_median"
        ),
        *_means(per_pair),
    )


def _side(row: Any, side: str, gate: Gate) -> SideRatings:
    return SideRatings(
        safety_mean=gate.number(row[f"{side}_safety"], row[f"{side}_safety_pairs"]),
        usefulness_mean=gate.number(row[f"{side}_usefulness"], row[f"{side}_usefulness_pairs"]),
    )


def totals_and_ratings(
    conn: Connection, scope: Scope, gate: Gate, counts: PairCounts
) -> tuple[Totals, SideRatings, SideRatings]:
    """Programme totals, and each side's mean ratings over the whole window."""
    row = conn.execute(_programme(scope)).mappings().one()
    totals = Totals(
        pairs=counts,
        sessions_held=gate.count(row["sessions"], row["meeting"]),
        sessions_per_pair_median=gate.number(row["held_median"], counts.consenting, 1),
        median_days_between_sessions=gate.number(row["interval_median"], row["with_interval"], 1),
        cadence_met_share=gate.number(row["cadence_met"], row["active"], 3),
    )
    return totals, _side(row, "leader", gate), _side(row, "mentor", gate)


def monthly(conn: Connection, scope: Scope) -> list[Any]:
    """Per month: held sessions, pairs that met, rating means and the pairs behind each."""
    held = scope.window
    rolled = (
        select(held.c.pair_id, held.c.month, func.count().label("held"), *_sums(held))
        .group_by(held.c.pair_id, held.c.month)
        .subquery("per_pair_month")
    )
    query = (
        select(
            rolled.c.month,
            func.sum(rolled.c.held).label("sessions"),
            func.count().label("pairs"),
            *_means(rolled),
        )
        .group_by(rolled.c.month)
        .order_by(rolled.c.month)
    )
    return list(conn.execute(query).mappings())


def ratings(
    overall: tuple[SideRatings, SideRatings], months: list[Any], gate: Gate
) -> RatingsSection:
    by_month = [
        MonthRatings(
            month=row["month"], leader=_side(row, "leader", gate), mentor=_side(row, "mentor", gate)
        )
        for row in months
    ]
    return RatingsSection(leader=overall[0], mentor=overall[1], by_month=by_month)


def themes(conn: Connection, scope: Scope, gate: Gate, months: list[Any]) -> list[ThemeMonth]:
    """Sessions per month and how many covered each topic; each cell gated by its own pairs."""
    held, st = scope.window, session_topics
    query = (
        select(held.c.month, st.c.topic, func.count(), func.count(held.c.pair_id.distinct()))
        .join_from(st, held, held.c.id == st.c.session_id)
        .group_by(held.c.month, st.c.topic)
    )
    topics: dict[str, dict[str, Value]] = defaultdict(dict)
    for month, topic, sessions, pairs in conn.execute(query):
        topics[month][topic] = gate.count(sessions, pairs)
    return [
        ThemeMonth(
            month=row["month"],
            sessions=gate.count(row["sessions"], row["pairs"]),
            topics=_in_topic_order(topics[row["month"]]),
        )
        for row in months
    ]


def _in_topic_order(counts: dict[str, Value]) -> dict[str, Value]:
    order = {topic: i for i, topic in enumerate(TOPICS)}
    return dict(sorted(counts.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))
