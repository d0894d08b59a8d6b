"""Each side debriefs on its own: the second summary for a pair and day merges into that session."""

from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, select

from assistant.models import Commitment, ObjectiveProgress, Ratings, SessionSummary
from assistant.store import SessionConflict, Store, schema
from assistant.store.store import make_engine

DAY = date(2025, 2, 3)
LEADER_NOTE = "LEADER-PRIVATE I rushed the demo"
MENTOR_NOTE = "MENTOR-PRIVATE I held back again"


def leader_debrief(**fields: object) -> SessionSummary:
    values: dict[str, object] = {
        "pair_id": "P1",
        "held_on": DAY,
        "duration_minutes": 50,
        "topics": ["digital-fluency", "agenda"],
        "agenda_covered": ["Try the assistant"],
        "leader_learned": "Prompting is briefing.",
        "leader_ratings": Ratings(safety=5, usefulness=4),
        "commitments": [Commitment(owner="leader", text="Draft with the assistant")],
        "objective_progress": [ObjectiveProgress(objective_id="O1", progress=25, note="First try")],
        "shared_summary": "A hands-on start.",
        "leader_private_note": LEADER_NOTE,
    }
    return SessionSummary.model_validate(values | fields)


def mentor_debrief(**fields: object) -> SessionSummary:
    values: dict[str, object] = {
        "pair_id": "P1",
        "held_on": DAY,
        "topics": ["agenda", "feedback"],
        "agenda_covered": ["Try the assistant", "Ground rules"],
        "mentor_learned": "How board papers are shaped.",
        "mentor_ratings": Ratings(safety=3, usefulness=5),
        "commitments": [
            Commitment(owner="leader", text="Draft with the assistant"),
            Commitment(owner="mentor", text="Bring three prompts"),
        ],
        "shared_summary": "A hands-on start.",
        "mentor_private_note": MENTOR_NOTE,
    }
    return SessionSummary.model_validate(values | fields)


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove that a refused or empty write changed nothing."""
    with store.engine.connect() as conn:
        return {
            table.name: sorted(map(tuple, conn.execute(select(table))), key=repr)
            for table in schema.metadata.sorted_tables
        }


def test_the_mentors_debrief_completes_the_session_the_leader_recorded(paired: Store) -> None:
    first = paired.record_session_result(leader_debrief())
    second = paired.record_session_result(mentor_debrief())
    assert (first.outcome, second.outcome) == ("created", "merged")
    assert second.session_id == first.session_id and second.sides_added == ("mentor",)
    assert str(second).startswith("Added the mentor's debrief to the session of 2025-02-03")
    [session] = paired.sessions("P1")
    assert session.leader_ratings == Ratings(safety=5, usefulness=4)
    assert session.mentor_ratings == Ratings(safety=3, usefulness=5)
    assert (session.leader_learned, session.mentor_learned) == (
        "Prompting is briefing.",
        "How board papers are shaped.",
    )
    assert session.duration_minutes == 50
    assert session.shared_summary == "A hands-on start."
    assert paired.private_notes("P1", "leader") == [(DAY, LEADER_NOTE)]
    assert paired.private_notes("P1", "mentor") == [(DAY, MENTOR_NOTE)]
    assert "PRIVATE" not in session.model_dump_json()


def test_topics_agenda_and_commitments_of_both_debriefs_are_kept_once_in_order(
    paired: Store,
) -> None:
    leader = paired.record_session_result(leader_debrief())
    mentor = paired.record_session_result(mentor_debrief())
    [session] = paired.sessions("P1")
    assert session.topics == ["digital-fluency", "agenda", "feedback"]
    assert session.agenda_covered == ["Try the assistant", "Ground rules"]
    assert [(c.owner, c.text) for c in session.commitments] == [
        ("leader", "Draft with the assistant"),
        ("mentor", "Bring three prompts"),
    ]
    assert [
        c.id for c in session.commitments
    ] == leader.new_commitment_ids + mentor.new_commitment_ids
    with paired.engine.connect() as conn:
        topics = set(conn.scalars(select(schema.session_topics.c.topic)))
    assert topics == {"digital-fluency", "agenda", "feedback"}


def test_logging_the_same_summary_again_changes_nothing_and_says_so(paired: Store) -> None:
    paired.record_session(leader_debrief())
    paired.record_session(mentor_debrief())
    before = snapshot(paired)
    again = paired.record_session_result(mentor_debrief())
    assert again.outcome == "unchanged" and again.new_commitment_ids == []
    assert str(again).startswith("Nothing new: the session of 2025-02-03")
    assert paired.record_session_result(leader_debrief()).outcome == "unchanged"
    assert snapshot(paired) == before


def test_a_conflicting_debrief_is_refused_whole_naming_each_field(paired: Store) -> None:
    paired.record_session(leader_debrief())
    paired.record_session(mentor_debrief())
    before = snapshot(paired)
    clash = mentor_debrief(
        topics=["closing"],
        leader_learned="Something else entirely.",
        mentor_ratings=Ratings(safety=6, usefulness=5),
        commitments=[Commitment(owner="mentor", text="A new one")],
        leader_private_note="LEADER-OVERWRITE attempt",
    )
    with pytest.raises(SessionConflict) as caught:
        paired.record_session(clash)
    assert [(c.path, c.reason) for c in caught.value.conflicts] == [
        (
            "leader_learned",
            "what the leader learned is already recorded for this session, in other words",
        ),
        ("mentor_ratings.safety", "recorded as 3, this summary says 6"),
        (
            "leader_private_note",
            "the leader's private note for this session is already recorded, and differs",
        ),
    ]
    message = str(caught.value)
    assert message.startswith("pair P1 on 2025-02-03: this summary contradicts the session")
    assert "nothing was written" in message and "PRIVATE" not in message
    assert snapshot(paired) == before


def test_a_side_adds_its_own_note_and_never_touches_the_other_sides(paired: Store) -> None:
    paired.record_session(leader_debrief())
    paired.record_session(mentor_debrief(leader_private_note=LEADER_NOTE))
    paired.record_session(leader_debrief(mentor_private_note=MENTOR_NOTE))
    assert paired.private_notes("P1", "leader") == [(DAY, LEADER_NOTE)]
    assert paired.private_notes("P1", "mentor") == [(DAY, MENTOR_NOTE)]


def test_shared_summaries_that_differ_are_both_kept_once(paired: Store) -> None:
    paired.record_session(leader_debrief())
    paired.record_session(mentor_debrief(shared_summary="We agreed on ground rules."))
    paired.record_session(mentor_debrief(shared_summary="We agreed on ground rules."))
    paired.record_session(leader_debrief())
    [session] = paired.sessions("P1")
    assert session.shared_summary == "A hands-on start.\n\nWe agreed on ground rules."


def test_a_recorded_duration_stays_unless_it_was_zero(paired: Store) -> None:
    paired.record_session(leader_debrief(duration_minutes=50))
    paired.record_session(mentor_debrief(duration_minutes=45))
    assert paired.sessions("P1")[0].duration_minutes == 50
    paired.record_session(leader_debrief(held_on=date(2025, 2, 17), duration_minutes=0))
    paired.record_session(mentor_debrief(held_on=date(2025, 2, 17), duration_minutes=40))
    assert paired.sessions("P1")[0].duration_minutes == 40


def test_the_second_debrief_updates_earlier_commitments_by_id(paired: Store) -> None:
    paired.record_session(leader_debrief(held_on=date(2025, 1, 20)))
    [earlier] = paired.open_commitments("P1")
    paired.record_session(leader_debrief(commitments=[]))
    done = earlier.model_copy(update={"status": "done"})
    assert paired.record_session_result(mentor_debrief(commitments=[done])).outcome == "merged"
    assert earlier.id not in [c.id for c in paired.open_commitments("P1")]
    assert [(c.id, c.status) for c in paired.sessions("P1")[0].commitments] == [
        (earlier.id, "done")
    ]


def test_a_commitment_this_session_closed_cannot_be_reopened_by_the_other_side(
    paired: Store,
) -> None:
    paired.record_session(leader_debrief(held_on=date(2025, 1, 20)))
    [earlier] = paired.open_commitments("P1")
    paired.record_session(
        leader_debrief(commitments=[earlier.model_copy(update={"status": "done"})])
    )
    with pytest.raises(
        SessionConflict, match=r"commitments\[0\].status: commitment \d+ is already"
    ):
        paired.record_session(mentor_debrief(commitments=[earlier]))
    made_again = Commitment(owner="leader", text="Draft with the assistant", status="dropped")
    with pytest.raises(SessionConflict, match=r"give its id \(\d+\) to change it"):
        paired.record_session(leader_debrief(held_on=date(2025, 1, 20), commitments=[made_again]))
    assert earlier.id not in [c.id for c in paired.open_commitments("P1")]


def test_the_later_reading_of_an_objective_in_the_same_session_wins(paired: Store) -> None:
    paired.record_session(leader_debrief())
    reading = ObjectiveProgress(objective_id="O1", progress=50)
    paired.record_session(mentor_debrief(objective_progress=[reading]))
    [session] = paired.sessions("P1")
    assert session.objective_progress == [reading.model_copy(update={"note": "First try"})]
    assert paired.pair("P1").objectives[0].progress == 50
    later = ObjectiveProgress(objective_id="O1", progress=75)
    paired.record_session(leader_debrief(held_on=date(2025, 2, 17), objective_progress=[later]))
    paired.record_session(
        mentor_debrief(objective_progress=[reading.model_copy(update={"progress": 25})])
    )
    assert paired.pair("P1").objectives[0].progress == 75


def test_both_sides_saving_a_new_day_at_once_end_in_one_merged_session(
    paired: Store, database_url: str
) -> None:
    other = Store(make_engine(database_url))
    raced = []

    @event.listens_for(paired.engine, "before_cursor_execute")
    def _mentor_saves_first(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.startswith("INSERT INTO sessions") and not raced:
            raced.append(other.record_session_result(mentor_debrief()))

    recorded = paired.record_session_result(leader_debrief())
    other.engine.dispose()
    assert raced[0].outcome == "created"
    assert (recorded.outcome, recorded.session_id) == ("merged", raced[0].session_id)
    [session] = paired.sessions("P1")
    assert session.leader_ratings and session.mentor_ratings


def test_one_promise_both_sides_noted_in_their_own_words_is_one_commitment(
    paired: Store,
) -> None:
    """Leader and mentor each noted "send the dashboard link by Friday": the glance, the coach
    and the counts read it once, and closing it closes it once."""
    due = date(2025, 2, 7)
    leader = leader_debrief(
        commitments=[Commitment(owner="leader", text="Send the dashboard link by Friday", due=due)]
    )
    mentor = mentor_debrief(
        commitments=[
            Commitment(owner="leader", text="send the  dashboard link by Friday.", due=due),
            Commitment(owner="leader", text="Send the dashboard link by Friday", due=DAY),
            Commitment(owner="mentor", text="Send the dashboard link by Friday", due=due),
        ]
    )
    paired.record_session(leader)
    merged = paired.record_session_result(mentor)
    assert merged.outcome == "merged" and len(merged.new_commitment_ids) == 2
    open_now = [(c.owner, c.text, c.due) for c in paired.open_commitments("P1")]
    assert open_now == [
        ("leader", "Send the dashboard link by Friday", due),
        ("leader", "Send the dashboard link by Friday", DAY),
        ("mentor", "Send the dashboard link by Friday", due),
    ], "another due date or owner is another promise"
    assert paired.record_session_result(mentor).outcome == "unchanged"
    done = Commitment(owner="leader", text="Send the dashboard link by Friday.", status="done")
    with pytest.raises(SessionConflict, match="already recorded for this session as open"):
        paired.record_session(mentor_debrief(commitments=[done.model_copy(update={"due": due})]))
