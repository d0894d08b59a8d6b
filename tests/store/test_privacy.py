"""Private notes reach their author's own view and nowhere else."""

from datetime import date

from sqlalchemy import select

from assistant.models import SessionSummary
from assistant.store import Store, schema

LEADER_SECRET = "LEADER-SECRET I felt defensive"
MENTOR_SECRET = "MENTOR-SECRET I held back again"


def _record_with_notes(store: Store) -> None:
    store.record_session(
        SessionSummary(
            pair_id="P1",
            held_on=date(2025, 2, 3),
            shared_summary="A good start.",
            leader_private_note=LEADER_SECRET,
            mentor_private_note=MENTOR_SECRET,
        )
    )
    store.record_session(
        SessionSummary(pair_id="P1", held_on=date(2025, 2, 17), mentor_private_note="second")
    )


def test_sessions_and_pair_context_never_carry_private_notes(paired: Store) -> None:
    _record_with_notes(paired)
    shown = [s.model_dump_json() for s in paired.sessions("P1")] + [
        paired.pair_context("P1").model_dump_json()
    ]
    for text in shown:
        assert "SECRET" not in text
    assert all(s.leader_private_note == s.mentor_private_note == "" for s in paired.sessions("P1"))


def test_each_side_sees_only_its_own_notes_newest_first(paired: Store) -> None:
    _record_with_notes(paired)
    assert paired.private_notes("P1", "leader") == [(date(2025, 2, 3), LEADER_SECRET)]
    assert paired.private_notes("P1", "mentor") == [
        (date(2025, 2, 17), "second"),
        (date(2025, 2, 3), MENTOR_SECRET),
    ]
    assert paired.private_notes("P2", "mentor") == []


def test_no_table_a_report_may_read_holds_private_text(paired: Store) -> None:
    _record_with_notes(paired)
    with paired.engine.connect() as conn:
        for table in schema.SHARED_TABLES:
            for row in conn.execute(select(table)):
                assert "SECRET" not in repr(tuple(row)), table.name
        assert len(conn.execute(select(schema.private_notes)).all()) == 3
    assert schema.private_notes not in schema.SHARED_TABLES
