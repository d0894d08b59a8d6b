"""Writing a demo programme into the store, all in one transaction.

The pairs' sessions and survey answers are made and written a group of pairs at a time, so
memory holds one group, not the programme. Within a group sessions go in round by round (every
pair's first session, then every pair's second...) so that each round's follow-ups can name the
store ids of commitments made in earlier rounds, exactly as a pair updating last session's
commitments would. Each round is one bulk write.
"""

from typing import TYPE_CHECKING

from assistant.models import Commitment, SessionSummary
from assistant.store import Store, StoreError, schema
from assistant.store.record import insert_new_sessions
from assistant.store.rows import chunks, objective_rows, pair_row, participant_row
from assistant.store.store import delete_programme, programme_is_empty
from assistant.store.surveys import record_responses
from assistant.surveys.catalogue import bundled_surveys

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Connection

    from assistant.demo import DemoProgramme, DemoSession, PairHistory

# Pairs made and written at a time: 500 keeps a 5,000-pair, two-year demo under 400 MB while
# each round's bulk write still carries hundreds of sessions.
_GROUP = 250


def write_programme(
    store: Store,
    programme: "DemoProgramme",
    replace: bool = False,
    check_in: "Callable[[], None] | None" = None,
) -> int:
    """Put the programme into an empty store (with `replace`, delete what is there first);
    return how many sessions it wrote. `check_in` is called before each group of pairs: what
    it raises rolls the whole write back."""
    with store.engine.begin() as conn:
        if replace:
            delete_programme(conn)
        elif not programme_is_empty(conn):
            raise StoreError(
                "the store already holds a programme; the demo would mix with it. "
                "Run `rmcoach demo --replace` to delete everything and load the demo instead."
            )
        conn.execute(
            schema.participants.insert(), [participant_row(p) for p in programme.participants]
        )
        conn.execute(schema.pairs.insert(), [pair_row(p) for p in programme.pairs])
        objectives = [
            row for pair in programme.pairs for row in objective_rows(pair.id, pair.objectives)
        ]
        if objectives:
            conn.execute(schema.objectives.insert(), objectives)
        catalogue = bundled_surveys()
        written = 0
        for group in chunks(programme.histories(), _GROUP):
            if check_in is not None:
                check_in()
            written += _write_sessions(conn, group)
            surveys = [response for history in group for response in history.surveys]
            record_responses(conn, surveys, catalogue)
            del group, surveys  # before the next group is made, not after: one in memory
    return written


def _write_sessions(conn: "Connection", group: list["PairHistory"]) -> int:
    # Each commitment with the id the store gave it; copied with that id only when closed.
    made: dict[str, list[tuple[Commitment, int]]] = {h.pair.id: [] for h in group}
    rounds = max((len(history.sessions) for history in group), default=0)
    for number in range(rounds):
        batch = [
            (history.pair.id, history.sessions[number])
            for history in group
            if number < len(history.sessions)
        ]
        summaries = [_with_follow_ups(session, made[pair_id]) for pair_id, session in batch]
        for (pair_id, session), recorded in zip(
            batch, insert_new_sessions(conn, summaries), strict=True
        ):
            made[pair_id] += zip(
                session.summary.commitments, recorded.new_commitment_ids, strict=True
            )
    return sum(len(history.sessions) for history in group)


def _with_follow_ups(session: "DemoSession", made: list[tuple[Commitment, int]]) -> SessionSummary:
    """The session's summary with the commitments it closes, named by their store ids."""
    if not session.closes:
        return session.summary
    closed = [
        made[index][0].model_copy(update={"id": made[index][1], "status": status})
        for index, status in session.closes
    ]
    return session.summary.model_copy(update={"commitments": closed + session.summary.commitments})
