"""Writing session summaries, one or a hundred thousand, on a connection already in a transaction.

Every summary is checked before the first row is written, so one that names another pair's
commitment or an unknown objective is refused whole. Summaries for a day with no session yet go
in with executemany, one statement per table, which is what makes the bulk path fast. A summary
for a day that already has a session (the other side's debrief, or a re-log) is merged into it
by `merge.py`, which refuses a conflict; the caller's transaction then undoes the whole batch,
as it does for any failure during the writes.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import Connection, select

from assistant.models import Commitment, SessionSummary, Side
from assistant.store import schema
from assistant.store.errors import NotFound, StoreError
from assistant.store.merge import merge_summary
from assistant.store.rows import chunks
from assistant.store.writes import (
    apply_commitment_updates,
    insert_new_commitments,
    insert_objective_progress,
    insert_private_notes,
    insert_sessions,
    insert_topics,
)

S, C, OBJ = schema.sessions, schema.commitments, schema.objectives

Outcome = Literal["created", "merged", "unchanged"]


@dataclass(frozen=True)
class Recorded:
    """What recording one summary did: a new session, or what it added to the day's session."""

    session_id: int
    pair_id: str
    held_on: date
    outcome: Outcome
    new_commitment_ids: list[int]
    sides_added: tuple[Side, ...] = ()

    def __str__(self) -> str:
        if self.outcome == "created":
            return f"Recorded session {self.session_id} for pair {self.pair_id} on {self.held_on}."
        where = f"the session of {self.held_on} (pair {self.pair_id}, session {self.session_id})"
        if self.outcome == "unchanged":
            return f"Nothing new: {where} already holds everything in this summary."
        sides = " and ".join(f"the {side}'s" for side in self.sides_added)
        what = f"{sides} debrief{'s' * (len(self.sides_added) > 1)}" if sides else "this summary"
        return f"Added {what} to {where}."


def record_summaries(conn: Connection, summaries: Sequence[SessionSummary]) -> list[Recorded]:
    """Check then write `summaries` in order; say what each did, in the same order."""
    if not summaries:
        return []
    session_of = _check(conn, summaries)
    fresh = _first_of_each_new_day(summaries, session_of)
    done = dict(zip(fresh, _insert(conn, [summaries[i] for i in fresh]), strict=True))
    session_of |= {(r.pair_id, r.held_on): r.session_id for r in done.values()}
    for index, summary in enumerate(summaries):
        if index not in done:
            session_id = session_of[(summary.pair_id, summary.held_on)]
            merged = merge_summary(conn, summary, session_id, _where(summaries, index))
            outcome: Outcome = "merged" if merged.changed else "unchanged"
            done[index] = Recorded(
                session_id,
                summary.pair_id,
                summary.held_on,
                outcome,
                merged.new_commitment_ids,
                merged.sides_added,
            )
    return [done[index] for index in range(len(summaries))]


def insert_new_sessions(conn: Connection, summaries: Sequence[SessionSummary]) -> list[Recorded]:
    """Write summaries known to be sound and new: each names a stored pair, its objectives and
    commitments, on a day the pair has no session yet, as a programme built in one transaction
    (the demo) knows. Skipping `record_summaries`' checks takes a fifth off such a write."""
    return _insert(conn, list(summaries))


def _first_of_each_new_day(
    summaries: Sequence[SessionSummary], recorded: dict[tuple[str, date], int]
) -> list[int]:
    """The index of each summary that starts a session: the first for a day with none yet."""
    seen = set(recorded)
    fresh = []
    for index, summary in enumerate(summaries):
        day = (summary.pair_id, summary.held_on)
        if day not in seen:
            seen.add(day)
            fresh.append(index)
    return fresh


def _insert(conn: Connection, summaries: list[SessionSummary]) -> list[Recorded]:
    if not summaries:
        return []
    session_ids = insert_sessions(conn, summaries)
    insert_topics(conn, summaries, session_ids)
    made = insert_new_commitments(conn, summaries, session_ids)
    apply_commitment_updates(conn, summaries, session_ids)
    insert_objective_progress(conn, summaries, session_ids)
    insert_private_notes(conn, summaries, session_ids)
    return [
        Recorded(sid, summary.pair_id, summary.held_on, "created", ids)
        for sid, summary, ids in zip(session_ids, summaries, made, strict=True)
    ]


def _where(summaries: Sequence[SessionSummary], index: int) -> str:
    summary = summaries[index]
    prefix = f"summary {index + 1} of {len(summaries)} " if len(summaries) > 1 else ""
    return f"{prefix}pair {summary.pair_id} on {summary.held_on}"


def _check(conn: Connection, summaries: Sequence[SessionSummary]) -> dict[tuple[str, date], int]:
    """Refuse the batch if a summary names what is not there; the sessions its days already have."""
    days_by_pair: dict[str, set[date]] = defaultdict(set)
    for summary in summaries:
        days_by_pair[summary.pair_id].add(summary.held_on)
    known_pairs, objectives = set(), set()
    recorded: dict[tuple[str, date], int] = {}
    for batch in chunks(days_by_pair):
        known_pairs |= set(
            conn.scalars(select(schema.pairs.c.id).where(schema.pairs.c.id.in_(batch)))
        )
        objectives |= set(
            conn.execute(select(OBJ.c.pair_id, OBJ.c.id).where(OBJ.c.pair_id.in_(batch)))
        )
        # Only the days being written can have a session; reading just those keeps batches fast.
        days = set().union(*(days_by_pair[pair_id] for pair_id in batch))
        same_days = select(S.c.pair_id, S.c.held_on, S.c.id).where(
            S.c.pair_id.in_(batch), S.c.held_on.in_(days)
        )
        recorded |= {(row.pair_id, row.held_on): row.id for row in conn.execute(same_days)}
    existing = _commitments_by_id(conn, summaries)
    for index, summary in enumerate(summaries):
        where = _where(summaries, index)
        if summary.pair_id not in known_pairs:
            raise NotFound(f"{where}: there is no such pair; `rmcoach pairs list` shows them")
        for i, progress in enumerate(summary.objective_progress):
            if (summary.pair_id, progress.objective_id) not in objectives:
                raise StoreError(
                    f"{where}: objective_progress[{i}].objective_id: the pair has no objective "
                    f"{progress.objective_id!r}"
                )
        for i, commitment in enumerate(summary.commitments):
            if commitment.id is not None:
                _check_update(where, i, summary.pair_id, commitment, existing)
    return recorded


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
