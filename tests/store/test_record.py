"""Recording session summaries: round trips, commitments carried forward, all-or-nothing writes."""

from datetime import date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from assistant.models import Commitment, ObjectiveProgress, Ratings, SessionSummary
from assistant.store import NotFound, SessionConflict, Store, StoreError, schema


def summary(day: int, **fields: object) -> SessionSummary:
    return SessionSummary.model_validate({"pair_id": "P1", "held_on": date(2025, 2, day)} | fields)


def count(store: Store, table: object) -> int:
    with store.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


def test_a_summary_reads_back_with_every_shared_field(paired: Store) -> None:
    written = summary(
        3,
        duration_minutes=50,
        topics=["digital-fluency", "feedback"],
        agenda_covered=["Try the tool on a real task"],
        leader_learned="Prompting is briefing.",
        mentor_learned="How board papers are shaped.",
        commitments=[
            Commitment(owner="leader", text="Draft with the assistant", due=date(2025, 2, 17))
        ],
        leader_ratings=Ratings(safety=5, usefulness=4),
        mentor_ratings=Ratings(safety=4, usefulness=5),
        objective_progress=[ObjectiveProgress(objective_id="O1", progress=25, note="First try")],
        shared_summary="A hands-on start.",
    )
    paired.record_session(written)
    [read] = paired.sessions("P1")
    commitment = read.commitments[0]
    assert commitment.id is not None
    assert read == written.model_copy(update={"commitments": [commitment]})
    assert commitment.model_copy(update={"id": None}) == written.commitments[0]


def test_sessions_come_newest_first_and_limit_counts_from_the_newest(paired: Store) -> None:
    for day in (3, 17, 10):
        paired.record_session(summary(day))
    assert [s.held_on.day for s in paired.sessions("P1")] == [17, 10, 3]
    assert [s.held_on.day for s in paired.sessions("P1", limit=2)] == [17, 10]


def test_a_commitment_with_an_id_updates_the_one_made_earlier(paired: Store) -> None:
    paired.record_session(
        summary(3, commitments=[Commitment(owner="mentor", text="Bring three prompts")])
    )
    [made] = paired.open_commitments("P1")
    paired.record_session(summary(17, commitments=[made.model_copy(update={"status": "done"})]))
    assert paired.open_commitments("P1") == []
    later, earlier = paired.sessions("P1")
    assert [(c.id, c.status) for c in later.commitments] == [(made.id, "done")]
    assert [(c.id, c.status) for c in earlier.commitments] == [(made.id, "open")]
    with paired.engine.connect() as conn:
        closed_on = conn.scalar(select(schema.commitments.c.closed_on))
    assert closed_on == date(2025, 2, 17)


def test_updating_another_pairs_commitment_is_refused_and_writes_nothing(paired: Store) -> None:
    paired.record_session(
        summary(3, pair_id="P2", commitments=[Commitment(owner="leader", text="Read it")])
    )
    [theirs] = paired.open_commitments("P2")
    attempt = summary(
        17, commitments=[theirs.model_copy(update={"status": "done"})], mentor_private_note="x"
    )
    with pytest.raises(
        StoreError, match=rf"commitments\[0\].id: commitment {theirs.id} belongs to pair P2"
    ):
        paired.record_session(attempt)
    assert paired.sessions("P1") == []
    assert paired.open_commitments("P2") == [theirs]
    assert count(paired, schema.private_notes) == 0


def test_an_unknown_commitment_or_objective_or_pair_is_named(paired: Store) -> None:
    with pytest.raises(NotFound, match="there is no commitment 99"):
        paired.record_session(summary(3, commitments=[Commitment(id=99, owner="leader", text="x")]))
    progress = [ObjectiveProgress(objective_id="O9", progress=10)]
    with pytest.raises(
        StoreError, match=r"objective_progress\[0\].objective_id: the pair has no objective 'O9'"
    ):
        paired.record_session(summary(3, objective_progress=progress))
    with pytest.raises(NotFound, match="pair P7 on 2025-02-03: there is no such pair"):
        paired.record_session(summary(3, pair_id="P7"))
    assert count(paired, schema.sessions) == 0


def test_a_second_summary_for_the_same_day_is_merged_never_a_second_session(
    paired: Store,
) -> None:
    first = paired.record_session(summary(3))
    assert paired.record_session(summary(3, shared_summary="again")) == first
    with pytest.raises(SessionConflict, match="status: recorded as held"):
        paired.record_session(summary(3, status="cancelled"))
    [only] = paired.sessions("P1")
    assert (only.status, only.shared_summary) == ("held", "again")


def _fail_private_note_inserts(store: Store) -> None:
    """A real fault in the database, late in the write: inserting a private note aborts."""
    with store.engine.begin() as conn:
        if store.engine.dialect.name == "sqlite":
            conn.execute(text(
                "CREATE TRIGGER fail_notes BEFORE INSERT ON private_notes "
                "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            ))  # fmt: skip
        else:
            conn.execute(text(
                "CREATE FUNCTION fail_notes() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql"
            ))  # fmt: skip
            conn.execute(text(
                "CREATE TRIGGER fail_notes BEFORE INSERT ON private_notes "
                "FOR EACH ROW EXECUTE FUNCTION fail_notes()"
            ))  # fmt: skip


def test_a_failure_mid_write_leaves_nothing_half_written(paired: Store) -> None:
    paired.record_session(summary(3, commitments=[Commitment(owner="leader", text="Try it")]))
    [made] = paired.open_commitments("P1")
    _fail_private_note_inserts(paired)
    doomed = summary(
        17,
        topics=["feedback"],
        commitments=[
            made.model_copy(update={"status": "done"}),
            Commitment(owner="mentor", text="New"),
        ],
        objective_progress=[ObjectiveProgress(objective_id="O1", progress=50)],
        leader_private_note="this insert fails",
    )
    with pytest.raises(DBAPIError, match="disk full"):
        paired.record_session(doomed)
    assert [s.held_on.day for s in paired.sessions("P1")] == [3]
    assert paired.open_commitments("P1") == [made]
    assert count(paired, schema.session_topics) == 0
    assert count(paired, schema.objective_progress) == 0
    assert paired.pair("P1").objectives[0].progress == 0


def test_objective_progress_follows_the_latest_session_even_when_logged_late(paired: Store) -> None:
    paired.record_session(
        summary(17, objective_progress=[ObjectiveProgress(objective_id="O1", progress=50)])
    )
    assert paired.pair("P1").objectives[0].progress == 50
    paired.record_session(
        summary(3, objective_progress=[ObjectiveProgress(objective_id="O1", progress=25)])
    )
    assert paired.pair("P1").objectives[0].progress == 50


def test_record_sessions_writes_many_in_one_go(paired: Store) -> None:
    batch = [
        summary(day, pair_id=pair, commitments=[Commitment(owner="leader", text=f"Do {day}")])
        for pair in ("P1", "P2")
        for day in range(1, 11)
    ]
    assert paired.record_sessions(batch) == 20
    assert len(paired.sessions("P2")) == 10
    assert len(paired.open_commitments("P1")) == 10


def test_a_bad_summary_in_a_batch_stops_the_whole_batch(paired: Store) -> None:
    batch = [summary(1), summary(2), summary(2, status="cancelled")]
    with pytest.raises(StoreError, match="summary 3 of 3 pair P1 on 2025-02-02: this summary"):
        paired.record_sessions(batch)
    assert count(paired, schema.sessions) == 0


def test_two_summaries_for_one_day_in_a_batch_make_one_session(paired: Store) -> None:
    leader = summary(2, leader_ratings=Ratings(safety=5, usefulness=4))
    mentor = summary(2, mentor_ratings=Ratings(safety=3, usefulness=5))
    assert paired.record_sessions([summary(1), leader, mentor]) == 3
    latest, _ = paired.sessions("P1")
    assert (latest.leader_ratings, latest.mentor_ratings) == (
        leader.leader_ratings,
        mentor.mentor_ratings,
    )


def test_pair_context_gathers_what_a_session_starts_from(paired: Store) -> None:
    paired.record_session(summary(1, commitments=[Commitment(owner="leader", text="Try it")]))
    paired.record_session(summary(8, status="cancelled", duration_minutes=0))
    for day in (15, 22):
        paired.record_session(summary(day))
    context = paired.pair_context("P1")
    assert (context.leader.id, context.mentor.id) == ("L1", "M1")
    assert [o.id for o in context.objectives] == ["O1"]
    assert [s.held_on.day for s in context.recent_summaries] == [22, 15, 8]
    assert [c.text for c in context.open_commitments] == ["Try it"]
    assert context.sessions_held == 3


def test_missing_pairs_and_people_raise_not_found_with_a_hint(paired: Store) -> None:
    with pytest.raises(NotFound, match="`rmcoach pairs list`"):
        paired.sessions("nope")
    with pytest.raises(NotFound, match="`rmcoach participants list`"):
        paired.participant("nope")
