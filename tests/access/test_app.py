"""The app in a shared programme: the start screen says who you are and offers only your own."""

import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList

from assistant.config import load_settings
from assistant.tui.app import RmcoachApp
from assistant.tui.screens.debrief import DebriefScreen
from assistant.tui.screens.rehearse import RehearseScreen
from assistant.tui.screens.start import StartScreen
from assistant.workspace.clock import Clock
from assistant.workspace.workspace import Workspace
from tests.tui.driver import Driver

from .shared import NOTES, Shared


@pytest.fixture
def as_login(granted: Shared, guidance_home: Path, isolated_home: Path):  # noqa: ANN201
    shutil.copytree(guidance_home / "knowledge", isolated_home / "knowledge")

    def open_as(who: str) -> Workspace:
        granted.monkeypatch.setenv("RMCOACH_DATABASE_URL", granted.url(who))
        return Workspace(load_settings(), Clock())

    return open_as


async def test_a_leader_is_signed_in_and_chooses_among_their_own_pairs(as_login) -> None:
    app = RmcoachApp(as_login("lea1"))
    run = Driver(app)
    async with app.run_test(size=(100, 32), message_hook=run.record) as pilot:
        run.pilot = pilot
        await run.wait(lambda: run.one("#pairs", OptionList).option_count > 0, "the pair list")
        assert "Signed in as Lena Leader1, leader of P1" in str(run.one("#start-whoami").render())
        assert [option.id for option in run.one("#pairs", OptionList).options] == ["P1"]
        assert not run.one("#role-mentor").display and not run.one("#role-coordinator").display
        await run.press("c")  # no free choice of role in a shared store
        assert isinstance(app.screen, StartScreen) and run.one("#role-leader").value
        await run.press("enter")
        await run.press("f5")
        await run.wait(lambda: isinstance(app.screen, DebriefScreen), "the debrief screen")
        await run.wait(lambda: app.screen.query_one("#earlier-notes").display, "earlier notes")
        shown = str(app.screen.query_one("#earlier-notes").render())
        assert NOTES[("P1", "leader")] in shown and NOTES[("P1", "mentor")] not in shown


async def test_a_login_without_access_is_told_so_and_offered_nothing(as_login) -> None:
    app = RmcoachApp(as_login("nobody"))
    run = Driver(app)
    async with app.run_test(size=(100, 32), message_hook=run.record) as pilot:
        run.pilot = pilot
        await run.wait(lambda: "no access" in str(run.one("#start-whoami").render()), "who")
        assert not run.one("#pairs").display and not run.one("#role").display


async def test_a_mentor_rehearses_and_debriefs_reading_only_the_leaders_card(as_login) -> None:
    app = RmcoachApp(as_login("men1"))
    run = Driver(app)
    async with app.run_test(size=(100, 32), message_hook=run.record) as pilot:
        run.pilot = pilot
        await run.wait(lambda: run.one("#pairs", OptionList).option_count > 0, "the pair list")
        assert "Signed in as Milo Mentor1, mentor of P1" in str(run.one("#start-whoami").render())
        await run.press("enter")
        await run.wait(lambda: isinstance(app.screen, RehearseScreen), "the rehearse screen")
        await run.press("f5")
        await run.wait(lambda: isinstance(app.screen, DebriefScreen), "the debrief screen")
        await run.wait(lambda: "Lena Leader1 with Milo Mentor1" in app.screen.title, "the title")
        await run.wait(lambda: app.screen.query_one("#earlier-notes").display, "earlier notes")
        shown = str(app.screen.query_one("#earlier-notes").render())
        assert NOTES[("P1", "mentor")] in shown and NOTES[("P1", "leader")] not in shown
