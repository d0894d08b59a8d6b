"""Pair counts, accountability, objectives and retention: one aggregate query each.

Every query starts from the `Scope` tables, so only consenting pairs' sessions are counted and
the private-notes table is never named. Each function applies the suppression `Gate` to the
few rows it read and returns the section's model.
"""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    case,
    func,
    or_,
    select,
    union_all,
)

from assistant.accountability.facts import open_on
from assistant.models import OBJECTIVE_KINDS
from assistant.reports.gate import Gate
from assistant.reports.model import (
    Accountability,
    ObjectiveKindProgress,
    PairCounts,
    Retention,
)
from assistant.reports.scope import Scope
from assistant.reports.sql import days_between, on
from assistant.store.schema import (
    commitments,
    objectives,
    pairs,
    participants,
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


def accountability(conn: Connection, scope: Scope, gate: Gate) -> Accountability:
    """Commitments made in the window's sessions, by where they stood on the report date."""
    c, held = commitments, scope.window

    def tally(condition: ColumnElement[bool]) -> ColumnElement[Any]:
        return func.sum(case((condition, 1), else_=0))

    still_open = open_on(scope.today)
    row = conn.execute(
        select(
            func.count().label("made"),
            tally(~still_open & (c.c.status == "done")).label("done"),
            tally(~still_open & (c.c.status == "dropped")).label("dropped"),
            tally(still_open).label("open"),
            tally(still_open & (c.c.due < on(scope.today))).label("overdue"),
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
    """Each objective at its latest progress: the store rolls every reading up into it."""
    o, shared = objectives, scope.shared
    rows = conn.execute(
        select(
            o.c.kind,
            func.count(o.c.pair_id.distinct()).label("pairs"),
            func.count().label("objectives"),
            func.avg(o.c.progress).label("mean"),
            func.avg(case((o.c.progress >= 100, 1.0), else_=0.0)).label("completed"),
        )
        .join_from(o, shared, shared.c.id == o.c.pair_id)
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
    roles = union_all(
        select(pairs.c.leader_id.label("person"), pairs.c.start_date),
        select(pairs.c.mentor_id.label("person"), pairs.c.start_date),
    ).subquery("roles")
    first_pair = (
        select(roles.c.person, func.min(roles.c.start_date).label("start_date"))
        .group_by(roles.c.person)
        .subquery("first_pair")
    )
    joined = func.coalesce(p.c.joined_on, first_pair.c.start_date)
    columns = []
    for months, days in RETENTION_DAYS.items():
        joined_long_ago = days_between(today, joined) >= days
        stayed = or_(
            p.c.left_on.is_(None), p.c.left_on > today, days_between(p.c.left_on, joined) >= days
        )
        columns.append(func.sum(case((joined_long_ago, 1), else_=0)).label(f"eligible_{months}"))
        columns.append(
            func.sum(case((joined_long_ago & stayed, 1), else_=0)).label(f"stayed_{months}")
        )
    query = (
        select(p.c.role, *columns)
        .select_from(p.outerjoin(first_pair, first_pair.c.person == p.c.id))
        .where(p.c.role.in_(("leader", "mentor")))
        .group_by(p.c.role)
    )
    if cohort is not None:
        query = query.where(p.c.cohort == cohort)
    found = {row["role"]: row for row in conn.execute(query).mappings()}
    rows = []
    for role in ("leader", "mentor"):
        row: Mapping[Any, Any] = found.get(role, {})
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
