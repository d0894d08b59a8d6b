"""Reading session summaries back, shared fields only: this module never touches private notes."""

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Connection, RowMapping, or_, select

from assistant.models import Commitment, ObjectiveProgress, Ratings, SessionSummary
from assistant.store import schema
from assistant.store.rows import chunks

S, C, OP = schema.sessions, schema.commitments, schema.objective_progress


def summaries_for_pair(
    conn: Connection, pair_id: str, limit: int | None = None
) -> list[SessionSummary]:
    """The pair's sessions, newest first, with empty private notes."""
    query = select(S).where(S.c.pair_id == pair_id).order_by(S.c.held_on.desc(), S.c.id.desc())
    rows = list(conn.execute(query.limit(limit)).mappings())
    return summaries_from_rows(conn, rows)


def summaries_from_rows(conn: Connection, rows: Sequence[RowMapping]) -> list[SessionSummary]:
    ids = [row["id"] for row in rows]
    commitments = _commitments_by_session(conn, ids)
    progress = _progress_by_session(conn, ids)
    return [_summary(row, commitments[row["id"]], progress[row["id"]]) for row in rows]


def _ratings(row: RowMapping, side: str) -> Ratings | None:
    safety, usefulness = row[f"{side}_safety"], row[f"{side}_usefulness"]
    return (
        None
        if safety is None or usefulness is None
        else Ratings(safety=safety, usefulness=usefulness)
    )


def _summary(
    row: RowMapping, commitments: list[Commitment], progress: list[ObjectiveProgress]
) -> SessionSummary:
    # Checked when it was recorded; a rule added since (a date range, a cancelled session
    # without ratings) must not make an older store unreadable.
    return SessionSummary.model_construct(
        pair_id=row["pair_id"],
        held_on=row["held_on"],
        status=row["status"],
        duration_minutes=row["duration_minutes"],
        topics=row["topics"],
        agenda_covered=row["agenda_covered"],
        leader_learned=row["leader_learned"],
        mentor_learned=row["mentor_learned"],
        shared_summary=row["shared_summary"],
        leader_ratings=_ratings(row, "leader"),
        mentor_ratings=_ratings(row, "mentor"),
        commitments=commitments,
        objective_progress=progress,
    )


def _commitments_by_session(conn: Connection, ids: list[int]) -> dict[int, list[Commitment]]:
    """Each session's commitments as that session left them: those it made and those it closed.

    A commitment made in one session and closed in a later one shows as open in the first.
    """
    found: dict[int, list[Commitment]] = defaultdict(list)
    wanted = set(ids)
    for batch in chunks(ids):
        query = select(C).where(or_(C.c.session_id.in_(batch), C.c.closed_session_id.in_(batch)))
        for row in conn.execute(query.order_by(C.c.id)).mappings():
            made_in, closed_in = row["session_id"], row["closed_session_id"]
            fields = {k: row[k] for k in ("id", "owner", "text", "due")}
            if made_in in wanted:
                status = row["status"] if closed_in in (None, made_in) else "open"
                found[made_in].append(Commitment(**fields, status=status))
            if closed_in in wanted and closed_in != made_in:
                found[closed_in].append(Commitment(**fields, status=row["status"]))
    return found


def _progress_by_session(conn: Connection, ids: list[int]) -> dict[int, list[ObjectiveProgress]]:
    found: dict[int, list[ObjectiveProgress]] = defaultdict(list)
    for batch in chunks(ids):
        query = (
            select(OP)
            .where(OP.c.session_id.in_(batch))
            .order_by(OP.c.session_id, OP.c.objective_id)
        )
        for row in conn.execute(query).mappings():
            found[row["session_id"]].append(
                ObjectiveProgress(
                    objective_id=row["objective_id"], progress=row["progress"], note=row["note"]
                )
            )
    return found
