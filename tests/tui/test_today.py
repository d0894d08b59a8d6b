"""One today: the app asks the workspace's clock, so past midnight every screen moves on together.

The clock is fixed (as `--today` and the tests fix it) on the day a commitment of the pair falls
due, then moved to the next morning with the app left open: the glance marks the commitment
overdue, the plan exports under the new date, and a debrief opened the evening before takes the
new day as its default date and its draft is stamped with it.
"""

import json
from datetime import timedelta

from conftest import DEMO_TODAY

from assistant.config import load_settings
from assistant.tui.screens.debrief import DebriefScreen
from assistant.tui.screens.prepare import PrepareScreen
from assistant.tui.widgets.plan_panel import PlanPanel
from assistant.workspace.clock import Clock
from assistant.workspace.workspace import Workspace

PAIR = "P-007"
EVENING = DEMO_TODAY
MORNING = EVENING + timedelta(days=1)


def _marked_overdue(screen: PrepareScreen) -> str:
    """The parts of the commitments column drawn in the overdue style."""
    text = screen.query_one("#glance-commitments").content
    return " ".join(text.plain[s.start : s.end] for s in text.spans if s.style == "bold red")


async def test_past_midnight_the_glance_the_plan_and_the_debrief_move_to_the_new_day(
    launch, home
) -> None:
    workspace = Workspace(load_settings(), Clock(EVENING))
    due_today = [c for c in workspace.store.pair_context(PAIR).open_commitments if c.due == EVENING]
    assert due_today, "the demo pair should have a commitment due on its today"
    due = f"due {EVENING:%d %b}"
    async with launch(workspace) as run:
        await run.enter_as("leader", PAIR)
        prepare = run.app.screen
        assert isinstance(prepare, PrepareScreen)
        await run.wait(lambda: prepare.glance is not None, "the glance")
        assert due not in _marked_overdue(prepare)
        await run.wait(lambda: prepare.query_one(PlanPanel).plan is not None, "a plan")
        await run.press("f5")
        debrief = run.app.screen
        assert isinstance(debrief, DebriefScreen)
        await run.wait(lambda: debrief.query_one("#held_on").value, "the debrief's date")
        assert debrief.query_one("#held_on").value == EVENING.isoformat()
        await run.press("f3")

        workspace.clock = Clock(MORNING)
        run.app.check_the_day()
        await run.wait(lambda: due in _marked_overdue(prepare), "the commitment marked overdue")
        assert prepare.glance is not None and prepare.glance.today == MORNING
        await run.press("ctrl+e")
        await run.wait_for_notice(f"plan-{PAIR}-{MORNING}.md")

        await run.press("f5")
        held_on = debrief.query_one("#held_on")
        await run.wait(lambda: held_on.value == MORNING.isoformat(), "the debrief's new date")
        debrief.query_one("#learned").text = "Written after midnight"
        draft = home / "drafts" / f"{PAIR}.leader.json"
        await run.wait(draft.exists, "the autosaved draft")
    stamped = json.loads(draft.read_text())
    assert stamped["held_on"] == MORNING.isoformat()
    assert stamped["saved_at"].startswith(MORNING.isoformat()), stamped["saved_at"]
