"""Who owes which survey on a date: the one list the CLI, the nudges, the app and the mailer read.

- baseline: each side of an active or paused pair, from the pair's start date;
- pairing-fit: each side of an active or paused pair, from its first held session;
- closing and recommendation: each side of a closed pair, from its last held session (or its
  start, if it never met).

A survey is owed until that side answers it; someone who has left the programme (their `left`
date is on or before the day) owes nothing. Answers recorded after the day do not count, so the
same date always gives the same list. Owing a survey says nothing about what a pair wrote, so
every pair is listed, whether or not its people consented to share summaries.
"""

from collections.abc import Iterator
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, RowMapping, Select, select
from sqlalchemy.sql.selectable import ScalarSelect

from assistant.models import SIDES, Side
from assistant.store.schema import pairs, participants, sessions, survey_responses
from assistant.surveys.catalogue import SurveyKind


class OwedSurvey(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    participant_id: str
    name: str
    side: Side
    pair_id: str
    cohort: str
    kind: SurveyKind
    due_since: date


def surveys_owed(conn: Connection, today: date, cohort: str | None = None) -> list[OwedSurvey]:
    """Every survey owed on `today` (in `cohort`, if given), by pair, side and kind."""
    return [
        OwedSurvey(
            participant_id=row[f"{side}_id"],
            name=row[f"{side}_name"],
            side=side,
            pair_id=row["id"],
            cohort=row["cohort"],
            kind=kind,
            due_since=since,
        )
        for row, side, kind, since in _owed(conn, today, cohort)
    ]


def people_owing(conn: Connection, today: date, cohort: str | None = None) -> set[tuple[str, str]]:
    """(pair id, participant id) of everyone owing a survey on `today`: what the report counts,
    without building each survey (20,000 of them at 5,000 pairs)."""
    return {(row["id"], row[f"{side}_id"]) for row, side, _, _ in _owed(conn, today, cohort)}


def _owed(
    conn: Connection, today: date, cohort: str | None
) -> Iterator[tuple[RowMapping, Side, SurveyKind, date]]:
    answered = _answered(conn, today, cohort)
    for row in conn.execute(_pairs(today, cohort)).mappings():
        for kind, since in _kinds_due(row):
            for side in SIDES:
                left = row[f"{side}_left"]
                if (row["id"], side, kind) in answered or (left is not None and left <= today):
                    continue
                yield row, side, kind, since


def _kinds_due(row: RowMapping) -> list[tuple[SurveyKind, date]]:
    start, first, last = row["start_date"], row["first_held"], row["last_held"]
    if row["status"] == "closed":
        return [("closing", last or start), ("recommendation", last or start)]
    due: list[tuple[SurveyKind, date]] = [("baseline", start)]
    if first is not None:
        due.append(("pairing-fit", first))
    return due


def _held(today: date, newest: bool) -> ScalarSelect[Any]:
    """The pair's first (or newest) held day by `today`: one walk along the (pair, day) index."""
    s = sessions.c
    order = s.held_on.desc() if newest else s.held_on
    return (
        select(s.held_on)
        .where(s.pair_id == pairs.c.id, s.status == "held", s.held_on <= today)
        .order_by(order)
        .limit(1)
        .scalar_subquery()
    )


def _pairs(today: date, cohort: str | None) -> Select[Any]:
    leader, mentor, p = participants.alias("leader"), participants.alias("mentor"), pairs.c
    query = (
        select(
            p.id, p.cohort, p.status, p.start_date,
            p.leader_id, leader.c.name.label("leader_name"), leader.c.left_on.label("leader_left"),
            p.mentor_id, mentor.c.name.label("mentor_name"), mentor.c.left_on.label("mentor_left"),
            _held(today, newest=False).label("first_held"),
            _held(today, newest=True).label("last_held"),
        )
        .join_from(pairs, leader, leader.c.id == p.leader_id)
        .join_from(pairs, mentor, mentor.c.id == p.mentor_id)
        .where(p.start_date <= today)
        .order_by(p.id)
    )  # fmt: skip
    return query if cohort is None else query.where(p.cohort == cohort)


def _answered(conn: Connection, today: date, cohort: str | None) -> set[tuple[str, str, str]]:
    r = survey_responses.c
    query = select(r.pair_id, r.side, r.kind).where(r.answered_on <= today)
    if cohort is not None:
        in_cohort = select(pairs.c.id).where(pairs.c.cohort == cohort)
        query = query.where(r.pair_id.in_(in_cohort))
    return {(row.pair_id, row.side, row.kind) for row in conn.execute(query)}
