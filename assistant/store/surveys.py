"""Writing and reading survey responses: each side answers each survey of a pair once.

A batch is checked whole before anything is written (the pair exists, the answers fit the
questionnaire, nobody answered twice), so an import either records every row or none.
Answering again exactly as recorded changes nothing; answering differently is refused, since a
baseline that could be rewritten after the fact would measure nothing.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, select

from assistant.store import schema
from assistant.store.errors import FieldError, NotFound, StoreError
from assistant.store.rows import chunks
from assistant.surveys.catalogue import SurveyCatalogue
from assistant.surveys.responses import SurveyResponse, answer_problems

R, A, PR = schema.survey_responses, schema.survey_answers, schema.pairs


class SurveyRefused(StoreError):
    """Answers that do not fit the questionnaire, or that contradict a survey already answered."""

    def __init__(self, where: str, problems: list[FieldError]) -> None:
        listed = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{where}: nothing was recorded:\n{listed}")
        self.problems = problems


@dataclass(frozen=True)
class SurveyRecorded:
    response: SurveyResponse
    outcome: Literal["created", "unchanged"]

    def __str__(self) -> str:
        r = self.response
        what = f"the {r.side}'s {r.kind} survey for pair {r.pair_id} ({r.answered_on})"
        if self.outcome == "unchanged":
            return f"Nothing new: {what} was already recorded with these answers."
        return f"Recorded {what}."


def record_responses(
    conn: Connection, responses: Sequence[SurveyResponse], catalogue: SurveyCatalogue
) -> list[SurveyRecorded]:
    """Record each response on a connection in a transaction; raise before writing on a problem."""
    people = _people(conn, {r.pair_id for r in responses})
    existing = _existing(conn, responses)
    outcomes: list[SurveyRecorded] = []
    seen: set[tuple[str, str, str]] = set()
    for response in responses:
        key = (response.pair_id, response.side, response.kind)
        where = f"pair {response.pair_id}, {response.side}, {response.kind} survey"
        if response.pair_id not in people:
            pair = response.pair_id
            raise NotFound(f"there is no pair {pair!r}; `rmcoach pairs list` shows them")
        problems = answer_problems(response, catalogue)
        if problems:
            raise SurveyRefused(where, problems)
        if key in seen:
            raise SurveyRefused(where, [FieldError("", "answered twice in this batch")])
        seen.add(key)
        before = existing.get(key)
        if before is not None and before != response:
            reason = (
                f"already answered on {before.answered_on} with other answers; "
                "a survey is answered once, so change can be measured"
            )
            raise SurveyRefused(where, [FieldError("", reason)])
        outcomes.append(SurveyRecorded(response, "unchanged" if before else "created"))
    _insert(conn, [o.response for o in outcomes if o.outcome == "created"], people, catalogue)
    return outcomes


def responses(conn: Connection, pair_id: str | None = None) -> list[SurveyResponse]:
    """The recorded responses (of one pair, if given), by pair, side and kind."""
    query = select(R)
    if pair_id is not None:
        query = query.where(R.c.pair_id == pair_id)
    rows = list(conn.execute(query.order_by(R.c.pair_id, R.c.side, R.c.kind)).mappings())
    return _with_answers(conn, rows)


def _people(conn: Connection, pair_ids: set[str]) -> dict[str, dict[str, str]]:
    found = {}
    for batch in chunks(pair_ids):
        query = select(PR.c.id, PR.c.leader_id, PR.c.mentor_id).where(PR.c.id.in_(batch))
        for row in conn.execute(query):
            found[row.id] = {"leader": row.leader_id, "mentor": row.mentor_id}
    return found


def _existing(
    conn: Connection, wanted: Sequence[SurveyResponse]
) -> dict[tuple[str, str, str], SurveyResponse]:
    rows = []
    for batch in chunks({r.pair_id for r in wanted}):
        rows += list(conn.execute(select(R).where(R.c.pair_id.in_(batch))).mappings())
    return {(r.pair_id, r.side, r.kind): r for r in _with_answers(conn, rows)}


def _with_answers(conn: Connection, rows: list[Any]) -> list[SurveyResponse]:
    answers: dict[int, dict[str, int]] = {row["id"]: {} for row in rows}
    for batch in chunks(answers):
        query = select(A.c.response_id, A.c.item_id, A.c.value).where(A.c.response_id.in_(batch))
        for response_id, item_id, value in conn.execute(query):
            answers[response_id][item_id] = value
    return [
        SurveyResponse(
            pair_id=row["pair_id"],
            side=row["side"],
            kind=row["kind"],
            answered_on=row["answered_on"],
            answers=answers[row["id"]],
            comment=row["comment"],
        )
        for row in rows
    ]


def _insert(
    conn: Connection,
    new: list[SurveyResponse],
    people: dict[str, dict[str, str]],
    catalogue: SurveyCatalogue,
) -> None:
    """Bulk: one executemany for the responses, one lookup of their ids, one for the answers."""
    if not new:
        return
    now = datetime.now(UTC)
    conn.execute(
        R.insert(),
        [
            {
                "pair_id": r.pair_id,
                "participant_id": people[r.pair_id][r.side],
                "side": r.side,
                "kind": r.kind,
                "version": catalogue.version,
                "answered_on": r.answered_on,
                "comment": r.comment,
                "recorded_at": now,
            }
            for r in new
        ],
    )
    ids = {}
    for batch in chunks({r.pair_id for r in new}):
        query = select(R.c.id, R.c.pair_id, R.c.side, R.c.kind).where(R.c.pair_id.in_(batch))
        ids.update({(row.pair_id, row.side, row.kind): row.id for row in conn.execute(query)})
    scale_of = {item.id: scale.id for scale in catalogue.scales for item in scale.items}
    conn.execute(
        A.insert(),
        [
            {
                "response_id": ids[(r.pair_id, r.side, r.kind)],
                "item_id": item_id,
                "scale": scale_of[item_id],
                "value": value,
            }
            for r in new
            for item_id, value in r.answers.items()
        ],
    )
