"""The workspace's use cases, exercised directly: one today, what a debrief did, its errors."""

import json
from datetime import date

import pytest

from assistant.config import load_settings
from assistant.workspace.clock import Clock
from assistant.workspace.errors import NotFound
from assistant.workspace.workspace import Workspace

from .conftest import PAIR, TODAY


async def test_a_fixed_today_holds_for_the_glance_the_plan_and_summary_drafts(home) -> None:
    """The glance used the fixed date while plans and drafts used the wall clock; here the
    clock is fixed far from the real today, and every use case follows it."""
    day = date(2026, 6, 1)
    workspace = Workspace(load_settings(), Clock(day))
    glance = await workspace.glance(PAIR)
    assert glance.today == day
    assert workspace.coach.today == day
    drafted = await workspace.draft_summary(PAIR, "We talked about dashboards.", "leader")
    assert drafted.summary.held_on == day


async def test_the_glance_marks_what_is_overdue_as_of_the_workspaces_today(workspace) -> None:
    glance = await workspace.glance(PAIR)
    due = [c for c in glance.context.open_commitments if c.due is not None]
    assert due, "the demo pair should have a dated open commitment"
    assert [glance.overdue(c) for c in due] == [c.due < TODAY for c in due]


async def test_recording_says_what_the_store_did(workspace) -> None:
    leader = {"held_on": "2026-11-19", "leader_ratings": {"safety": 6, "usefulness": 4}}
    mentor = {"held_on": "2026-11-19", "mentor_ratings": {"safety": 5, "usefulness": 4}}
    first = await workspace.record_debrief_json(PAIR, json.dumps(leader), "leader.json")
    added = await workspace.record_debrief_json(PAIR, json.dumps(mentor), "mentor.json")
    again = await workspace.record_debrief_json(PAIR, json.dumps(mentor), "mentor.json")
    assert (first.outcome, added.outcome, again.outcome) == ("created", "merged", "unchanged")
    assert added.sides_added == ("mentor",)
    assert added.session_id == first.session_id


async def test_errors_come_back_as_the_workspaces_own(workspace) -> None:
    with pytest.raises(NotFound) as missing:
        await workspace.glance("P-404")
    assert missing.value.kind == "pair" and missing.value.key == "P-404"
    assert "rmcoach" not in missing.value.message, "command hints belong to the commands"


async def test_offline_the_plan_and_an_answer_come_from_the_guide(workspace) -> None:
    result = await workspace.plan(PAIR)
    assert result.drafted_by == "offline guide" and result.plan.pair_id == PAIR
    texts = [
        event.text
        async for event in workspace.ask("How do I invite candour?", "leader")
        if type(event).__name__ == "TurnDone"
    ]
    assert texts and texts[0].strip()
