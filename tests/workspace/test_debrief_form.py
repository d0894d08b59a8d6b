"""From the debrief form to a summary: each side lands on its side, errors name the field."""

from datetime import date

import pytest

from assistant.models import Commitment, Ratings, SessionSummary
from assistant.workspace.debrief_form import (
    DebriefInvalid,
    from_summary,
    summary_fields,
    to_summary,
)
from assistant.workspace.drafts import DebriefDraft, DraftCommitment


def _draft(**changes: object) -> DebriefDraft:
    fields = dict(
        pair_id="p1",
        side="mentor",
        held_on="2026-11-20",
        safety=6,
        usefulness=4,
        learned="How budgets are set",
        private_note="I held back on the reorg",
        shared_summary="We tried the dashboard",
        commitments=[
            DraftCommitment(owner="leader", text="Open the dashboard weekly", due="2026-12-01")
        ],
    )
    return DebriefDraft(**(fields | changes))


def test_the_mentors_form_fills_the_mentors_side() -> None:
    summary = to_summary(_draft())
    assert summary.mentor_ratings == Ratings(safety=6, usefulness=4)
    assert summary.leader_ratings is None
    assert summary.mentor_learned == "How budgets are set"
    assert summary.mentor_private_note == "I held back on the reorg"
    assert summary.leader_private_note == ""
    assert summary.commitments[0].due == date(2026, 12, 1)


def test_each_wrong_field_is_named_by_its_form_name() -> None:
    draft = _draft(
        held_on="20/11/2026",
        usefulness=None,
        commitments=[DraftCommitment(owner="leader", text="ok", due="soon")],
    )
    with pytest.raises(DebriefInvalid) as raised:
        to_summary(draft)
    errors = raised.value.errors
    assert set(errors) == {"held_on", "usefulness", "commitments.0.due"}
    assert "YYYY-MM-DD" in errors["held_on"]


def test_blank_new_commitment_rows_are_ignored() -> None:
    summary = to_summary(_draft(commitments=[DraftCommitment(owner="mentor", text="  ")]))
    assert summary.commitments == []


def test_a_drafted_summary_fills_the_form_and_keeps_existing_commitments() -> None:
    base = _draft(
        commitments=[DraftCommitment(id=7, owner="leader", text="Old one", status="done")]
    )
    drafted = SessionSummary(
        pair_id="p1",
        held_on=date(2026, 11, 21),
        mentor_ratings=Ratings(safety=5, usefulness=3),
        mentor_learned="About hiring",
        commitments=[Commitment(owner="mentor", text="Send the article")],
    )
    draft = from_summary(drafted, "mentor", base)
    assert (draft.held_on, draft.safety, draft.learned) == ("2026-11-21", 5, "About hiring")
    assert [c.text for c in draft.commitments] == ["Old one", "Send the article"]
    assert draft.private_note == "I held back on the reorg"


def test_both_sides_drafts_join_into_one_summary_each_keeping_its_own_fields() -> None:
    """`rmcoach log` with nobody chosen answers for both sides: a draft each, one summary."""
    shared = {"pair_id": "p1", "held_on": "2026-11-18", "shared_summary": "Agreed"}
    leader = DebriefDraft(side="leader", safety=6, usefulness=4, private_note="mine", **shared)
    mentor = DebriefDraft(side="mentor", learned="How boards decide", **shared)
    summary = SessionSummary.model_validate(summary_fields([leader, mentor]))
    assert summary.leader_ratings == Ratings(safety=6, usefulness=4)
    assert summary.mentor_ratings is None and summary.mentor_learned == "How boards decide"
    assert (summary.leader_private_note, summary.mentor_private_note) == ("mine", "")
    assert summary.shared_summary == "Agreed"


def test_a_cancelled_session_needs_no_ratings_and_keeps_what_the_command_asked() -> None:
    draft = DebriefDraft(
        pair_id="p1",
        side="mentor",
        held_on="2026-11-18",
        status="cancelled",
        shared_summary="Leader travelling",
        agenda_covered=["Nothing"],
    )
    summary = to_summary(draft)
    assert (summary.status, summary.duration_minutes) == ("cancelled", 0)
    assert summary.agenda_covered == ["Nothing"]
