"""The app says what went wrong in one place (tui/errors.py), in its own words: keys and screens."""

from assistant.tui.errors import described


async def test_a_pair_that_is_not_there_points_to_the_start_screen(launch, workspace) -> None:
    async with launch(workspace) as run:
        run.app.enter("leader", "P-404")
        notice = await run.wait_for_notice("Could not read pair P-404")
        assert "there is no pair 'P-404'" in notice, notice
        assert "Choose your pair again on the start screen (F2)." in notice, notice
        assert "rmcoach " not in notice and "`" not in notice, notice


async def test_an_unexpected_error_goes_to_the_log_and_the_notice_says_where(
    launch, workspace, home
) -> None:
    async with launch(workspace) as run:
        try:
            raise KeyError("no-such-field")
        except KeyError as error:
            said = described(run.app, error, "Could not show the plan", "Ctrl+G tries again.")
    log = home / "logs" / "app.log"
    assert said == (
        "Could not show the plan: Something unexpected went wrong (KeyError). "
        f"See {log}. Ctrl+G tries again."
    )
    logged = log.read_text()
    assert "Could not show the plan" in logged and "KeyError: 'no-such-field'" in logged
