"""The start screen: choose who you are and which pair; the app remembers both."""

from assistant.tui.screens.help import HelpScreen
from assistant.tui.screens.prepare import PrepareScreen
from assistant.tui.screens.review import ReviewScreen
from assistant.tui.screens.start import ROLE_LABELS, StartScreen
from assistant.workspace.preferences import Preferences, load_preferences, save_preferences

ROLES = tuple(ROLE_LABELS)


async def test_the_start_screen_shows_the_coach_in_use_and_every_pair(launch, workspace) -> None:
    async with launch(workspace) as run:
        await run.wait(
            lambda: run.one("#pairs").option_count == len(workspace.store.pairs()), "pairs"
        )
        assert "offline guide" in str(run.one("#coach-label").render())
        assert run.app.sub_title.startswith("offline guide")


async def test_a_leader_lands_on_prepare_and_the_choice_is_remembered(
    launch, workspace, home
) -> None:
    async with launch(workspace) as run:
        await run.enter_as("leader", "P-003")
        assert isinstance(run.app.screen, PrepareScreen)
        assert run.app.screen.pair_id == "P-003"
    assert load_preferences(home) == Preferences(role="leader", pair_id="P-003")


async def test_remembered_choices_are_preselected_next_time(launch, workspace, home) -> None:
    save_preferences(home, Preferences(role="mentor", pair_id="P-005"))
    async with launch(workspace) as run:
        await run.wait(lambda: run.one("#pairs").highlighted is not None, "a highlighted pair")
        pairs = run.one("#pairs")
        assert pairs.get_option_at_index(pairs.highlighted).id == "P-005"
        assert run.one("#role-mentor").value


async def test_a_coordinator_needs_no_pair_and_lands_on_review(launch, workspace) -> None:
    async with launch(workspace) as run:
        await run.enter_as("coordinator")
        assert isinstance(run.app.screen, ReviewScreen)


async def test_screens_of_another_role_are_refused_with_a_way_back(launch, workspace) -> None:
    async with launch(workspace) as run:
        await run.enter_as("coordinator")
        run.app.action_go("prepare")
        await run.wait_for_notice("Prepare is for leaders; choose Leader on the start screen (F2)")
        await run.press("f2")
        assert isinstance(run.app.screen, StartScreen)


async def test_help_opens_with_f1_and_closes_with_escape(launch, workspace) -> None:
    async with launch(workspace) as run:
        await run.enter_as("leader", "P-001")
        await run.press("f1")
        assert isinstance(run.app.screen, HelpScreen)
        assert "Ctrl+G" in run.app.screen.query_one("Markdown").source
        await run.press("escape")
        assert isinstance(run.app.screen, PrepareScreen)


def test_no_single_letter_quits_the_app() -> None:
    """A person typing while no text box has focus must not lose the app to a stray letter."""
    from assistant.tui.app import RmcoachApp

    bindings = [b for cls in RmcoachApp.__mro__ for b in cls.__dict__.get("BINDINGS", [])]
    quitting = [b for b in bindings if getattr(b, "action", None) == "quit"]
    keys = [key for binding in quitting for key in binding.key.split(",")]
    assert keys and all(len(key) > 1 for key in keys), keys


async def test_the_theme_toggles_and_is_remembered(launch, workspace, home) -> None:
    async with launch(workspace) as run:
        assert run.app.theme == "textual-dark"
        await run.press("ctrl+t")
        assert run.app.theme == "textual-light"
    assert load_preferences(home).theme == "textual-light"
    async with launch(workspace) as run:
        assert run.app.theme == "textual-light"


async def test_log_records_go_to_a_file_while_the_app_runs(launch, workspace, home) -> None:
    import logging

    async with launch(workspace):
        logging.getLogger("rmcoach.agent").warning("a warning that must not cover the screen")
    assert "a warning that must not cover the screen" in (home / "logs" / "app.log").read_text()


async def test_after_f2_the_arrows_choose_a_role_and_enter_goes_there(launch, workspace) -> None:
    async with launch(workspace) as run:
        await run.wait(lambda: run.one("#pairs").option_count > 0, "the pair list")
        await run.press("tab", "down", "enter")  # as a leader, the second pair, from its list
        await run.wait(lambda: isinstance(run.app.screen, PrepareScreen), "the prepare screen")
        await run.press("f2")
        assert run.app.focused is run.one("#role")
        await run.press("down", "down")
        assert run.app.screen.role == "coordinator"
        assert not run.one("#pairs").display, "a coordinator has no pair to choose"
        await run.press("enter")
        await run.wait(lambda: isinstance(run.app.screen, ReviewScreen), "the review screen")


async def test_letter_keys_choose_a_role_and_the_footer_names_them(launch, workspace) -> None:
    async with launch(workspace) as run:
        await run.wait(lambda: run.one("#pairs").option_count > 0, "the pair list")
        shown = {b.key: b.description for _, b, on, _ in run.app.active_bindings.values() if on}
        assert {"l", "m", "c"} <= {key for key, described in shown.items() if described}
        for key, role in (("c", "coordinator"), ("m", "mentor"), ("l", "leader")):
            await run.press(key)
            assert run.app.screen.role == role
        for key, role in (("C", "coordinator"), ("M", "mentor"), ("L", "leader")):
            await run.press(key)  # as the footer shows them
            assert run.app.screen.role == role


async def test_only_the_chosen_role_shows_a_filled_mark(launch, workspace) -> None:
    async with launch(workspace) as run:
        await run.press("m")
        marks = {role: str(run.one(f"#role-{role}").render()) for role in ROLES}
        assert "●" in marks["mentor"]
        assert "●" not in marks["leader"] and "●" not in marks["coordinator"]


async def test_the_hint_line_says_which_keys_choose(launch, workspace) -> None:
    async with launch(workspace) as run:
        hint = str(run.one("#start-intro").render())
        assert "L, M or C" in hint and "Enter" in hint


async def _run_from_palette(run, query: str, command: str) -> None:
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    await run.press("ctrl+p")
    await run.wait(lambda: isinstance(run.app.screen, CommandPalette), "the palette")
    await run.type_text(query)

    def first_hit() -> str:
        hits = run.app.screen.query_one("CommandList", OptionList)
        return str(hits.get_option_at_index(0).prompt) if hits.option_count else ""

    await run.wait(lambda: command in first_hit(), f"{command!r} first for {query!r}")
    await run.press("enter")


async def test_a_leader_finds_review_in_the_palette_and_is_told_who_it_is_for(
    launch, workspace
) -> None:
    async with launch(workspace) as run:
        await run.enter_as("leader", "P-001")
        await _run_from_palette(run, "review", "Go to Review")
        await run.wait_for_notice(
            "Review is for coordinators; choose Coordinator on the start screen (F2)"
        )
        assert isinstance(run.app.screen, PrepareScreen)


async def test_the_palette_changes_who_you_are(launch, workspace) -> None:
    async with launch(workspace) as run:
        await run.enter_as("leader", "P-001")
        await _run_from_palette(run, "who", "Change who you are (start screen)")
        await run.wait(lambda: isinstance(run.app.screen, StartScreen), "the start screen")
        assert run.app.focused is run.one("#role")


async def test_the_f_key_of_another_role_s_screen_says_the_same(launch, workspace) -> None:
    async with launch(workspace) as run:
        await run.enter_as("leader", "P-001")
        await run.press("f6")
        await run.wait_for_notice(
            "Review is for coordinators; choose Coordinator on the start screen (F2)"
        )


async def test_names_show_as_typed_never_as_markup_or_terminal_codes(launch, workspace) -> None:
    from assistant.tui.screens.prepare import PrepareScreen

    pair = workspace.store.pair("P-002")
    leader = workspace.store.participant(pair.leader_id)
    odd = "Ana [b]Bold[/b] \x1b[31mRed"
    workspace.store.upsert_participants([leader.model_copy(update={"name": odd})])
    async with launch(workspace) as run:
        await run.wait(lambda: run.app.screen.query_one("#pairs").option_count, "the pairs")
        pairs = run.app.screen.query_one("#pairs")
        prompt = str(pairs.get_option("P-002").prompt)
        lines = [pairs.render_line(y).text for y in range(pairs.size.height)]
        assert any("Ana [b]Bold[/b] \\x1b[31mRed" in line for line in lines), (prompt, lines)
        await run.enter_as("leader", "P-002")
        screen = run.app.screen
        assert isinstance(screen, PrepareScreen)
        await run.wait(lambda: "Ana" in screen.title, "the title with the leader's name")
        assert "Ana [b]Bold[/b] \\x1b[31mRed" in screen.title
        assert "\x1b" not in run.app.export_screenshot()
