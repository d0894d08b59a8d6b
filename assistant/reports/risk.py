"""Pairs at risk, each with its reasons; the rules run in SQL and only flagged pairs come back.

Only active pairs whose two participants consented are assessed: every rule reads session
summaries (dates, ratings, commitments), and a pair that did not consent to share them is
counted, not named (`AtRisk.not_assessed_without_consent`). Reasons are generated from
dates, counts and ratings; none quotes anything a participant wrote.
"""

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, func, or_, select

from assistant.reports.model import AtRisk, PairAtRisk, RiskCode, RiskReason
from assistant.reports.queries import open_on
from assistant.reports.scope import Scope
from assistant.reports.sql import on
from assistant.store.schema import commitments

#: A pair is overdue for a session after this many times its planned cadence.
CADENCE_SLACK = 1.5
#: Falling safety compares a side's mean over the pair's last RECENT held sessions with its
#: mean over the RECENT held sessions before them (at least one must exist)...
RECENT = 3
#: ...and flags a drop of at least this many points (safety is rated 1-7).
FALL_POINTS = 1.0
#: Rating gap: in the latest held session, one side rated safety this many points below the other.
GAP_POINTS = 2

_CODE_ORDER: tuple[RiskCode, ...] = (
    "missed-cadence",
    "falling-safety",
    "overdue-commitments",
    "rating-gap",
)
_SIDES = ("leader", "mentor")


def at_risk(conn: Connection, scope: Scope, consenting_active: int, active: int) -> AtRisk:
    reasons: dict[tuple[str, str], list[RiskReason]] = defaultdict(list)
    for finder in (_from_sessions, _overdue):
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


def _per_pair(scope: Scope) -> Any:
    """Each active shared pair's days idle and safety over its latest 2 x RECENT sessions.

    One ranking of held sessions, newest first (rn 1 is the latest), serves every rule; it is
    summed up per pair before meeting the pairs, so the join is between two small sets.
    """
    s, shared = scope.sessions, scope.shared
    newest_first = s.c.day.desc()  # a pair has at most one session a day
    ranked = (
        select(
            s.c.pair_id,
            s.c.day,
            s.c.leader_safety,
            s.c.mentor_safety,
            func.row_number().over(partition_by=s.c.pair_id, order_by=newest_first).label("rn"),
        )
        .where(s.c.status == "held")
        .subquery("ranked")
    )

    def safety(side: str, first: int, last: int) -> ColumnElement[Any]:
        return case((ranked.c.rn.between(first, last), ranked.c[f"{side}_safety"]))

    columns = [ranked.c.pair_id, func.max(ranked.c.day).label("last_day")]
    for side in _SIDES:
        columns += [
            func.avg(safety(side, 1, RECENT)).label(f"{side}_recent"),
            func.avg(safety(side, RECENT + 1, 2 * RECENT)).label(f"{side}_before"),
            func.max(safety(side, 1, 1)).label(f"{side}_latest"),
        ]
    latest = (
        select(*columns)
        .where(ranked.c.rn <= 2 * RECENT)
        .group_by(ranked.c.pair_id)
        .subquery("latest")
    )
    idle = scope.today_day - func.coalesce(latest.c.last_day, shared.c.start_day)
    return (
        select(
            shared.c.id,
            shared.c.cohort,
            shared.c.cadence_days,
            idle.label("idle"),
            *(c for c in latest.c if c.name not in ("pair_id", "last_day")),
        )
        .select_from(shared.outerjoin(latest, latest.c.pair_id == shared.c.id))
        .where(shared.c.status == "active")
        .subquery("per_pair")
    )


def _from_sessions(conn: Connection, scope: Scope) -> list[tuple[str, str, RiskReason]]:
    """Missed cadence, falling safety and rating gaps: only flagged pairs come back."""
    per_pair = _per_pair(scope)
    flags = {
        "missed": per_pair.c.idle > per_pair.c.cadence_days * CADENCE_SLACK,
        "gap": func.abs(per_pair.c.leader_latest - per_pair.c.mentor_latest) >= GAP_POINTS,
    }
    for side in _SIDES:
        recent, before = per_pair.c[f"{side}_recent"], per_pair.c[f"{side}_before"]
        flags[f"{side}_falling"] = recent <= before - FALL_POINTS
    flag_columns = [case((flag, 1), else_=0).label(name) for name, flag in flags.items()]
    query = select(per_pair, *flag_columns).where(or_(*flags.values()))
    found = []
    for row in conn.execute(query).mappings():
        found += [(row["id"], row["cohort"], reason) for reason in _reasons(row)]
    return found


def _reasons(row: Any) -> list[RiskReason]:
    reasons = []
    if row["missed"]:
        days, cadence = row["idle"], row["cadence_days"]
        detail = f"no session for {days} days (planned every {cadence} days)"
        reasons.append(RiskReason(code="missed-cadence", detail=detail))
    for side in _SIDES:
        if row[f"{side}_falling"]:
            before, recent = float(row[f"{side}_before"]), float(row[f"{side}_recent"])
            detail = (
                f"{side}'s mean safety rating fell from {before:.1f} to {recent:.1f} "
                f"over the last {RECENT} sessions"
            )
            reasons.append(RiskReason(code="falling-safety", detail=detail))
    if row["gap"]:
        leader, mentor = row["leader_latest"], row["mentor_latest"]
        low, high = ("leader", "mentor") if leader < mentor else ("mentor", "leader")
        points = abs(leader - mentor)
        detail = f"{low}'s latest safety rating is {points} points below the {high}'s"
        reasons.append(RiskReason(code="rating-gap", detail=detail))
    return reasons


def _overdue(conn: Connection, scope: Scope) -> list[tuple[str, str, RiskReason]]:
    """Commitments still open on the report date whose due date had passed."""
    c, shared, s = commitments, scope.shared, scope.sessions
    rows = conn.execute(
        select(c.c.pair_id, shared.c.cohort, func.count())
        .join_from(c, s, s.c.id == c.c.session_id)
        .join(shared, shared.c.id == c.c.pair_id)
        .where(shared.c.status == "active", open_on(scope.today), c.c.due < on(scope.today))
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
