"""Writing session summaries, one or a hundred thousand, on a connection already in a transaction.

Everything is checked before the first row is written, so a summary that names another pair's
commitment or an unknown objective is refused whole; the caller's transaction makes a failure
during the writes leave nothing behind either. Rows go in with executemany, one statement per
table, which is what makes the bulk path fast.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from assistant.models import Commitment, SessionSummary
from assistant.store import schema
from assistant.store.errors import NotFound, StoreError
from assistant.store.rows import chunks

S, C, OBJ, OP = schema.sessions, schema.commitments, schema.objectives, schema.objective_progress


@dataclass(frozen=True)
class Recorded:
    session_id: int
    new_commitment_ids: list[int]


def record_summaries(conn: Connection, summaries: Sequence[SessionSummary]) -> list[Recorded]:
    """Check then write `summaries` in order; return their new ids in the same order."""
    if not summaries:
        return []
    _check(conn, summaries)
    session_ids = _insert_sessions(conn, summaries)
    _insert_topics(conn, summaries, session_ids)
    made = _insert_new_commitments(conn, summaries, session_ids)
    _apply_commitment_updates(conn, summaries, session_ids)
    _insert_objective_progress(conn, summaries, session_ids)
    _insert_private_notes(conn, summaries, session_ids)
    return [Recorded(sid, ids) for sid, ids in zip(session_ids, made, strict=True)]


def _where(summaries: Sequence[SessionSummary], index: int) -> str:
    summary = summaries[index]
    prefix = f"summary {index + 1} of {len(summaries)} " if len(summaries) > 1 else ""
    return f"{prefix}pair {summary.pair_id} on {summary.held_on}"


def _check(conn: Connection, summaries: Sequence[SessionSummary]) -> None:
    days_by_pair: dict[str, set[date]] = defaultdict(set)
    for summary in summaries:
        days_by_pair[summary.pair_id].add(summary.held_on)
    known_pairs, objectives, taken_days = set(), set(), set()
    for batch in chunks(days_by_pair):
        known_pairs |= set(
            conn.scalars(select(schema.pairs.c.id).where(schema.pairs.c.id.in_(batch)))
        )
        objectives |= set(
            conn.execute(select(OBJ.c.pair_id, OBJ.c.id).where(OBJ.c.pair_id.in_(batch)))
        )
        # Only the days being written can collide; reading just those keeps big batches fast.
        days = set().union(*(days_by_pair[pair_id] for pair_id in batch))
        same_days = select(S.c.pair_id, S.c.held_on).where(
            S.c.pair_id.in_(batch), S.c.held_on.in_(days)
        )
        taken_days |= set(conn.execute(same_days))
    existing = _commitments_by_id(conn, summaries)
    for index, summary in enumerate(summaries):
        where = _where(summaries, index)
        if summary.pair_id not in known_pairs:
            raise NotFound(f"{where}: there is no such pair; `rmcoach pairs list` shows them")
        day = (summary.pair_id, summary.held_on)
        if day in taken_days:
            raise StoreError(
                f"{where}: a session on that day is already recorded; nothing was written"
            )
        taken_days.add(day)
        for i, progress in enumerate(summary.objective_progress):
            if (summary.pair_id, progress.objective_id) not in objectives:
                raise StoreError(
                    f"{where}: objective_progress[{i}].objective_id: the pair has no objective "
                    f"{progress.objective_id!r}"
                )
        for i, commitment in enumerate(summary.commitments):
            if commitment.id is not None:
                _check_update(where, i, summary.pair_id, commitment, existing)


def _commitments_by_id(conn: Connection, summaries: Sequence[SessionSummary]) -> dict[int, Any]:
    ids = {c.id for s in summaries for c in s.commitments if c.id is not None}
    found: dict[int, Any] = {}
    for batch in chunks(ids):
        for row in conn.execute(select(C.c.id, C.c.pair_id, C.c.owner).where(C.c.id.in_(batch))):
            found[row.id] = row
    return found


def _check_update(where: str, i: int, pair_id: str, commitment: Commitment, existing: dict) -> None:
    path = f"{where}: commitments[{i}].id"
    row = existing.get(commitment.id)
    if row is None:
        raise NotFound(
            f"{path}: there is no commitment {commitment.id}; leave `id` out for a new one"
        )
    if row.pair_id != pair_id:
        raise StoreError(
            f"{path}: commitment {commitment.id} belongs to pair {row.pair_id}, not {pair_id}"
        )
    if row.owner != commitment.owner:
        raise StoreError(
            f"{path}: commitment {commitment.id} is the {row.owner}'s, not the {commitment.owner}'s"
        )


def _ratings(summary: SessionSummary) -> dict[str, int | None]:
    leader, mentor = summary.leader_ratings, summary.mentor_ratings
    return {
        "leader_safety": leader.safety if leader else None,
        "leader_usefulness": leader.usefulness if leader else None,
        "mentor_safety": mentor.safety if mentor else None,
        "mentor_usefulness": mentor.usefulness if mentor else None,
    }


def _insert_sessions(conn: Connection, summaries: Sequence[SessionSummary]) -> list[int]:
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
        | _ratings(summary)
        | {"recorded_at": now}
        for summary in summaries
    ]
    # RETURNING in parameter order makes SQLite insert one row per statement, so match the new
    # ids by (pair, day) instead, which is unique; the insert then goes in large batches.
    result = conn.execute(S.insert().returning(S.c.id, S.c.pair_id, S.c.held_on), rows)
    new_ids = {(row.pair_id, row.held_on): row.id for row in result}
    return [new_ids[(summary.pair_id, summary.held_on)] for summary in summaries]


def _insert_topics(conn: Connection, summaries: Sequence[SessionSummary], ids: list[int]) -> None:
    rows = [
        {"session_id": sid, "topic": topic}
        for sid, summary in zip(ids, summaries, strict=True)
        for topic in dict.fromkeys(summary.topics)
    ]
    if rows:
        conn.execute(schema.session_topics.insert(), rows)


def _closing(status: str, held_on: date, session_id: int) -> dict[str, Any]:
    closed = status != "open"
    return {
        "closed_on": held_on if closed else None,
        "closed_session_id": session_id if closed else None,
    }


def _insert_new_commitments(
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
                    | _closing(commitment.status, summary.held_on, sid)
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
    for index, row in zip(owners, rows, strict=True):
        made[index].append(
            new_ids[(row["session_id"], row["owner"], row["text"], row["due"])].pop()
        )
    return made


def _apply_commitment_updates(
    conn: Connection, summaries: Sequence[SessionSummary], ids: list[int]
) -> None:
    rows = [
        {"b_id": c.id, "text": c.text, "due": c.due, "status": c.status}
        | _closing(c.status, summary.held_on, sid)
        for sid, summary in zip(ids, summaries, strict=True)
        for c in summary.commitments
        if c.id is not None
    ]
    if rows:
        conn.execute(update(C).where(C.c.id == bindparam("b_id")), rows)


def _insert_objective_progress(
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
    _refresh_objective_progress(conn, summaries)


def _refresh_objective_progress(conn: Connection, summaries: Sequence[SessionSummary]) -> None:
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


def _insert_private_notes(
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
