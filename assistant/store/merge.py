"""A second summary for a pair and day, merged into the session already recorded that day.

Each side of a pair debriefs on its own, so the leader's summary and the mentor's arrive
separately for one session. The later one is merged into the recorded session by these rules:

- A side's own fields (its ratings, what it learned, its private note) are filled when the
  session has none yet; the same value again changes nothing; a different value is a conflict.
  A side never writes the other side's private note.
- `status` must be the same (held or cancelled); a different one is a conflict.
- `duration_minutes`: the recorded one stays, unless it is 0.
- `topics` and `agenda_covered`: the recorded ones, then the new ones not already there.
- `shared_summary`: filled when empty; a different text is added after the recorded one as a
  paragraph of its own, unless the recorded text already holds it as a paragraph. Nothing
  either side shared is lost, and logging the same summary again adds nothing.
- A commitment without `id` is the session's own commitment with the same owner, text and due
  date when it has one (a different status is then a conflict: give its id to change it), and
  new otherwise. Texts are compared as people write the same promise twice: case, runs of
  spaces and a closing full stop aside ("Send the link by Friday" and "send the link by
  Friday."), so one promise the two sides both noted is one commitment, counted and closed
  once, in the words of the side that recorded it first. A commitment with `id` is applied as
  for any session, except that one this session already closed cannot be given another status
  by a later debrief of it.
- Objective progress: a new reading replaces this session's reading of that objective (the
  latest reading wins; an empty note keeps the recorded one); the objective then takes its
  latest reading by date, as always.

Every conflict is gathered and refused together, each naming its field, before this summary
writes anything; a summary that adds nothing writes nothing.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, RowMapping, select, update

from assistant.models import SIDES, Commitment, ObjectiveProgress, SessionSummary, Side
from assistant.store import schema
from assistant.store.errors import FieldError, SessionConflict
from assistant.store.writes import (
    apply_commitment_updates,
    closing,
    insert_new_commitments,
    refresh_objective_progress,
)

S, C, OP, NOTES = (
    schema.sessions,
    schema.commitments,
    schema.objective_progress,
    schema.private_notes,
)


@dataclass(frozen=True)
class Merged:
    changed: bool
    sides_added: tuple[Side, ...]
    new_commitment_ids: list[int]


@dataclass
class _Changes:
    """What the summary adds to the recorded session, and what it contradicts."""

    session: dict[str, Any] = field(default_factory=dict)
    topics: list[str] = field(default_factory=list)
    notes: dict[Side, str] = field(default_factory=dict)
    commitments: list[Commitment] = field(default_factory=list)
    new_readings: list[ObjectiveProgress] = field(default_factory=list)
    changed_readings: list[ObjectiveProgress] = field(default_factory=list)
    conflicts: list[FieldError] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(
            (
                self.session,
                self.notes,
                self.commitments,
                self.new_readings,
                self.changed_readings,
            )
        )

    def sides(self) -> tuple[Side, ...]:
        return tuple(
            side
            for side in SIDES
            if side in self.notes or any(key.startswith(f"{side}_") for key in self.session)
        )


def merge_summary(conn: Connection, summary: SessionSummary, session_id: int, where: str) -> Merged:
    """Merge `summary` into session `session_id` (same pair and day); refuse any conflict."""
    _lock(conn, session_id)
    row = conn.execute(select(S).where(S.c.id == session_id)).mappings().one()
    changes = _Changes()
    _session_fields(row, summary, changes)
    _private_notes(conn, session_id, summary, changes)
    _commitments(conn, session_id, summary, changes)
    _readings(conn, session_id, summary, changes)
    if changes.conflicts:
        raise SessionConflict(where, changes.conflicts)
    made = _write(conn, summary, session_id, changes) if changes else []
    return Merged(bool(changes), changes.sides(), made)


def _lock(conn: Connection, session_id: int) -> None:
    # Both sides may save at once. Touching the row first takes its write lock (PostgreSQL's row
    # lock, SQLite's database lock), so a second merge waits and then reads what the first wrote.
    conn.execute(update(S).where(S.c.id == session_id).values(recorded_at=S.c.recorded_at))


def _session_fields(row: RowMapping, summary: SessionSummary, changes: _Changes) -> None:
    if summary.status != row["status"]:
        reason = f"recorded as {row['status']}, this summary says {summary.status}"
        changes.conflicts.append(FieldError("status", reason))
    if row["duration_minutes"] == 0 and summary.duration_minutes:
        changes.session["duration_minutes"] = summary.duration_minutes
    for name in ("topics", "agenda_covered"):
        added = [item for item in dict.fromkeys(getattr(summary, name)) if item not in row[name]]
        if added:
            changes.session[name] = [*row[name], *added]
    changes.topics = [t for t in changes.session.get("topics", []) if t not in row["topics"]]
    shared = _joined(row["shared_summary"], summary.shared_summary)
    if shared != row["shared_summary"]:
        changes.session["shared_summary"] = shared
    for side in SIDES:
        _side_fields(row, summary, side, changes)


def _joined(recorded: str, new: str) -> str:
    """The recorded shared summary with `new` added as a paragraph, unless it holds it already."""
    if not recorded or not new:
        return recorded or new
    if f"\n\n{new}\n\n" in f"\n\n{recorded}\n\n":
        return recorded
    return f"{recorded}\n\n{new}"


def _side_fields(row: RowMapping, summary: SessionSummary, side: Side, changes: _Changes) -> None:
    column = f"{side}_learned"
    learned = getattr(summary, column)
    if learned and not row[column]:
        changes.session[column] = learned
    elif learned and learned != row[column]:
        reason = f"what the {side} learned is already recorded for this session, in other words"
        changes.conflicts.append(FieldError(column, reason))
    ratings = getattr(summary, f"{side}_ratings")
    for name in ("safety", "usefulness") if ratings else ():
        column, value = f"{side}_{name}", getattr(ratings, name)
        if row[column] is None:
            changes.session[column] = value
        elif row[column] != value:
            reason = f"recorded as {row[column]}, this summary says {value}"
            changes.conflicts.append(FieldError(f"{side}_ratings.{name}", reason))


def _private_notes(
    conn: Connection, session_id: int, summary: SessionSummary, changes: _Changes
) -> None:
    query = select(NOTES.c.side, NOTES.c.text).where(NOTES.c.session_id == session_id)
    recorded = {row.side: row.text for row in conn.execute(query)}
    for side in SIDES:
        text = getattr(summary, f"{side}_private_note")
        if not text or recorded.get(side) == text:
            continue
        if side in recorded:
            # The note is its author's alone: the message says that it differs, never what it says.
            reason = f"the {side}'s private note for this session is already recorded, and differs"
            changes.conflicts.append(FieldError(f"{side}_private_note", reason))
        else:
            changes.notes[side] = text


def _commitments(
    conn: Connection, session_id: int, summary: SessionSummary, changes: _Changes
) -> None:
    ids = [c.id for c in summary.commitments if c.id is not None]
    query = select(C).where((C.c.session_id == session_id) | C.c.id.in_(ids))
    rows = {row["id"]: row for row in conn.execute(query.order_by(C.c.id)).mappings()}
    made_here = [row for row in rows.values() if row["session_id"] == session_id]
    for index, commitment in enumerate(summary.commitments):
        if commitment.id is None:
            _new_commitment(index, commitment, made_here, changes)
        else:
            where = (index, summary, session_id)
            _commitment_update(where, commitment, rows[commitment.id], changes)


def _new_commitment(
    index: int, commitment: Commitment, made_here: list[RowMapping], changes: _Changes
) -> None:
    key = (commitment.owner, _promise(commitment.text), commitment.due)
    same = next(
        (row for row in made_here if (row["owner"], _promise(row["text"]), row["due"]) == key),
        None,
    )
    if same is None:
        changes.commitments.append(commitment)
        return
    made_here.remove(same)  # two alike in one summary are two commitments
    if same["status"] != commitment.status:
        reason = (
            f"“{commitment.text}” is already recorded for this session as {same['status']}; "
            f"give its id ({same['id']}) to change it"
        )
        changes.conflicts.append(FieldError(f"commitments[{index}].status", reason))


def _promise(text: str) -> str:
    """A commitment's text as compared between the two sides' debriefs of one session."""
    return " ".join(text.split()).rstrip(".!").rstrip().casefold()


def _commitment_update(
    where: tuple[int, SessionSummary, int],
    commitment: Commitment,
    row: RowMapping,
    changes: _Changes,
) -> None:
    index, summary, session_id = where
    if row["closed_session_id"] == session_id and row["status"] != commitment.status:
        reason = (
            f"commitment {commitment.id} is already recorded as {row['status']} in this "
            f"session; this summary says {commitment.status}"
        )
        changes.conflicts.append(FieldError(f"commitments[{index}].status", reason))
        return
    wanted = {"text": commitment.text, "due": commitment.due, "status": commitment.status}
    wanted |= closing(commitment.status, summary.held_on, session_id)
    if any(row[name] != value for name, value in wanted.items()):
        changes.commitments.append(commitment)


def _readings(
    conn: Connection, session_id: int, summary: SessionSummary, changes: _Changes
) -> None:
    query = select(OP).where(OP.c.session_id == session_id)
    recorded = {row["objective_id"]: row for row in conn.execute(query).mappings()}
    for reading in summary.objective_progress:
        before = recorded.get(reading.objective_id)
        if before is None:
            changes.new_readings.append(reading)
            continue
        wanted = reading if reading.note else reading.model_copy(update={"note": before["note"]})
        if (wanted.progress, wanted.note) != (before["progress"], before["note"]):
            changes.changed_readings.append(wanted)


def _write(
    conn: Connection, summary: SessionSummary, session_id: int, changes: _Changes
) -> list[int]:
    """Write what the summary adds; the ids of the commitments it made."""
    if changes.session:
        conn.execute(update(S).where(S.c.id == session_id).values(changes.session))
    if changes.topics:
        topics = [{"session_id": session_id, "topic": topic} for topic in changes.topics]
        conn.execute(schema.session_topics.insert(), topics)
    if changes.notes:
        notes = [{"session_id": session_id, "side": s, "text": t} for s, t in changes.notes.items()]
        conn.execute(NOTES.insert(), notes)
    added = summary.model_copy(update={"commitments": changes.commitments})
    made = insert_new_commitments(conn, [added], [session_id])[0]
    apply_commitment_updates(conn, [added], [session_id])
    _write_readings(conn, summary, session_id, changes)
    return made


def _write_readings(
    conn: Connection, summary: SessionSummary, session_id: int, changes: _Changes
) -> None:
    if changes.new_readings:
        rows = [r.model_dump() | {"session_id": session_id} for r in changes.new_readings]
        conn.execute(OP.insert(), rows)
    for reading in changes.changed_readings:
        statement = update(OP).where(
            OP.c.session_id == session_id, OP.c.objective_id == reading.objective_id
        )
        conn.execute(statement.values(progress=reading.progress, note=reading.note))
    readings = changes.new_readings + changes.changed_readings
    if readings:
        refresh_objective_progress(
            conn, [summary.model_copy(update={"objective_progress": readings})]
        )
