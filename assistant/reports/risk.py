"""Pairs at risk, each with its reasons; the rules run in SQL and only flagged pairs come back.

Only active pairs whose two participants consented are assessed: every rule reads session
summaries (dates, ratings, commitments), and a pair that did not consent to share them is
counted, not named (`AtRisk.not_assessed_without_consent`). Reasons are generated from
dates, counts and ratings; none quotes anything a participant wrote.
"""

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, func, or_, select
from sqlalchemy.sql.selectable import CTE

from assistant.accountability.facts import open_on
from assistant.models import SIDES
from assistant.reports.model import AtRisk, PairAtRisk, RiskCode, RiskReason
from assistant.reports.scope import Scope
from assistant.reports.sql import on
from assistant.store.schema import commitments
from assistant.surveys.catalogue import POOR_FIT_MEAN
from assistant.surveys.fit import poor_fits

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
    "poor-fit",
)


def at_risk(conn: Connection, scope: Scope, consenting_active: int, active: int) -> AtRisk:
    reasons: dict[tuple[str, str], list[RiskReason]] = defaultdict(list)
    for finder in (_from_sessions, _overdue, _poor_fit):
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


def _bounds(scope: Scope) -> CTE:
    """Each active shared pair with the days of its latest held session (`last_day`), of its
    RECENT-th latest (`recent_from`) and of its (2 x RECENT)-th latest (`before_from`); NULL
    when it held fewer.

    Each day is one short walk back the scope's (pair, month, day) index; materialized, so the
    walks run once however often the days are read.
    """
    s, shared = scope.sessions, scope.shared

    def nth_latest(n: int) -> ColumnElement[Any]:
        return (
            select(s.c.day)
            .where(s.c.pair_id == shared.c.id, s.c.status == "held")
            # Month then day, newest first: the index's order (a pair meets once a day at most).
            .order_by(s.c.month.desc(), s.c.day.desc())
            .limit(1)
            .offset(n - 1)
            .scalar_subquery()
        )

    return (
        select(
            shared.c.id,
            shared.c.cohort,
            shared.c.start_day,
            shared.c.cadence_days,
            nth_latest(1).label("last_day"),
            nth_latest(RECENT).label("recent_from"),
            nth_latest(2 * RECENT).label("before_from"),
        )
        .where(shared.c.status == "active")
        .cte("bounds")
        .prefix_with("MATERIALIZED")
    )


def _per_pair(scope: Scope) -> Any:
    """Each active shared pair's days idle and safety over its latest 2 x RECENT held sessions:
    the RECENT latest, the RECENT before them, and the latest alone."""
    s, bounds = scope.sessions, _bounds(scope)
    b = bounds.c
    recent = or_(b.recent_from.is_(None), s.c.day >= b.recent_from)
    windows = {"recent": recent, "before": s.c.day < b.recent_from}
    columns = []
    for side in SIDES:
        safety = s.c[f"{side}_safety"]
        columns += [
            func.avg(case((during, safety))).label(f"{side}_{name}")
            for name, during in windows.items()
        ]
        columns.append(func.max(case((s.c.day == b.last_day, safety))).label(f"{side}_latest"))
    since = or_(b.before_from.is_(None), s.c.day >= b.before_from)
    held = and_(s.c.pair_id == b.id, s.c.status == "held", since)
    idle = scope.today_day - func.coalesce(b.last_day, b.start_day)
    return (
        select(b.id, b.cohort, b.cadence_days, idle.label("idle"), *columns)
        .select_from(bounds.outerjoin(s, held))
        .group_by(b.id, b.cohort, b.cadence_days, b.last_day, b.start_day)
        .subquery("per_pair")
    )


def _from_sessions(conn: Connection, scope: Scope) -> list[tuple[str, str, RiskReason]]:
    """Missed cadence, falling safety and rating gaps: only flagged pairs come back."""
    per_pair = _per_pair(scope)
    flags = {
        "missed": per_pair.c.idle > per_pair.c.cadence_days * CADENCE_SLACK,
        "gap": func.abs(per_pair.c.leader_latest - per_pair.c.mentor_latest) >= GAP_POINTS,
    }
    for side in SIDES:
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
    for side in SIDES:
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


def _poor_fit(conn: Connection, scope: Scope) -> list[tuple[str, str, RiskReason]]:
    """A side's pairing-fit answers averaged at or below the poor-fit line."""
    active = select(scope.shared).where(scope.shared.c.status == "active").subquery("active")
    found = []
    for fit in poor_fits(conn, active, scope.today):
        detail = (
            f"{fit.side}'s pairing-fit answers {POOR_FIT_MEAN:g} of 5 or lower ({fit.answered_on})"
        )
        found.append((fit.pair_id, fit.cohort, RiskReason(code="poor-fit", detail=detail)))
    return found
