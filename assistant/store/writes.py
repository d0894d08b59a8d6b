"""The row writers behind recording a summary: one executemany per table, for one or many.

They write and check nothing: `record.py` checks a batch before calling them, and `merge.py`
calls them with only what a second debrief adds to a session already recorded.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from assistant.models import SessionSummary
from assistant.store import schema
from assistant.store.rows import chunks

S, C, OBJ, OP = schema.sessions, schema.commitments, schema.objectives, schema.objective_progress


def session_ratings(summary: SessionSummary) -> dict[str, int | None]:
    leader, mentor = summary.leader_ratings, summary.mentor_ratings
    return {
        "leader_safety": leader.safety if leader else None,
        "leader_usefulness": leader.usefulness if leader else None,
        "mentor_safety": mentor.safety if mentor else None,
        "mentor_usefulness": mentor.usefulness if mentor else None,
    }


def insert_sessions(conn: Connection, summaries: Sequence[SessionSummary]) -> list[int]:
    now = datetime.now(UTC)
    rows = [
        summary.model_dump(
            include={
                "pair_id",
                "held_on",
                "status",
                "duration_minutes",
                "topics",
                "agenda_covered",
                "leader_learned",
                "mentor_learned",
                "shared_summary",
            }
        )
        | session_ratings(summary)
        | {"recorded_at": now}
        for summary in summaries
    ]
    # RETURNING in parameter order makes SQLite insert one row per statement, so match the new
    # ids by (pair, day) instead, which is unique; the insert then goes in large batches.
    result = conn.execute(S.insert().returning(S.c.id, S.c.pair_id, S.c.held_on), rows)
    new_ids = {(row.pair_id, row.held_on): row.id for row in result}
    return [new_ids[(summary.pair_id, summary.held_on)] for summary in summaries]


def insert_topics(conn: Connection, summaries: Sequence[SessionSummary], ids: list[int]) -> None:
    rows = [
        {"session_id": sid, "topic": topic}
        for sid, summary in zip(ids, summaries, strict=True)
        for topic in dict.fromkeys(summary.topics)
    ]
    if rows:
        conn.execute(schema.session_topics.insert(), rows)


def closing(status: str, held_on: date, session_id: int) -> dict[str, Any]:
    closed = status != "open"
    return {
        "closed_on": held_on if closed else None,
        "closed_session_id": session_id if closed else None,
    }


def insert_new_commitments(
    conn: Connection, summaries: Sequence[SessionSummary], ids: list[int]
) -> list[list[int]]:
    rows, owners = [], []
    for index, (sid, summary) in enumerate(zip(ids, summaries, strict=True)):
        for commitment in summary.commitments:
            if commitment.id is None:
                fields = commitment.model_dump(include={"owner", "text", "due", "status"})
                rows.append(
                    fields
                    | {"pair_id": summary.pair_id, "session_id": sid}
                    | closing(commitment.status, summary.held_on, sid)
                )
                owners.append(index)
    made: list[list[int]] = [[] for _ in summaries]
    if not rows:
        return made
    # Matched by content, as for sessions: commitments alike in every field are interchangeable.
    returned = (C.c.id, C.c.session_id, C.c.owner, C.c.text, C.c.due)
    new_ids: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for row in conn.execute(C.insert().returning(*returned), rows):
        new_ids[(row.session_id, row.owner, row.text, row.due)].append(row.id)
    for ids_alike in new_ids.values():
        ids_alike.sort(reverse=True)
    for index, sent in zip(owners, rows, strict=True):
        made[index].append(
            new_ids[(sent["session_id"], sent["owner"], sent["text"], sent["due"])].pop()
        )
    return made


def apply_commitment_updates(
    conn: Connection, summaries: Sequence[SessionSummary], ids: list[int]
) -> None:
    rows = [
        {"b_id": c.id, "text": c.text, "due": c.due, "status": c.status}
        | closing(c.status, summary.held_on, sid)
        for sid, summary in zip(ids, summaries, strict=True)
        for c in summary.commitments
        if c.id is not None
    ]
    if rows:
        conn.execute(update(C).where(C.c.id == bindparam("b_id")), rows)


def insert_objective_progress(
    conn: Connection, summaries: Sequence[SessionSummary], ids: list[int]
) -> None:
    rows = [
        progress.model_dump() | {"session_id": sid}
        for sid, summary in zip(ids, summaries, strict=True)
        for progress in summary.objective_progress
    ]
    if not rows:
        return
    conn.execute(OP.insert(), rows)
    refresh_objective_progress(conn, summaries)


def refresh_objective_progress(conn: Connection, summaries: Sequence[SessionSummary]) -> None:
    """Set each touched objective's progress to its latest reading, by session date.

    Computed from the database rather than from this batch, so a session logged late for an
    earlier date does not overwrite a newer reading.
    """
    touched = {(s.pair_id, p.objective_id) for s in summaries for p in s.objective_progress}
    latest: dict[tuple[str, str], tuple[date, int, int]] = {}
    earliest: dict[str, date] = {}  # per pair: the earliest day this batch brings a reading for
    for summary in summaries:
        if summary.objective_progress:
            day = earliest.get(summary.pair_id, summary.held_on)
            earliest[summary.pair_id] = min(day, summary.held_on)
    query = select(S.c.pair_id, OP.c.objective_id, S.c.held_on, S.c.id, OP.c.progress).join(
        S, S.c.id == OP.c.session_id
    )
    for batch in chunks(earliest):
        # A reading older than every new one in this batch cannot be the latest any more.
        since = min(earliest[pair_id] for pair_id in batch)
        for row in conn.execute(query.where(S.c.pair_id.in_(batch), S.c.held_on >= since)):
            key = (row.pair_id, row.objective_id)
            if key in touched and (key not in latest or (row.held_on, row.id) > latest[key][:2]):
                latest[key] = (row.held_on, row.id, row.progress)
    rows = [{"b_pair": p, "b_id": o, "progress": value[2]} for (p, o), value in latest.items()]
    statement = update(OBJ).where(
        OBJ.c.pair_id == bindparam("b_pair"), OBJ.c.id == bindparam("b_id")
    )
    conn.execute(statement, rows)


def insert_private_notes(
    conn: Connection, summaries: Sequence[SessionSummary], ids: list[int]
) -> None:
    rows = [
        {"session_id": sid, "side": side, "text": text}
        for sid, summary in zip(ids, summaries, strict=True)
        for side, text in (
            ("leader", summary.leader_private_note),
            ("mentor", summary.mentor_private_note),
        )
        if text
    ]
    if rows:
        conn.execute(schema.private_notes.insert(), rows)
