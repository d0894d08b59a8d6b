"""Writing a demo programme into the store, all in one transaction.

Sessions go in round by round (every pair's first session, then every pair's second...) so that
each round's follow-ups can name the store ids of commitments made in earlier rounds, exactly as
a pair updating last session's commitments would. Each round is one bulk write.
"""

from typing import TYPE_CHECKING

from assistant.models import Commitment, SessionSummary
from assistant.store import Store, StoreError, schema
from assistant.store.record import insert_new_sessions
from assistant.store.rows import objective_rows, pair_row, participant_row
from assistant.store.store import delete_programme, programme_is_empty
from assistant.store.surveys import record_responses
from assistant.surveys.catalogue import bundled_surveys

if TYPE_CHECKING:
    from assistant.demo import DemoProgramme, DemoSession


def write_programme(store: Store, programme: "DemoProgramme", replace: bool = False) -> None:
    """Put the programme into an empty store; with `replace`, delete what is there first."""
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
        # Each commitment with the id the store gave it; copied with that id only when closed.
        made: dict[str, list[tuple[Commitment, int]]] = {pair.id: [] for pair in programme.pairs}
        rounds = max((len(sessions) for sessions in programme.sessions.values()), default=0)
        for number in range(rounds):
            batch = [
                (pair_id, sessions[number])
                for pair_id, sessions in programme.sessions.items()
                if number < len(sessions)
            ]
            summaries = [_with_follow_ups(session, made[pair_id]) for pair_id, session in batch]
            for (pair_id, session), recorded in zip(
                batch, insert_new_sessions(conn, summaries), strict=True
            ):
                made[pair_id] += zip(
                    session.summary.commitments, recorded.new_commitment_ids, strict=True
                )
        record_responses(conn, programme.surveys, bundled_surveys())


def _with_follow_ups(session: "DemoSession", made: list[tuple[Commitment, int]]) -> SessionSummary:
    """The session's summary with the commitments it closes, named by their store ids."""
    if not session.closes:
        return session.summary
    closed = [
        made[index][0].model_copy(update={"id": made[index][1], "status": status})
        for index, status in session.closes
    ]
    return session.summary.model_copy(update={"commitments": closed + session.summary.commitments})
