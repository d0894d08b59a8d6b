"""`rmcoach log` keeps its answers as the workspace's debrief drafts, the format the app's Debrief
screen keeps: an interrupted run is carried on by the next (or by the app), a draft the app kept
is finished here, and the date asked defaults to the workspace's today."""

import asyncio
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assistant.cli import main
from assistant.config import load_settings
from assistant.workspace.clock import Clock
from assistant.workspace.drafts import DebriefDraft
from assistant.workspace.workspace import Workspace

EXAMPLES = Path(__file__).parents[2] / "examples"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def workspace() -> Workspace:
    """The examples' programme (P-01 has no session yet), as a front end opens it."""
    assert run("roster", "import", str(EXAMPLES / "roster.csv")).exit_code == 0
    assert run("pairs", "import", str(EXAMPLES / "pairs.csv")).exit_code == 0
    assert run("whoami", "--set", "M-101").exit_code == 0  # P-01's mentor
    return Workspace(load_settings(), Clock())


def test_an_interrupted_log_is_kept_as_a_draft_and_carried_on_next_time(
    workspace: Workspace,
) -> None:
    # Standard input ends after the summary, as Ctrl+C there would: click aborts the prompt.
    answers = ["2025-03-24", "", "50", "feedback", "Ground rules", "How boards decide", "Agreed"]
    stopped = run("log", "--pair", "P-01", input="\n".join(answers) + "\n")
    assert stopped.exit_code == 1 and "Traceback" not in stopped.output
    assert "Your answers so far are kept in" in stopped.output
    assert "the app's Debrief screen" in stopped.output
    kept = asyncio.run(
        workspace.load_draft("P-01", "mentor")
    )  # what the app's Debrief screen opens
    assert kept is not None and not kept.complete
    assert (kept.held_on, kept.duration_minutes, kept.topics) == ("2025-03-24", "50", ["feedback"])
    assert (kept.learned, kept.shared_summary) == ("How boards decide", "Agreed")
    assert kept.agenda_covered == ["Ground rules"]
    # Enter keeps each kept answer; the ratings and the private note are new.
    resumed = run("log", "--pair", "P-01", input="\n" * 8 + "5\n4\n\nMENTOR-PRIVATE\ny\n")
    assert resumed.exit_code == 0, resumed.output
    assert "were not recorded last time" in resumed.output
    assert "Recorded session" in resumed.output
    [session] = workspace.store.sessions("P-01")
    assert (str(session.held_on), session.duration_minutes) == ("2025-03-24", 50)
    assert (session.mentor_learned, session.mentor_ratings.safety) == ("How boards decide", 5)
    assert workspace.store.private_notes("P-01", "mentor")[0][1] == "MENTOR-PRIVATE"
    assert asyncio.run(workspace.load_draft("P-01", "mentor")) is None, "discarded once recorded"


def test_a_debrief_started_in_the_app_is_finished_with_log(workspace: Workspace) -> None:
    started = DebriefDraft(
        pair_id="P-01",
        side="mentor",
        held_on="2025-03-24",
        safety=6,
        usefulness=5,
        learned="Typed in the app",
        private_note="mine alone",
    )
    asyncio.run(workspace.save_draft(started))  # as the Debrief screen autosaves it
    finished = run("log", "--pair", "P-01", input="y\n" + "\n" * 11 + "y\n")
    assert finished.exit_code == 0, finished.output
    assert "Carry on from them?" in finished.output
    [session] = workspace.store.sessions("P-01")
    assert (session.mentor_learned, session.mentor_ratings.safety) == ("Typed in the app", 6)
    assert workspace.store.private_notes("P-01", "mentor")[0][1] == "mine alone"


def test_kept_answers_can_be_discarded_or_left_for_later(workspace: Workspace) -> None:
    run("log", "--pair", "P-01", input="2025-03-24\n")
    left = run("log", "--pair", "P-01", input="n\nn\n")
    assert left.exit_code == 1 and "your answers are still kept" in left.output
    discarded = run("log", "--pair", "P-01", input="n\ny\n")
    assert "Date held" in discarded.output
    assert "not recorded last time" not in run("log", "--pair", "P-01", input="\n").output


def test_the_date_asked_defaults_to_the_workspaces_today(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Clock, "today", lambda self: date(2025, 4, 2))
    answers = ["", "cancelled", "Leader travelling", "y"]
    result = run("log", "--pair", "P-01", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Date held (YYYY-MM-DD) [2025-04-02]" in result.output
    assert str(workspace.store.sessions("P-01")[0].held_on) == "2025-04-02"
