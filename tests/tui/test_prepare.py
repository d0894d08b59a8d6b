"""Prepare: a leader chats with the coach, gets a plan, edits it and exports it as Markdown."""

from datetime import date

from icalendar import Calendar

from assistant.tui.screens.agenda_item import AgendaItemForm
from assistant.tui.screens.prepare import PrepareScreen
from assistant.tui.widgets.chat import Reply
from assistant.tui.widgets.chat_panel import ChatPanel
from assistant.tui.widgets.plan_panel import PlanPanel

PAIR = "P-002"


async def _prepare(run) -> PrepareScreen:
    await run.enter_as("leader", PAIR)
    screen = run.app.screen
    assert isinstance(screen, PrepareScreen)
    await run.wait(lambda: screen.query_one(PlanPanel).plan is not None, "a drafted plan")
    return screen


async def test_offline_a_leader_gets_a_plan_edits_it_and_exports_it(
    launch, workspace, home
) -> None:
    async with launch(workspace) as run:
        screen = await _prepare(run)
        panel = screen.query_one(PlanPanel)
        first = panel.plan.agenda[0]
        assert panel.query_one("#agenda").row_count == len(panel.plan.agenda)

        panel.query_one("#agenda").focus()
        await run.press("enter")
        await run.wait(lambda: isinstance(run.app.screen, AgendaItemForm), "the agenda item form")
        title = run.app.screen.query_one("#title")
        title.value = "Warm-up over coffee"
        minutes = run.app.screen.query_one("#minutes")
        minutes.value = str(first.minutes + 5)
        await run.press("ctrl+s")
        await run.wait(lambda: run.app.screen is screen, "the form to close")
        assert panel.plan.agenda[0].title == "Warm-up over coffee"
        assert panel.plan.minutes == sum(item.minutes for item in panel.plan.agenda)
        await run.wait_for_notice(f"The session is now {panel.plan.minutes} minutes")

        await run.press("ctrl+e")
        notice = await run.wait_for_notice("Plan exported to")
    path = home / "exports" / f"plan-{PAIR}-2026-11-20.md"
    assert str(path) in notice
    text = path.read_text()
    assert "| Warm-up over coffee |" in text
    assert "## Making candour safe" in text
    event = Calendar.from_ical(path.with_suffix(".ics").read_bytes()).events[0]
    assert str(path.with_suffix(".ics")) in notice
    assert f"- {first.minutes + 5} min: Warm-up over coffee." in str(event["DESCRIPTION"])
    assert event.start.date() >= date(2026, 11, 21) and event.start.weekday() < 5
    context = workspace.store.pair_context(PAIR)
    invited = {str(address).removeprefix("mailto:") for address in event.attendees}
    assert invited == {context.leader.email, context.mentor.email}


async def test_ctrl_e_exports_from_the_chat_box_where_focus_starts(launch, workspace, home) -> None:
    async with launch(workspace) as run:
        screen = await _prepare(run)
        chat = screen.query_one(ChatPanel)
        assert run.app.focused is chat.box
        await run.type_text("half a question")
        await run.press("ctrl+e")
        await run.wait_for_notice("Plan exported to")
        assert chat.box.value == "half a question"
        await run.press("ctrl+e")
        await run.wait_for_notice(f"plan-{PAIR}-2026-11-20-2.md")
    assert (home / "exports" / f"plan-{PAIR}-2026-11-20.md").exists()


async def test_an_invalid_agenda_item_is_refused_field_by_field(launch, workspace) -> None:
    async with launch(workspace) as run:
        screen = await _prepare(run)
        screen.query_one("#agenda").focus()
        await run.press("n")
        await run.wait(lambda: isinstance(run.app.screen, AgendaItemForm), "the agenda item form")
        form = run.app.screen
        form.query_one("#minutes").value = "0"
        await run.press("ctrl+s")
        assert run.app.screen is form
        await run.pilot.pause()
        minutes_error = form.query_one("#minutes-error")
        assert "the least allowed is 1" in str(minutes_error.render())
        assert minutes_error.region.height >= 1, "the reason must be on screen, not hidden"
        assert form.query_one("#title-error").region.height >= 1
        assert form.query_one("#purpose-error").region.height >= 1
        save, cancel = form.query_one("#save"), form.query_one("#cancel")
        assert save.region.y == cancel.region.y, "Save and Cancel side by side, level"
        await run.press("escape")
        assert run.app.screen is screen


async def test_offline_the_coach_answers_in_the_chat(launch, workspace) -> None:
    async with launch(workspace) as run:
        screen = await _prepare(run)
        chat = screen.query_one(ChatPanel)
        chat.box.value = "How do I invite candid feedback?"
        await run.press("enter")
        await run.wait(lambda: not chat.busy and screen.query(Reply), "the reply")
        reply = screen.query(Reply).last()
        assert reply.text.strip(), run.notices
        assert chat.box.value == ""
        assert len(screen.history) == 2


async def _offline_plan_json(workspace) -> dict:
    from assistant.agent.coach import Coach
    from assistant.config import Settings

    offline_settings = Settings(
        home=workspace.settings.home, openai_api_key=None, openai_base_url=None
    )
    offline = Coach(offline_settings, workspace.store, workspace.knowledge)
    plan = (await offline.plan(PAIR)).plan
    return plan.model_dump(
        mode="json",
        include={"agenda", "reflection_before", "reflection_after", "safety_prompts", "sources"},
    )


async def test_online_the_models_plan_is_shown_and_its_reply_streams(
    launch, online_workspace, scripted_llm
) -> None:
    scripted_llm.reply_json(await _offline_plan_json(online_workspace))
    scripted_llm.reply_text("Open with **one question** about the dashboard.")
    async with launch(online_workspace) as run:
        screen = await _prepare(run)
        await run.wait_for_notice("Planned by")
        chat = screen.query_one(ChatPanel)
        chat.box.value = "How should I open?"
        await run.press("enter")
        await run.wait(lambda: len(screen.history) == 2, "the streamed reply")
        assert screen.query(Reply).last().text == "Open with **one question** about the dashboard."


async def test_escape_cancels_a_streaming_reply_and_gives_the_text_back(
    launch, online_workspace, scripted_llm
) -> None:
    scripted_llm.fail(400, message="no plans today")
    scripted_llm.tokens_per_second = 200
    scripted_llm.reply_text(" ".join(f"word{i}" for i in range(2000)))
    async with launch(online_workspace) as run:
        screen = await _prepare(run)
        chat = screen.query_one(ChatPanel)
        chat.box.value = "Tell me everything"
        await run.press("enter")
        await run.wait(
            lambda: len(screen.query(Reply).last().text) > 40, "the reply to start streaming"
        )
        assert chat.box.value == ""
        await run.press("escape")
        await run.wait_for_notice("Reply cancelled; your message is back in the box")
        await run.wait(lambda: not chat.busy, "the turn to end")
        assert chat.box.value == "Tell me everything"
        assert screen.history == []
        assert "word1999" not in screen.query(Reply).last().text


async def test_a_failed_turn_is_answered_by_the_offline_guide_saying_why(
    launch, online_workspace, scripted_llm
) -> None:
    scripted_llm.fail(400, message="no plans today")
    scripted_llm.fail(401, message="bad key")
    async with launch(online_workspace) as run:
        screen = await _prepare(run)
        chat = screen.query_one(ChatPanel)
        chat.box.value = "How do I open the session?"
        await run.press("enter")
        await run.wait(lambda: not chat.busy and len(screen.query(Reply)) > 0, "the reply")
        reply = screen.query(Reply).last().text
        first = reply.splitlines()[0]
        assert first.startswith("Offline guide: the model server at ")
        assert first.endswith("refused the API key (HTTP 401). Check OPENAI_API_KEY.")
        assert "bad key" not in reply and "(no reply)" not in reply


async def test_the_command_palette_exports_the_plan(launch, workspace, home) -> None:
    async with launch(workspace) as run:
        await _prepare(run)
        await run.press("ctrl+p")
        await run.type_text("export plan")
        await run.wait(
            lambda: run.app.screen.query("CommandList Option, CommandList"), "the palette"
        )
        await run.pilot.pause(0.5)
        await run.press("enter")
        await run.wait_for_notice("Plan exported to")
    assert (home / "exports" / f"plan-{PAIR}-2026-11-20.md").exists()


async def test_at_80x24_the_plan_is_one_key_away(launch, workspace) -> None:
    async with launch(workspace, size=(80, 24)) as run:
        screen = await _prepare(run)
        panel = screen.query_one(PlanPanel)
        chat = screen.query_one(ChatPanel)
        await run.wait(
            lambda: screen.has_class("-narrow") and chat.region.width > 60, "the narrow layout"
        )
        assert panel.region.width == 0
        await run.press("ctrl+o")
        assert panel.region.width >= 70
        await run.press("ctrl+o")
        assert chat.region.width > 60


def _agenda_lines(panel: PlanPanel) -> list[str]:
    table = panel.query_one("#agenda")
    return [table.render_line(y).text for y in range(table.size.height)]


async def _edit_first_title(run, panel: PlanPanel, title: str) -> None:
    panel.query_one("#agenda").focus()
    panel.query_one("#agenda").move_cursor(row=0)
    await run.press("enter")
    await run.wait(lambda: isinstance(run.app.screen, AgendaItemForm), "the agenda item form")
    run.app.screen.query_one("#title").value = title
    await run.press("ctrl+s")
    await run.wait(lambda: not isinstance(run.app.screen, AgendaItemForm), "the form to close")


async def test_redrafting_over_edits_asks_first_and_ctrl_z_brings_them_back(
    launch, workspace
) -> None:
    from assistant.tui.screens.confirm import Confirm

    async with launch(workspace) as run:
        screen = await _prepare(run)
        panel = screen.query_one(PlanPanel)
        drafted = panel.plan
        await _edit_first_title(run, panel, "My own opening")
        edited = panel.plan
        await run.press("ctrl+g")
        await run.wait(lambda: isinstance(run.app.screen, Confirm), "the question")
        await run.press("n")
        await run.wait(lambda: run.app.screen is screen, "the question to close")
        assert panel.plan == edited
        await run.press("ctrl+g")
        await run.wait(lambda: isinstance(run.app.screen, Confirm), "the question")
        await run.press("y")
        await run.wait(lambda: panel.plan == drafted, "the new draft")
        await run.press("ctrl+z")
        assert panel.plan == edited
        await run.wait_for_notice("Undone: the new draft")


async def test_a_new_item_is_selected_so_delete_removes_it_and_ctrl_z_undoes(
    launch, workspace
) -> None:
    async with launch(workspace) as run:
        screen = await _prepare(run)
        panel = screen.query_one(PlanPanel)
        await _edit_first_title(run, panel, "Edited and kept")
        before = panel.plan
        await run.press("n")
        await run.wait(lambda: isinstance(run.app.screen, AgendaItemForm), "the agenda item form")
        form = run.app.screen
        form.query_one("#title").value = "Added last"
        form.query_one("#purpose").value = "A new part of the session"
        await run.press("ctrl+s")
        await run.wait(lambda: len(panel.plan.agenda) == len(before.agenda) + 1, "the new item")
        table = panel.query_one("#agenda")
        assert table.cursor_row == len(panel.plan.agenda) - 1, "the added item is selected"
        await run.press("delete")
        assert panel.plan.agenda == before.agenda, "Delete removed the added item, not the edit"
        await run.wait_for_notice("Removed “Added last”")
        await run.press("ctrl+z")
        assert panel.plan.agenda[-1].title == "Added last"
        await run.press("ctrl+z", "ctrl+z")
        assert panel.plan.agenda[0].title != "Edited and kept"
        await run.press("ctrl+z")
        await run.wait_for_notice("Nothing to undo in the plan")


async def test_a_long_agenda_title_ends_in_an_ellipsis(launch, workspace) -> None:
    async with launch(workspace, size=(120, 36)) as run:
        screen = await _prepare(run)
        panel = screen.query_one(PlanPanel)
        title = "Walk through the quarterly dashboard together and agree what to change first"
        await _edit_first_title(run, panel, title)
        await run.pilot.pause()
        line = next(line for line in _agenda_lines(panel) if title[:20] in line)
        assert "…" in line and title not in line, line


async def _ask_offline(run, screen: PrepareScreen, question: str) -> None:
    chat = screen.query_one(ChatPanel)
    chat.box.value = question
    chat.box.focus()
    before = len(screen.history)
    await run.press("enter")
    await run.wait(lambda: len(screen.history) == before + 2 and not chat.busy, "the reply")


async def test_the_chat_is_kept_for_its_leader_and_reopens_next_time(
    launch, workspace, home
) -> None:
    async with launch(workspace) as run:
        screen = await _prepare(run)
        await _ask_offline(run, screen, "How do I invite candid feedback?")
        reply = screen.history[1].content
    folder = home / "private" / "chats" / f"{PAIR}.leader"
    (kept,) = folder.glob("*.json")
    assert kept.stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700
    async with launch(workspace) as run:
        screen = await _prepare(run)
        # The kept chat is read in a worker; its messages are shown after the history is set.
        await run.wait(
            lambda: (
                len(screen.history) == 2
                and bool(screen.query(Reply))
                and screen.query(Reply).last().text == reply
            ),
            "the conversation reopened",
        )
        shown = [str(m.source) for m in screen.query("UserMessage")]
        assert "How do I invite candid feedback?" in shown
        await run.press("ctrl+n")
        assert screen.history == [] and not screen.query(Reply)
        await _ask_offline(run, screen, "What should I avoid?")
    assert len(list(folder.glob("*.json"))) == 2, "a new conversation keeps the last one"


async def test_a_chat_exports_to_markdown(launch, workspace, home) -> None:
    async with launch(workspace) as run:
        screen = await _prepare(run)
        await run.press("ctrl+b")
        await run.wait_for_notice("Nothing to export yet")
        await _ask_offline(run, screen, "How do I invite candid feedback?")
        await run.press("ctrl+b")
        notice = await run.wait_for_notice("Chat exported to")
    (path,) = (home / "exports").glob(f"chat-{PAIR}-*.md")
    assert str(path) in notice
    text = path.read_text()
    assert "## You\n\nHow do I invite candid feedback?" in text
    assert "## Coach" in text
