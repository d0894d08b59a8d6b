"""One draft format: a debrief started with `rmcoach log` opens in the app's Debrief screen, and
what the app adds is carried on and recorded by `rmcoach log` (workspace/drafts.py for both)."""

import asyncio

from click.testing import CliRunner

from assistant.cli import main
from assistant.tui.screens.debrief import DebriefScreen

PAIR = "P-006"


async def _rmcoach(*args: str, input: str = "") -> str:
    """The command, as a person runs it beside the app (its own event loop, in a thread here)."""
    result = await asyncio.to_thread(CliRunner().invoke, main, list(args), input=input)
    assert "Traceback" not in result.output, result.output
    return result.output


async def test_a_debrief_goes_from_log_to_the_app_and_back(launch, workspace) -> None:
    mentor = workspace.store.pair(PAIR).mentor_id
    await _rmcoach("whoami", "--set", mentor)
    # Standard input ends after the shared summary, as Ctrl+C there would.
    answers = ["2026-11-19", "", "50", "feedback", "", "How boards decide", "Agreed"]
    stopped = await _rmcoach("log", "--pair", PAIR, input="\n".join(answers) + "\n")
    assert "the app's Debrief screen" in stopped, stopped

    async with launch(workspace) as run:
        await run.enter_as("mentor", PAIR)
        await run.press("f5")
        await run.wait(lambda: isinstance(run.app.screen, DebriefScreen), "the debrief screen")
        screen = run.app.screen
        await run.wait_for_notice("Your draft")
        learned = screen.query_one("#learned")
        await run.wait(lambda: learned.text == "How boards decide", "the log's answers")
        assert screen.query_one("#held_on").value == "2026-11-19"
        assert screen.query_one("#duration_minutes").value == "50"
        assert screen.query_one("#shared_summary").text == "Agreed"
        screen.query_one("#safety").value = 6
        screen.query_one("#usefulness").value = 4
        learned.text = "How boards decide, and who decides"
        await run.press("ctrl+q")

    finished = await _rmcoach("log", "--pair", PAIR, input="y\n" + "\n" * 40)
    assert "Carry on from them?" in finished and "Recorded session" in finished, finished
    session = next(s for s in workspace.store.sessions(PAIR) if str(s.held_on) == "2026-11-19")
    assert session.mentor_learned == "How boards decide, and who decides"
    assert (session.mentor_ratings.safety, session.mentor_ratings.usefulness) == (6, 4)
    assert session.duration_minutes == 50


async def test_answers_the_form_has_no_field_for_survive_an_edit_in_the_app(
    launch, workspace
) -> None:
    """`rmcoach log` asks what the agenda covered and notes beside objective progress; the app
    rebuilt its draft from the form alone and dropped them on its first autosave."""
    from assistant.workspace.drafts import DebriefDraft

    mentor = workspace.store.pair(PAIR).mentor_id
    await _rmcoach("whoami", "--set", mentor)
    started = DebriefDraft(
        pair_id=PAIR,
        side="mentor",
        held_on="2026-11-19",
        learned="How boards decide",
        agenda_covered=["Dashboards the board reads"],
        objective_notes={"digital-fluency": "built one together"},
    )
    await workspace.save_draft(started)

    async with launch(workspace) as run:
        await run.enter_as("mentor", PAIR)
        await run.press("f5")
        await run.wait(lambda: isinstance(run.app.screen, DebriefScreen), "the debrief screen")
        learned = run.app.screen.query_one("#learned")
        await run.wait(lambda: learned.text == "How boards decide", "the draft's answers")
        learned.text = "How boards decide, and who decides"
        await run.press("ctrl+q")

    kept = await workspace.load_draft(PAIR, "mentor")
    assert kept is not None and kept.learned == "How boards decide, and who decides"
    assert kept.agenda_covered == ["Dashboards the board reads"]
    assert kept.objective_notes == {"digital-fluency": "built one together"}
