"""Debrief to summary draft: the model's extraction checked, the guided form offline, privacy."""

import json
from collections.abc import Callable
from datetime import date

import pytest
from scripted_openai import ScriptedOpenAI

from assistant.agent.coach import Coach
from assistant.agent.summary import guided_form, shareable
from assistant.models import Commitment
from assistant.store import Store

from .conftest import PAIR, context_for

DEBRIEF = """We practised the shared whiteboard and looked at how the team uses the channel.
I ran Monday's meeting from the shared whiteboard, done.
Sam learned that board papers take weeks to write.
I learned that my updates read like press releases.
I will try live polling on Monday by 2026-03-14. Sam will send me three examples of good posts.
Agreed: review the poll results together
Private: DEBRIEF-PRIVATE-LINE I felt defensive about the all-hands video.
Safety 6/7, usefulness 4/5."""
OPEN = [
    Commitment(id=7, owner="leader", text="Run Monday's meeting from the shared whiteboard"),
    Commitment(id=8, owner="mentor", text="Send Helen two prompts for board papers"),
]
EXTRACTED = {
    "topics": ["digital-fluency"],
    "leader_learned": "My updates read like press releases.",
    "mentor_learned": "Board papers take weeks.",
    "commitments": [{"owner": "leader", "text": "Try live polling on Monday", "due": "2026-03-14"}],
    "commitment_updates": [],
    "objective_progress": [{"objective_id": "whiteboard", "progress": 50}],
    "shared_summary": "We practised the whiteboard.",
}


def test_lines_labelled_private_are_removed_before_anything_reads_the_debrief() -> None:
    kept = shareable(DEBRIEF)
    assert "DEBRIEF-PRIVATE-LINE" not in kept and "Safety 6/7" in kept


def test_the_guided_form_prefills_what_plain_rules_can_find() -> None:
    context = context_for(sessions_held=1, commitments=OPEN)
    draft = guided_form(DEBRIEF, context, held_on=date(2026, 3, 1), author="leader")
    summary = draft.summary
    assert draft.drafted_by == "offline guide" and "Offline guide" in draft.notice
    assert {c.id: c.status for c in summary.commitments if c.id} == {7: "done", 8: "open"}
    new = [(c.owner, c.text, c.due) for c in summary.commitments if c.id is None]
    assert new == [
        ("leader", "Try live polling on Monday", date(2026, 3, 14)),
        ("mentor", "Send me three examples of good posts", None),
        ("leader", "Review the poll results together", None),
    ]
    assert summary.leader_learned == "My updates read like press releases."
    assert summary.mentor_learned == "Board papers take weeks to write."
    assert "digital-fluency" in summary.topics
    assert summary.leader_ratings and summary.leader_ratings.safety == 6
    assert summary.leader_private_note == summary.mentor_private_note == ""


@pytest.mark.parametrize(
    ("debrief", "minutes", "ratings"),
    [
        ("We met for 40 minutes. Safety felt like a 6, usefulness 4.", 40, (6, 4)),
        ("A 45-minute session; safety 5 out of 7, usefulness: 3 out of 5", 45, (5, 3)),
        ("Half an hour only. Safety 6/7, usefulness 4/5.", 30, (6, 4)),
        ("We ran over, about an hour. Usefulness 5 and safety 7.", 60, (7, 5)),
        ("We talked about safety for 30 minutes. Safety 6/10, usefulness 9.", 30, None),
        ("No numbers at all today, but a useful talk.", None, None),
    ],
)
def test_the_guided_form_reads_the_length_and_ratings_as_people_write_them(
    debrief: str, minutes: int | None, ratings: tuple[int, int] | None
) -> None:
    context = context_for(sessions_held=1, commitments=[])
    summary = guided_form(debrief, context, held_on=date(2026, 3, 1), author="mentor").summary
    assert ("duration_minutes" in summary.model_fields_set) == (minutes is not None)
    if minutes is not None:
        assert summary.duration_minutes == minutes
    found = summary.mentor_ratings
    assert ((found.safety, found.usefulness) if found else None) == ratings
    if ratings:  # a rating names safety without the session being about it
        assert "psychological-safety" not in summary.topics


def test_filling_from_text_keeps_a_typed_length_the_debrief_does_not_give() -> None:
    from assistant.workspace.debrief_form import from_summary
    from assistant.workspace.drafts import DebriefDraft

    context = context_for(sessions_held=1, commitments=[])
    typed = DebriefDraft(pair_id=PAIR, side="mentor", duration_minutes="55")
    for debrief, wanted in (("Safety 6/7, usefulness 4/5.", "55"), ("Just 40 minutes.", "40")):
        summary = guided_form(debrief, context, held_on=date(2026, 3, 1), author="mentor").summary
        assert from_summary(summary, "mentor", typed).duration_minutes == wanted


def test_the_guided_form_asks_about_every_field_of_its_side_it_could_not_fill() -> None:
    context = context_for(sessions_held=1, commitments=OPEN)
    draft = guided_form("We talked.", context, held_on=date(2026, 3, 1), author="mentor")
    assert set(draft.to_complete) == {
        "shared_summary",
        "agenda_covered",
        "topics",
        "mentor_learned",
        "commitments",
        "mentor_ratings",
    }
    assert all(question.endswith("?") for question in draft.to_complete.values())
    # The leader's learning and ratings are the leader's to record: never asked of the mentor.
    leader = guided_form("We talked.", context, held_on=date(2026, 3, 1), author="leader")
    assert {"leader_learned", "leader_ratings"} <= set(leader.to_complete)
    assert not {"mentor_learned", "mentor_ratings"} & set(leader.to_complete)


async def test_offline_the_coach_drafts_with_the_guided_form_and_stores_nothing(
    make_coach: Callable[..., Coach], store: Store
) -> None:
    draft = await make_coach().draft_summary(PAIR, DEBRIEF)
    assert draft.drafted_by == "offline guide"
    assert len(store.sessions(PAIR)) == 1


async def test_the_models_extraction_becomes_a_checked_draft_and_private_lines_never_reach_it(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_json(EXTRACTED)
    draft = await make_coach().draft_summary(PAIR, DEBRIEF)
    assert draft.drafted_by == "model"
    assert draft.summary.pair_id == PAIR and draft.summary.objective_progress[0].progress == 50
    texts = [c.text for c in draft.summary.commitments]
    assert "Try live polling on Monday" in texts
    assert "Send Helen two prompts for board papers" in texts  # carried over, status to confirm
    sent = json.dumps(scripted_llm.requests)
    assert "board papers take weeks" in sent
    assert "DEBRIEF-PRIVATE-LINE" not in sent and "PRIVATE-NOTE" not in sent
    assert "private_note" not in sent  # the schema the model sees has no such field


async def test_invalid_json_is_repaired_once_then_accepted(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_json('{"topics": ["digital-fluency"], "leader_learned": ')
    scripted_llm.reply_json(EXTRACTED)
    draft = await make_coach().draft_summary(PAIR, DEBRIEF)
    assert (
        draft.drafted_by == "model"
        and draft.summary.shared_summary == "We practised the whiteboard."
    )
    assert len(scripted_llm.requests) == 2


async def test_a_reply_still_invalid_after_repair_falls_back_to_the_guided_form(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_json({"topics": ["astrology"]})
    scripted_llm.reply_json({"topics": ["astrology"]})
    draft = await make_coach().draft_summary(PAIR, DEBRIEF)
    assert draft.drafted_by == "offline guide"
    assert draft.notice.startswith("the model's reply did not match the ExtractedSummary format")
    assert "Try live polling on Monday" in [c.text for c in draft.summary.commitments]


async def test_progress_for_an_objective_the_pair_does_not_have_is_dropped_with_a_notice(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_json(
        EXTRACTED | {"objective_progress": [{"objective_id": "tiktok", "progress": 90}]}
    )
    draft = await make_coach().draft_summary(PAIR, DEBRIEF)
    assert draft.summary.objective_progress == []
    assert "1 progress figure(s)" in draft.notice


async def test_a_confirmed_draft_is_saved_with_its_commitment_updates(
    make_coach: Callable[..., Coach], store: Store
) -> None:
    coach = make_coach()
    draft = await coach.draft_summary(PAIR, DEBRIEF)
    coach.save_summary(draft.summary.model_copy(update={"shared_summary": "We practised."}))
    open_now = [c.text for c in store.open_commitments(PAIR)]
    assert "Run Monday's meeting from the shared whiteboard" not in open_now
    assert "Try live polling on Monday" in open_now
