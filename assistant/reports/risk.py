"""Pairs at risk, each with its reasons; the rules run in SQL and only flagged pairs come back.

Only active pairs whose two participants consented are assessed: every rule reads session
summaries (dates, ratings, commitments), and a pair that did not consent to share them is
counted, not named (`AtRisk.not_assessed_without_consent`). Reasons are generated from
dates, counts and ratings; none quotes anything a participant wrote.
"""

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, func, literal, or_, select, union_all

from assistant.reports.model import AtRisk, PairAtRisk, RiskCode, RiskReason
from assistant.reports.sql import Scope, days_between, on
from assistant.store.schema import commitments

#: A pair is overdue for a session after this many times its planned cadence.
CADENCE_SLACK = 1.5
#: Falling safety: the mean of a side's last RECENT ratings against the RECENT before them...
RECENT = 3
#: ...dropped by at least this many points (safety is rated 1-7).
FALL_POINTS = 1.0
#: Rating gap: one side's latest safety rating at least this many points below the other's.
GAP_POINTS = 2

_CODE_ORDER: tuple[RiskCode, ...] = (
    "missed-cadence",
    "falling-safety",
    "overdue-commitments",
    "rating-gap",
)


def at_risk(conn: Connection, scope: Scope, consenting_active: int, active: int) -> AtRisk:
    reasons: dict[tuple[str, str], list[RiskReason]] = defaultdict(list)
    for finder in (_missed_cadence, _ratings, _overdue):
        for pair_id, cohort, reason in finder(conn, scope):
            reasons[(pair_id, cohort)].append(reason)
    flagged = [
        PairAtRisk(
            pair_id=pair_id,
            cohort=cohort,
            reasons=sorted(found, key=lambda r: _CODE_ORDER.index(r.code)),
        )
        for (pair_id, cohort), found in reasons.items()
    ]
    flagged.sort(key=lambda pair: (-len(pair.reasons), pair.pair_id))
    return AtRisk(pairs=flagged, not_assessed_without_consent=active - consenting_active)


def _active_held(scope: Scope) -> Any:
    shared, s = scope.shared, scope.sessions
    return (
        select(
            s.c.id, s.c.pair_id, s.c.held_on, s.c.leader_safety, s.c.mentor_safety, shared.c.cohort
        )
        .join_from(s, shared, shared.c.id == s.c.pair_id)
        .where(shared.c.status == "active", s.c.status == "held")
        .subquery("active_held")
    )


def _missed_cadence(conn: Connection, scope: Scope) -> list[tuple[str, str, RiskReason]]:
    """No held session (or, before the first, no start) for over CADENCE_SLACK x the cadence."""
    shared, s = scope.shared, scope.sessions
    held = (s.c.pair_id == shared.c.id) & (s.c.status == "held")
    per_pair = (
        select(
            shared.c.id,
            shared.c.cohort,
            shared.c.cadence_days,
            func.coalesce(func.max(s.c.held_on), shared.c.start_date).label("last"),
        )
        .select_from(shared.outerjoin(s, held))
        .where(shared.c.status == "active")
        .group_by(shared.c.id, shared.c.cohort, shared.c.cadence_days, shared.c.start_date)
        .subquery("last_held")
    )
    idle = days_between(on(scope.today), per_pair.c.last)
    rows = conn.execute(
        select(per_pair.c.id, per_pair.c.cohort, per_pair.c.cadence_days, idle).where(
            idle > per_pair.c.cadence_days * CADENCE_SLACK
        )
    )
    return [
        (
            pair_id,
            cohort,
            RiskReason(
                code="missed-cadence",
                detail=f"no session for {days} days (planned every {cadence} days)",
            ),
        )
        for pair_id, cohort, cadence, days in rows
    ]


def _ranked_safety(scope: Scope) -> Any:
    """Each side's safety ratings on held sessions, newest first (rn 1 is the latest)."""
    held = _active_held(scope)
    sides = [
        select(
            held.c.pair_id,
            held.c.cohort,
            literal(side).label("side"),
            held.c[f"{side}_safety"].label("safety"),
            held.c.held_on,
            held.c.id,
        ).where(held.c[f"{side}_safety"].is_not(None))
        for side in ("leader", "mentor")
    ]
    rated = union_all(*sides).subquery("rated")
    newest_first = (rated.c.held_on.desc(), rated.c.id.desc())
    rank = func.row_number().over(
        partition_by=(rated.c.pair_id, rated.c.side), order_by=newest_first
    )
    return select(rated, rank.label("rn")).subquery("ranked")


def _ratings(conn: Connection, scope: Scope) -> list[tuple[str, str, RiskReason]]:
    ranked = _ranked_safety(scope)

    def of(side: str, first: int, last: int) -> ColumnElement[Any]:
        picked = (ranked.c.side == side) & ranked.c.rn.between(first, last)
        return case((picked, ranked.c.safety))

    columns = [ranked.c.pair_id, ranked.c.cohort]
    for side in ("leader", "mentor"):
        columns += [
            func.avg(of(side, 1, RECENT)).label(f"{side}_recent"),
            func.avg(of(side, RECENT + 1, 2 * RECENT)).label(f"{side}_before"),
            func.count(of(side, 1, 2 * RECENT)).label(f"{side}_rated"),
            func.max(of(side, 1, 1)).label(f"{side}_latest"),
        ]
    per_pair = (
        select(*columns)
        .where(ranked.c.rn <= 2 * RECENT)
        .group_by(ranked.c.pair_id, ranked.c.cohort)
        .subquery("safety")
    )
    flags = {f"{side}_falling": _falling(per_pair, side) for side in ("leader", "mentor")}
    gap = func.abs(per_pair.c.leader_latest - per_pair.c.mentor_latest) >= GAP_POINTS
    flags["gap"] = gap
    flag_columns = [case((flag, 1), else_=0).label(name) for name, flag in flags.items()]
    query = select(per_pair, *flag_columns).where(or_(*flags.values()))
    found = []
    for row in conn.execute(query).mappings():
        found += [(row["pair_id"], row["cohort"], reason) for reason in _rating_reasons(row)]
    return found


def _falling(per_pair: Any, side: str) -> ColumnElement[bool]:
    """At least RECENT + 1 ratings; the latest RECENT average FALL_POINTS below the ones before."""
    recent, before = per_pair.c[f"{side}_recent"], per_pair.c[f"{side}_before"]
    return (per_pair.c[f"{side}_rated"] > RECENT) & (recent <= before - FALL_POINTS)


def _rating_reasons(row: Any) -> list[RiskReason]:
    reasons = []
    for side in ("leader", "mentor"):
        if row[f"{side}_falling"]:
            before, recent = float(row[f"{side}_before"]), float(row[f"{side}_recent"])
            reasons.append(
                RiskReason(
                    code="falling-safety",
                    detail=f"{side}'s mean safety rating fell from {before:.1f} to {recent:.1f} "
                    f"over the last {RECENT} sessions",
                )
            )
    if row["gap"]:
        leader, mentor = row["leader_latest"], row["mentor_latest"]
        low, high = ("leader", "mentor") if leader < mentor else ("mentor", "leader")
        reasons.append(
            RiskReason(
                code="rating-gap",
                detail=f"{low}'s latest safety rating is {abs(leader - mentor)} points "
                f"below the {high}'s",
            )
        )
    return reasons


def _overdue(conn: Connection, scope: Scope) -> list[tuple[str, str, RiskReason]]:
    """Open commitments whose due date has passed."""
    c, shared, s = commitments, scope.shared, scope.sessions
    rows = conn.execute(
        select(c.c.pair_id, shared.c.cohort, func.count())
        .join_from(c, s, s.c.id == c.c.session_id)
        .join(shared, shared.c.id == c.c.pair_id)
        .where(shared.c.status == "active", c.c.status == "open", c.c.due < on(scope.today))
        .group_by(c.c.pair_id, shared.c.cohort)
    )
    return [
        (
            pair_id,
            cohort,
            RiskReason(
                code="overdue-commitments",
                detail=f"{n} open commitment{'s' if n != 1 else ''} past due",
            ),
        )
        for pair_id, cohort, n in rows
    ]
