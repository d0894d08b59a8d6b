"""Rehearse: a mentor practises feedback on a persona and sees the rubric after each attempt."""

from assistant.tui.screens.rehearse import RehearseScreen
from assistant.tui.widgets.chat import Reply
from assistant.tui.widgets.chat_panel import ChatPanel
from assistant.tui.widgets.rubric_card import RubricCard

VAGUE = "You always send emails at midnight and it is kind of annoying."
SPECIFIC = (
    "In Tuesday's planning meeting, when you replied to my proposal with 'we tried that', "
    "I stopped offering ideas for the rest of the meeting. Could you ask one question about a "
    "proposal before deciding next time?"
)


async def _rehearse(run) -> RehearseScreen:
    await run.enter_as("mentor", "P-004")
    screen = run.app.screen
    assert isinstance(screen, RehearseScreen)
    screen.query_one("#topic").value = "ideas in planning meetings"
    await run.press("enter")
    await run.wait(lambda: screen.rehearsal is not None, "the rehearsal to start")
    return screen


async def _attempt(run, screen: RehearseScreen, text: str, count: int) -> None:
    chat = screen.query_one(ChatPanel)
    chat.box.value = text
    chat.box.focus()
    await run.press("enter")
    await run.wait(
        lambda: (
            len(screen.rehearsal.attempts) == count
            and not chat.busy
            and f"attempt {count}" in screen.query_one(RubricCard).border_title
        ),
        f"attempt {count} scored",
    )


async def test_offline_a_mentor_rehearses_twice_and_sees_progress(launch, workspace) -> None:
    async with launch(workspace) as run:
        screen = await _rehearse(run)
        assert "ideas in planning meetings" in screen.query(Reply).first().text
        await _attempt(run, screen, VAGUE, 1)
        card = screen.query_one(RubricCard)
        first = screen.rehearsal.attempts[0].result
        assert "absolutes" in first.failed
        assert "“You always" in "".join(str(s.render()) for s in card.query(".quote"))
        assert str(card.query_one("#rewrite").source).startswith("**Try it like this**")

        await _attempt(run, screen, SPECIFIC, 2)
        progress = screen.rehearsal.progress()
        assert progress[1].total > progress[0].total
        shown = str(screen.query_one("#attempts").render())
        assert f"Attempt 2: {progress[1].total}/14" in shown
        assert "since your first attempt" in shown
        first_bar = "█" * progress[0].total + "░" * (14 - progress[0].total)
        assert f"Attempt 1: {progress[0].total}/14 {first_bar}" in shown, shown


async def test_the_bar_is_drawn_to_scale_and_scores_outlive_the_app(
    launch, workspace, home
) -> None:
    async with launch(workspace) as run:
        screen = await _rehearse(run)
        await _attempt(run, screen, "Meh.", 1)
        total = screen.rehearsal.attempts[0].result.total
        assert total < 14
        shown = str(screen.query_one("#attempts").render())
        assert f"{total}/14 " + "█" * total + "░" * (14 - total) in shown, shown
    kept = home / "private" / "rehearsals" / "P-004.mentor.json"
    assert kept.stat().st_mode & 0o777 == 0o600
    assert (home / "private").stat().st_mode & 0o777 == 0o700
    assert "Meh." not in kept.read_text(), "what the mentor wrote is never kept"
    async with launch(workspace) as run:
        await run.enter_as("mentor", "P-004")
        screen = run.app.screen
        await run.wait(lambda: str(screen.query_one("#history").render()), "the kept scores")
        history = str(screen.query_one("#history").render())
        assert "1 attempt(s) since" in history and f"best {total}/14" in history, history
    async with launch(workspace) as run:
        await run.enter_as("mentor", "P-003")
        await run.pilot.pause(0.3)
        assert str(run.app.screen.query_one("#history").render()) == "", "another pair's own"


async def test_a_described_persona_is_used_and_a_bad_one_is_explained(launch, workspace) -> None:
    async with launch(workspace) as run:
        await run.enter_as("mentor", "P-004")
        screen = run.app.screen
        screen.query_one("#persona").value = "custom"
        screen.query_one("#topic").value = "meeting overruns"
        screen.query_one("#custom-persona").value = "Sam Reed, Head of Sales"
        await screen.action_start()
        await run.wait_for_notice("Cannot start yet")
        assert screen.rehearsal is None
        screen.query_one("#custom-persona").value = "Sam Reed, Head of Sales, sceptical"
        await screen.action_start()
        assert screen.rehearsal.persona.name == "Sam Reed"


async def test_online_the_persona_answers_in_character_and_the_attempt_is_scored(
    launch, online_workspace, scripted_llm
) -> None:
    async with launch(online_workspace) as run:
        screen = await _rehearse(run)
        scripted_llm.reply_text("Midnight emails? I had no idea that landed that way.")
        scripted_llm.fail(400, message="no refinement")
        await _attempt(run, screen, VAGUE, 1)
        assert (
            screen.query(Reply).last().text
            == "Midnight emails? I had no idea that landed that way."
        )
        assert screen.rehearsal.attempts[0].offline is False
        scripted_llm.reply_text("Thank you for the example. I will ask before deciding.")
        scripted_llm.fail(400, message="no refinement")
        await _attempt(run, screen, SPECIFIC, 2)
        totals = [p.total for p in screen.rehearsal.progress()]
        assert totals[1] > totals[0]
        assert f"attempt 2 · {totals[1]}/14" in screen.query_one(RubricCard).border_title


async def test_a_failing_model_still_gives_the_rubric_card_and_says_why(
    launch, online_workspace, scripted_llm
) -> None:
    scripted_llm.fail(401, message="bad key")  # the Prepare screen's plan, on the way in
    scripted_llm.fail(401, message="bad key")  # the leader's reply
    async with launch(online_workspace) as run:
        screen = await _rehearse(run)
        await _attempt(run, screen, VAGUE, 1)
        reply = screen.query(Reply).last().text
        assert reply.startswith("Offline guide: the model server at ")
        assert "refused the API key (HTTP 401)" in reply.splitlines()[0]
        assert "bad key" not in reply and "(no reply)" not in reply
        assert "absolutes" in screen.rehearsal.attempts[0].result.failed


async def test_feedback_typed_into_the_topic_box_waits_in_the_message_box(launch, workspace):
    async with launch(workspace) as run:
        await run.enter_as("mentor", "P-004")
        screen = run.app.screen
        assert isinstance(screen, RehearseScreen)
        topic = screen.query_one("#topic")
        assert topic.has_focus
        topic.value = VAGUE
        await run.press("enter")
        chat = screen.query_one(ChatPanel)
        assert chat.box.value == VAGUE and topic.value == "" and screen.rehearsal is None
        topic.value = "late-night emails"
        await run.press("enter")
        await run.wait(lambda: screen.rehearsal is not None, "the rehearsal to start")
        assert screen.rehearsal.topic == "late-night emails"
        assert chat.box.value == VAGUE and chat.box.has_focus
