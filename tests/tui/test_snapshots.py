"""Snapshots of the five main screens at 100x32 over the demo programme, offline.

Deterministic: the demo, every screen and the coach use the same fixed today (the coach asks
the app's clock), notifications are cleared before the picture, and nothing shows the time.
Update after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`,
then look at the SVGs in tests/tui/__snapshots__ before committing them.
"""

import asyncio
import html
import time
from collections.abc import Callable

from textual.css.query import NoMatches
from textual.pilot import Pilot

from assistant.tui.app import RmcoachApp
from assistant.tui.widgets.chat import Reply
from assistant.workspace.workspace import Workspace

SIZE = (100, 32)


async def _until(pilot: Pilot, condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + 30
    while not _holds(condition):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.05)


async def _settled(pilot: Pilot) -> None:
    """Wait until two pictures a moment apart agree: on a loaded machine, scrolling and layout
    can still be catching up after the content is there. A blinking cursor would never agree
    with itself, so it is held still."""
    for editor in pilot.app.screen.query("Input, TextArea"):
        editor.cursor_blink = False
    await pilot.wait_for_scheduled_animations()
    previous = None
    deadline = time.monotonic() + 30
    while (current := pilot.app.export_screenshot()) != previous:
        assert time.monotonic() < deadline, "the screen never settled"
        previous = current
        await pilot.pause(0.3)


def _holds(condition: Callable[[], object]) -> bool:
    try:
        return bool(condition())
    except NoMatches:  # the screen is still being put together
        return False


def _entering(role: str, pair_id: str | None, ready: Callable[[RmcoachApp], object], *keys: str):
    async def run_before(pilot: Pilot) -> None:
        app: RmcoachApp = pilot.app  # type: ignore[assignment]
        await _until(pilot, app.guidance_ready.is_set, "the guidance")
        if role != "start":
            app.enter(role, pair_id)  # type: ignore[arg-type]
        await _until(pilot, lambda: ready(app), f"the {role} screen's content")
        for key in keys:
            await pilot.press(key)
        app.clear_notifications()
        await _settled(pilot)

    return run_before


def test_start_screen(snap_compare, workspace: Workspace) -> None:
    ready = _entering("start", None, lambda app: app.screen.query_one("#pairs").option_count)
    assert snap_compare(RmcoachApp(workspace), terminal_size=SIZE, run_before=ready)


def test_prepare_screen(snap_compare, workspace: Workspace) -> None:
    ready = _entering("leader", "P-002", lambda app: app.screen.query_one("PlanPanel").plan)
    assert snap_compare(RmcoachApp(workspace), terminal_size=SIZE, run_before=ready)


def test_rehearse_screen_after_an_attempt(snap_compare, workspace: Workspace) -> None:
    async def run_before(pilot: Pilot) -> None:
        app: RmcoachApp = pilot.app  # type: ignore[assignment]
        await _entering("mentor", "P-004", lambda app: app.screen.query("#topic"))(pilot)
        screen = app.screen
        screen.query_one("#topic").value = "late-night emails"
        await screen.action_start()
        screen.query_one(
            "ChatPanel"
        ).box.value = "You always send emails at midnight; it is annoying."
        await pilot.press("enter")
        await _until(
            pilot, lambda: screen.query_one("RubricCard").query(".criterion"), "the rubric"
        )
        await _until(pilot, lambda: not screen.query_one("ChatPanel").busy, "the reply")
        # The stream's last words are appended as it stops and laid out a moment later; two
        # equal pictures can come before that, so wait for the reply's last word on screen.
        last_word = html.escape(screen.query(Reply).last().text.split()[-1])
        await _until(pilot, lambda: last_word in app.export_screenshot(), "the reply's last word")
        app.clear_notifications()
        await _settled(pilot)

    assert snap_compare(RmcoachApp(workspace), terminal_size=SIZE, run_before=run_before)


def test_debrief_screen(snap_compare, workspace: Workspace) -> None:
    def on_debrief(app: RmcoachApp) -> object:
        return app.screen.query_one("#held_on").value

    async def enter_then_debrief(pilot: Pilot) -> None:
        app: RmcoachApp = pilot.app  # type: ignore[assignment]
        await _entering("leader", "P-006", lambda app: app.screen.query("PlanPanel"))(pilot)
        app.action_go("debrief")
        await _until(pilot, lambda: on_debrief(app), "the debrief form")
        app.clear_notifications()
        await _settled(pilot)

    # Chosen as the start screen chooses: a debrief shows its author's own earlier notes.
    asyncio.run(workspace.choose_person(workspace.store.pair("P-006").leader_id))
    assert snap_compare(RmcoachApp(workspace), terminal_size=SIZE, run_before=enter_then_debrief)


def test_review_screen(snap_compare, workspace: Workspace) -> None:
    ready = _entering("coordinator", None, lambda app: getattr(app.screen, "report", None))
    assert snap_compare(RmcoachApp(workspace), terminal_size=SIZE, run_before=ready)
