"""From the debrief form to a summary: each side lands on its side, errors name the field."""

from datetime import date

import pytest

from assistant.debrief_form import DebriefInvalid, from_summary, to_summary
from assistant.drafts import DebriefDraft, DraftCommitment
from assistant.models import Commitment, Ratings, SessionSummary


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
