"""What one report covers, copied once into two temporary tables every query then reads.

Deciding which pairs and sessions count (cohort, both participants' consent, the report's
dates) takes a three-way join per session; done once into narrow temporary tables instead of
in every query, the whole report on 100,000 sessions runs several times faster. Dates become
day numbers on the way in, so the queries do integer arithmetic instead of date functions.
Temporary tables belong to the connection alone and only shared columns are copied.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    and_,
    case,
    select,
    text,
)
from sqlalchemy.sql.selectable import Subquery

from assistant.reports.sql import days_between, month_of, on
from assistant.store.schema import pairs, participants, sessions

_TEMPORARY = MetaData()

report_pairs = Table(
    "report_pairs",
    _TEMPORARY,
    Column("id", String(64), primary_key=True),
    Column("cohort", String(64), nullable=False),
    Column("status", String(20), nullable=False),
    Column("start_day", Integer, nullable=False),
    Column("cadence_days", Integer, nullable=False),
    Column("consenting", Integer, nullable=False),
    prefixes=["TEMPORARY"],
)

report_sessions = Table(
    "report_sessions",
    _TEMPORARY,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("pair_id", String(64), nullable=False),
    Column("day", Integer, nullable=False),
    Column("month", String(7), nullable=False),
    Column("status", String(20), nullable=False),
    Column("in_window", Integer, nullable=False),
    Column("leader_safety", Integer),
    Column("leader_usefulness", Integer),
    Column("mentor_safety", Integer),
    Column("mentor_usefulness", Integer),
    # Rollups group by pair, or by pair and month: with this index SQLite reads them in order.
    Index("report_sessions_pair_month", "pair_id", "month", "day"),
    prefixes=["TEMPORARY"],
)

#: Day numbers count from here; only differences between them mean anything.
EPOCH = date(2000, 1, 1)


def day_number(day: date) -> int:
    return (day - EPOCH).days


@dataclass(frozen=True)
class Scope:
    """The report's date and window, and what its queries start from.

    Dates in the tables are day numbers (`day_number`), as are `today_day` and `since_day`.

    `pairs`: the cohort's pairs, each with `consenting` (1 when both participants consented).
    `shared`: the consenting pairs alone; everything beyond pair counts reads only these.
    `sessions`: the shared pairs' sessions, held or cancelled, on or before the report date.
    `window`: the held sessions among those, on or after `since` when given.
    """

    today: date
    since: date | None
    today_day: int
    since_day: int | None
    pairs: Table
    shared: Subquery
    sessions: Table
    window: Subquery


@contextmanager
def report_scope(
    conn: Connection, today: date, cohort: str | None, since: date | None
) -> Iterator[Scope]:
    _drop(conn)  # a report that failed earlier on this pooled connection may have left them
    _TEMPORARY.create_all(conn)
    columns = [c.name for c in report_pairs.c]
    conn.execute(report_pairs.insert().from_select(columns, _pairs_in(cohort)))
    columns = [c.name for c in report_sessions.c]
    conn.execute(report_sessions.insert().from_select(columns, _sessions_of_shared(today, since)))
    shared = select(report_pairs).where(report_pairs.c.consenting == 1).subquery("shared")
    window = select(report_sessions).where(report_sessions.c.in_window == 1).subquery("window")
    since_day = None if since is None else day_number(since)
    yield Scope(
        today, since, day_number(today), since_day, report_pairs, shared, report_sessions, window
    )
    _drop(conn)


def _drop(conn: Connection) -> None:
    for table in _TEMPORARY.sorted_tables:
        conn.execute(text(f"DROP TABLE IF EXISTS {table.name}"))


def _pairs_in(cohort: str | None) -> Select:
    leader = participants.alias("leader")
    mentor = participants.alias("mentor")
    consenting = and_(leader.c.consent_to_share, mentor.c.consent_to_share)
    query = (
        select(
            pairs.c.id,
            pairs.c.cohort,
            pairs.c.status,
            days_between(pairs.c.start_date, on(EPOCH)),
            pairs.c.cadence_days,
            case((consenting, 1), else_=0),
        )
        .join(leader, leader.c.id == pairs.c.leader_id)
        .join(mentor, mentor.c.id == pairs.c.mentor_id)
    )
    return query if cohort is None else query.where(pairs.c.cohort == cohort)


def _sessions_of_shared(today: date, since: date | None) -> Select:
    s = sessions
    in_window = s.c.status == "held"
    if since is not None:
        in_window = in_window & (s.c.held_on >= on(since))
    shared_ids = select(report_pairs.c.id).where(report_pairs.c.consenting == 1)
    return select(
        s.c.id,
        s.c.pair_id,
        days_between(s.c.held_on, on(EPOCH)),
        month_of(s.c.held_on),
        s.c.status,
        case((in_window, 1), else_=0),
        s.c.leader_safety,
        s.c.leader_usefulness,
        s.c.mentor_safety,
        s.c.mentor_usefulness,
    ).where(s.c.pair_id.in_(shared_ids), s.c.held_on <= on(today))
