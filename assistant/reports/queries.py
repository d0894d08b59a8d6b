"""One aggregate query per report section, each run in SQL and read back as a handful of rows.

Every query starts from the `Scope` CTEs, so only consenting pairs' sessions are counted and
the private-notes table is never named. Each function applies the suppression `Gate` to what
it read and returns the section's model.
"""

from collections import defaultdict
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    String,
    case,
    cast,
    func,
    null,
    or_,
    select,
    union_all,
)

from assistant.models import OBJECTIVE_KINDS, TOPICS
from assistant.reports.gate import Gate
from assistant.reports.model import (
    Accountability,
    MonthRatings,
    ObjectiveKindProgress,
    PairCounts,
    RatingsSection,
    Retention,
    SideRatings,
    ThemeMonth,
    Totals,
)
from assistant.reports.sql import Scope, days_between, median, month_of, on
from assistant.store.schema import (
    commitments,
    objective_progress,
    objectives,
    pairs,
    participants,
    session_topics,
)

#: Retention windows: months and the days that stand for them, so SQL compares whole days.
RETENTION_DAYS = {3: 91, 6: 182, 12: 365}


def pair_counts(conn: Connection, scope: Scope) -> tuple[PairCounts, dict[str, int]]:
    """Pairs by status, and the consenting pairs by status (the at-risk section needs them)."""
    p = scope.pairs
    rows = conn.execute(
        select(p.c.status, func.count(), func.sum(p.c.consenting)).group_by(p.c.status)
    ).all()
    by_status = {status: int(n) for status, n, _ in rows}
    consenting = {status: int(c or 0) for status, _, c in rows}
    counts = PairCounts(
        active=by_status.get("active", 0),
        paused=by_status.get("paused", 0),
        closed=by_status.get("closed", 0),
        total=sum(by_status.values()),
        consenting=sum(consenting.values()),
    )
    return counts, consenting


def totals(conn: Connection, scope: Scope, gate: Gate, counts: PairCounts) -> Totals:
    held, shared = scope.window, scope.shared
    sessions_held, pairs_meeting = conn.execute(
        select(func.count(), func.count(held.c.pair_id.distinct()))
    ).one()
    per_pair = (
        select(shared.c.id.label("pair"), func.count(held.c.id).label("v"))
        .select_from(shared.outerjoin(held, held.c.pair_id == shared.c.id))
        .group_by(shared.c.id)
        .subquery("per_pair")
    )
    per_pair_median, _ = conn.execute(median(per_pair)).one()
    previous = func.lag(held.c.held_on).over(partition_by=held.c.pair_id, order_by=held.c.held_on)
    gaps = select(held.c.pair_id.label("pair"), days_between(held.c.held_on, previous).label("v"))
    gap_median, gap_pairs = conn.execute(median(gaps.subquery("gaps"))).one()
    cadence_share, active = _cadence(conn, scope)
    return Totals(
        pairs=counts,
        sessions_held=gate.count(sessions_held, pairs_meeting),
        sessions_per_pair_median=gate.number(per_pair_median, counts.consenting, 1),
        median_days_between_sessions=gate.number(gap_median, gap_pairs, 1),
        cadence_met_share=gate.number(cadence_share, active, 3),
    )


def _cadence(conn: Connection, scope: Scope) -> tuple[float | None, int]:
    """Share of active shared pairs with at least one held session per cadence since they began."""
    shared, held = scope.shared, scope.window
    per_pair = (
        select(shared.c.start_date, shared.c.cadence_days, func.count(held.c.id).label("held"))
        .select_from(shared.outerjoin(held, held.c.pair_id == shared.c.id))
        .where(shared.c.status == "active")
        .group_by(shared.c.id, shared.c.start_date, shared.c.cadence_days)
        .subquery("cadence")
    )
    began = per_pair.c.start_date
    if scope.since is not None:
        began = case((began > on(scope.since), began), else_=on(scope.since))
    expected = days_between(on(scope.today), began) // per_pair.c.cadence_days
    met = case((per_pair.c.held >= expected, 1.0), else_=0.0)
    share, active = conn.execute(select(func.avg(met), func.count())).one()
    return share, int(active)


def _side_ratings(row: Any, side: str, gate: Gate) -> SideRatings:
    return SideRatings(
        safety_mean=gate.number(row[f"{side}_safety"], row[f"{side}_safety_pairs"]),
        usefulness_mean=gate.number(row[f"{side}_usefulness"], row[f"{side}_usefulness_pairs"]),
    )


def _rating_columns(held: Any) -> list[ColumnElement[Any]]:
    columns: list[ColumnElement[Any]] = []
    for side in ("leader", "mentor"):
        for measure in ("safety", "usefulness"):
            column = held.c[f"{side}_{measure}"]
            rated_pair = case((column.is_not(None), held.c.pair_id))
            columns.append(func.avg(column).label(f"{side}_{measure}"))
            columns.append(func.count(rated_pair.distinct()).label(f"{side}_{measure}_pairs"))
    return columns


def ratings(conn: Connection, scope: Scope, gate: Gate) -> RatingsSection:
    held = scope.window
    overall = conn.execute(select(*_rating_columns(held))).mappings().one()
    month = month_of(held.c.held_on).label("month")
    monthly = conn.execute(
        select(month, *_rating_columns(held)).group_by(month).order_by(month)
    ).mappings()
    by_month = [
        MonthRatings(
            month=row["month"],
            leader=_side_ratings(row, "leader", gate),
            mentor=_side_ratings(row, "mentor", gate),
        )
        for row in monthly
    ]
    return RatingsSection(
        leader=_side_ratings(overall, "leader", gate),
        mentor=_side_ratings(overall, "mentor", gate),
        by_month=by_month,
    )


def accountability(conn: Connection, scope: Scope, gate: Gate) -> Accountability:
    """Commitments made in the window's sessions, by where they stand on the report date."""
    c, held = commitments, scope.window

    def tally(condition: ColumnElement[bool]) -> ColumnElement[Any]:
        return func.sum(case((condition, 1), else_=0))

    overdue = (c.c.status == "open") & (c.c.due < on(scope.today))
    row = conn.execute(
        select(
            func.count().label("made"),
            tally(c.c.status == "done").label("done"),
            tally(c.c.status == "dropped").label("dropped"),
            tally(c.c.status == "open").label("open"),
            tally(overdue).label("overdue"),
            func.count(c.c.pair_id.distinct()).label("pairs"),
        ).join_from(c, held, held.c.id == c.c.session_id)
    ).one()
    kept = (row.made or 0) - (row.dropped or 0)
    rate = row.done / kept if kept else None
    return Accountability(
        made=gate.count(row.made, row.pairs),
        done=gate.count(row.done, row.pairs),
        dropped=gate.count(row.dropped, row.pairs),
        open=gate.count(row.open, row.pairs),
        overdue=gate.count(row.overdue, row.pairs),
        completion_rate=gate.number(rate, row.pairs, 3),
    )


def objective_kinds(conn: Connection, scope: Scope, gate: Gate) -> list[ObjectiveKindProgress]:
    """Each objective at its latest progress reading on or before the report date."""
    s, op, o, shared = scope.sessions, objective_progress, objectives, scope.shared
    readings = (
        select(
            s.c.pair_id,
            op.c.objective_id,
            op.c.progress,
            func.row_number()
            .over(
                partition_by=(s.c.pair_id, op.c.objective_id),
                order_by=(s.c.held_on.desc(), s.c.id.desc()),
            )
            .label("rn"),
        )
        .join_from(op, s, s.c.id == op.c.session_id)
        .subquery("readings")
    )
    latest = select(readings).where(readings.c.rn == 1).subquery("latest")
    progress = func.coalesce(latest.c.progress, o.c.progress)
    rows = conn.execute(
        select(
            o.c.kind,
            func.count(o.c.pair_id.distinct()).label("pairs"),
            func.count().label("objectives"),
            func.avg(progress).label("mean"),
            func.avg(case((progress >= 100, 1.0), else_=0.0)).label("completed"),
        )
        .join_from(o, shared, shared.c.id == o.c.pair_id)
        .outerjoin(latest, (latest.c.pair_id == o.c.pair_id) & (latest.c.objective_id == o.c.id))
        .group_by(o.c.kind)
    ).all()
    order = {kind: i for i, kind in enumerate(OBJECTIVE_KINDS)}
    return [
        ObjectiveKindProgress(
            kind=row.kind,
            pairs=gate.count(row.pairs, row.pairs),
            objectives=gate.count(row.objectives, row.pairs),
            mean_progress=gate.number(row.mean, row.pairs, 1),
            completed_share=gate.number(row.completed, row.pairs, 3),
        )
        for row in sorted(rows, key=lambda r: order.get(r.kind, len(order)))
    ]


def retention(conn: Connection, scope: Scope, cohort: str | None, gate: Gate) -> list[Retention]:
    """Leaders and mentors still in the programme N months after they joined.

    Roster facts, not session summaries, so every participant counts whatever their consent.
    Someone with no join date joined when their first pair started.
    """
    p, today = participants, on(scope.today)
    first_pair = (
        select(func.min(pairs.c.start_date))
        .where(or_(pairs.c.leader_id == p.c.id, pairs.c.mentor_id == p.c.id))
        .scalar_subquery()
    )
    joined = func.coalesce(p.c.joined_on, first_pair)
    columns = []
    for months, days in RETENTION_DAYS.items():
        eligible = days_between(today, joined) >= days
        stayed = or_(
            p.c.left_on.is_(None), p.c.left_on > today, days_between(p.c.left_on, joined) >= days
        )
        columns.append(func.sum(case((eligible, 1), else_=0)).label(f"eligible_{months}"))
        columns.append(func.sum(case((eligible & stayed, 1), else_=0)).label(f"stayed_{months}"))
    query = select(p.c.role, *columns).where(p.c.role.in_(("leader", "mentor"))).group_by(p.c.role)
    if cohort is not None:
        query = query.where(p.c.cohort == cohort)
    found = {row["role"]: row for row in conn.execute(query).mappings()}
    rows = []
    for role in ("leader", "mentor"):
        row = found.get(role, {})
        for months in RETENTION_DAYS:
            eligible = int(row.get(f"eligible_{months}") or 0)
            share = int(row.get(f"stayed_{months}") or 0) / eligible if eligible else None
            rows.append(
                Retention(
                    role=role,
                    months=months,
                    eligible=gate.count(eligible, eligible),
                    still_active_share=gate.number(share, eligible, 3),
                )
            )
    return rows


def themes(conn: Connection, scope: Scope, gate: Gate) -> list[ThemeMonth]:
    """Held sessions per month and how many covered each topic; each cell gated by its own pairs."""
    held, st = scope.window, session_topics
    month = month_of(held.c.held_on).label("month")
    sessions_by_month = select(
        month,
        cast(null(), String(40)).label("topic"),
        func.count().label("n"),
        func.count(held.c.pair_id.distinct()),
    ).group_by(month)
    by_topic = (
        select(month, st.c.topic, func.count(), func.count(held.c.pair_id.distinct()))
        .join_from(st, held, held.c.id == st.c.session_id)
        .group_by(month, st.c.topic)
    )
    months: dict[str, dict[str, Any]] = defaultdict(dict)
    sessions: dict[str, Any] = {}
    for name, topic, n, pair_count in conn.execute(union_all(sessions_by_month, by_topic)):
        if topic is None:
            sessions[name] = gate.count(n, pair_count)
        else:
            months[name][topic] = gate.count(n, pair_count)
    return [
        ThemeMonth(month=name, sessions=sessions[name], topics=_in_topic_order(months[name]))
        for name in sorted(sessions)
    ]


def _in_topic_order(counts: dict[str, Any]) -> dict[str, Any]:
    order = {topic: i for i, topic in enumerate(TOPICS)}
    return dict(sorted(counts.items(), key=lambda item: (order.get(item[0], len(order)), item[0])))
