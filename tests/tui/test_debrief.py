"""Debrief: the summary form saves field by field checked, and its draft outlives the app."""

from assistant.models import Ratings, SessionSummary
from assistant.tui.screens.debrief import DebriefScreen
from assistant.tui.widgets.commitments import CommitmentRow, CommitmentsEditor
from assistant.workspace.drafts import DraftFolder

PAIR = "P-006"


def _drafts(workspace) -> DraftFolder:
    return DraftFolder(workspace.settings.home)


async def _debrief(run, role: str = "mentor") -> DebriefScreen:
    await run.enter_as(role, PAIR)
    await run.press("f5")
    await run.wait(lambda: isinstance(run.app.screen, DebriefScreen), "the debrief screen")
    screen = run.app.screen
    await run.wait(
        lambda: screen.query("#held_on") and screen.query_one("#held_on").value, "the form"
    )
    return screen


async def _fill_form(run, screen: DebriefScreen) -> None:
    screen.query_one("#held_on").value = "2026-11-19"
    screen.query_one("#safety").value = 6
    screen.query_one("#usefulness").value = 4
    screen.query_one("#learned").text = "How the budget cycle works"
    screen.query_one("#shared_summary").text = "We walked through the new dashboard."
    screen.query_one("#private_note").text = "I held back on the reorg."
    screen.query_one("#add-commitment").press()
    await run.wait(lambda: run.app.focused.has_class("text"), "the new row's text box in focus")
    row = screen.query(CommitmentRow).last()
    assert row.commitment.id is None
    row.query_one(".text").value = "Send the dashboard guide"
    row.query_one(".owner").value = "mentor"
    row.query_one(".due").value = "2026-12-01"


async def test_a_mentor_saves_a_debrief_and_the_draft_is_cleared(launch, workspace) -> None:
    async with launch(workspace) as run:
        screen = await _debrief(run)
        before = len(workspace.store.sessions(PAIR))
        await _fill_form(run, screen)
        await run.press("ctrl+s")
        await run.wait_for_notice("Saved the session of 19 Nov 2026")
        await run.pilot.pause(0.7)
    sessions = workspace.store.sessions(PAIR)
    assert len(sessions) == before + 1
    saved = next(s for s in sessions if str(s.held_on) == "2026-11-19")
    assert (saved.mentor_ratings.safety, saved.mentor_ratings.usefulness) == (6, 4)
    assert saved.mentor_learned == "How the budget cycle works"
    assert saved.mentor_private_note == ""  # shared reads never carry it
    assert workspace.store.private_notes(PAIR, "mentor")[0][1] == "I held back on the reorg."
    assert any(c.text == "Send the dashboard guide" for c in saved.commitments)
    assert _drafts(workspace).load(PAIR, "mentor") is None


async def test_wrong_fields_are_named_beside_each_and_nothing_is_saved(launch, workspace) -> None:
    async with launch(workspace) as run:
        screen = await _debrief(run)
        before = len(workspace.store.sessions(PAIR))
        screen.query_one("#held_on").value = "19/11/2026"
        await run.press("ctrl+s")
        notice = await run.wait_for_notice("Not saved yet")
        assert "check the date, safety, usefulness" in notice, notice
        assert "YYYY-MM-DD" in str(screen.query_one("#held_on-error").render())
        assert "1 to 7" in str(screen.query_one("#safety-error").render())
        assert screen.query_one("#held_on").has_class("-invalid")
        await run.pilot.pause()
        for name in ("held_on", "safety", "usefulness"):
            assert screen.query_one(f"#{name}-error").region.height >= 1, f"{name}'s reason hidden"
        assert screen.query_one("#learned-error").region.height == 0, "no reason, no space"
    assert len(workspace.store.sessions(PAIR)) == before


async def test_a_draft_written_in_one_run_reopens_in_the_next(launch, workspace) -> None:
    async with launch(workspace) as run:
        screen = await _debrief(run)
        await _fill_form(run, screen)
        await run.wait(lambda: _drafts(workspace).path(PAIR, "mentor").exists(), "the autosave")
        # The commitment text is the last field _fill_form sets: the draft is whole with it.
        await run.wait(
            lambda: (
                "Send the dashboard guide"
                in [c.text for c in _drafts(workspace).load(PAIR, "mentor").commitments]
            ),
            "the full draft",
        )
        # No quit: the process could die here; the autosaved file is all the next run gets.
    async with launch(workspace) as run:
        screen = await _debrief(run)
        await run.wait_for_notice("Your draft")
        await run.wait(lambda: screen.query_one("#learned").text, "the draft in the form")
        assert screen.query_one("#held_on").value == "2026-11-19"
        assert screen.query_one("#safety").value == 6
        assert screen.query_one("#private_note").text == "I held back on the reorg."
        texts = [c.text for c in screen.query_one(CommitmentsEditor).value]
        assert "Send the dashboard guide" in texts


async def test_quitting_writes_the_draft_at_once(launch, workspace) -> None:
    async with launch(workspace) as run:
        screen = await _debrief(run)
        screen.query_one("#learned").text = "Typed just before quitting"
        await run.pilot.pause()
        await run.press("ctrl+q")
    assert _drafts(workspace).load(PAIR, "mentor").learned == "Typed just before quitting"


async def test_offline_the_guided_form_fills_from_free_text(launch, workspace) -> None:
    async with launch(workspace) as run:
        screen = await _debrief(run, "leader")
        screen.query_one("#debrief_text").text = (
            "Good session, we covered the dashboard and I learned how the team reads it.\n"
            "Private: I was tired."
        )
        await run.press("ctrl+f")
        await run.wait_for_notice("Filled by the offline guide")
        assert "I was tired" not in screen.query_one("#shared_summary").text
        # The filled form is kept at once, without another keystroke (it was not, so a quit
        # straight after Ctrl+F lost the debrief).
        draft = _drafts(workspace).path(PAIR, "leader")
        await run.wait(draft.exists, "the filled form autosaved")
        assert "covered the dashboard" in draft.read_text()


async def test_online_the_model_fills_the_form_from_free_text(
    launch, online_workspace, scripted_llm
) -> None:
    scripted_llm.fail(400, message="no plan in this test")  # the Prepare screen's plan, first
    scripted_llm.reply_json(
        {
            "held_on": "2026-11-18",
            "topics": ["feedback"],
            "leader_learned": "How the team reads the dashboard",
            "leader_ratings": {"safety": 6, "usefulness": 5},
            "commitments": [{"owner": "leader", "text": "Open the dashboard every Monday"}],
            "shared_summary": "We read the dashboard together.",
        }
    )
    async with launch(online_workspace) as run:
        await run.enter_as("leader", PAIR)
        await run.wait_for_notice("Offline guide's plan")
        await run.press("f5")
        await run.wait(lambda: isinstance(run.app.screen, DebriefScreen), "the debrief screen")
        screen = run.app.screen
        await run.wait(
            lambda: screen.query("#held_on") and screen.query_one("#held_on").value, "the form"
        )
        screen.query_one(
            "#debrief_text"
        ).text = "We read the dashboard together; I'll open it every Monday."
        await run.press("ctrl+f")
        await run.wait_for_notice("Filled by the model")
        assert screen.query_one("#held_on").value == "2026-11-18"
        assert (screen.query_one("#safety").value, screen.query_one("#usefulness").value) == (6, 5)
        assert screen.query_one("#learned").text == "How the team reads the dashboard"
        texts = [c.text for c in screen.query_one(CommitmentsEditor).value]
        assert "Open the dashboard every Monday" in texts
        assert "feedback" in screen.query_one("#topics").selected


async def test_the_form_opens_with_the_free_text_box_in_focus(launch, workspace) -> None:
    async with launch(workspace) as run:
        screen = await _debrief(run)
        await run.wait(lambda: run.app.focused is not None, "a focused field")
        await run.type_text("went well")
        assert screen.query_one("#debrief_text").text == "went well"


async def test_ticked_and_unticked_topics_show_different_glyphs(launch, workspace) -> None:
    async with launch(workspace) as run:
        screen = await _debrief(run)
        topics = screen.query_one("#topics")
        topics.deselect_all()
        topics.select("objectives")
        await run.pilot.pause()
        lines = {
            topics.get_option_at_index(i).value: topics.render_line(i).text[:4]
            for i in range(topics.scrollable_content_region.height)
        }
        ticked, unticked = lines.pop("objectives"), set(lines.values())
        assert ticked not in unticked and len(unticked) == 1, (ticked, unticked)


def _leader_debriefed_first() -> SessionSummary:
    return SessionSummary(
        pair_id=PAIR,
        held_on="2026-11-19",
        leader_ratings=Ratings(safety=5, usefulness=5),
        leader_learned="LEADER-LEARNED how juniors read dashboards",
        leader_private_note="LEADER-SECRET-NOTE",
        shared_summary="LEADER-SHARED we looked at the dashboard",
    )


async def test_after_saving_the_recorded_session_shows_both_sides_and_only_your_note(
    launch, workspace
) -> None:
    workspace.store.record_session(_leader_debriefed_first())
    async with launch(workspace) as run:
        screen = await _debrief(run)
        await _fill_form(run, screen)
        await run.press("ctrl+s")
        # What the store did, not a bare "Saved": this debrief joined the leader's session.
        await run.wait_for_notice(
            "Saved: your debrief was added to the session of 19 Nov 2026 the leader recorded."
        )
        recorded = screen.query_one("#recorded")
        await run.wait(lambda: recorded.display and recorded.source, "the recorded session")
        shown = recorded.source
        for part in (
            "LEADER-LEARNED",
            "LEADER-SHARED",
            "How the budget cycle works",  # the mentor's own, just saved
            "We walked through the new dashboard.",
            "safety 5/7",
            "safety 6/7",
            "I held back on the reorg.",
            "Send the dashboard guide",
        ):
            assert part in shown, part
        assert "LEADER-SECRET-NOTE" not in shown
        assert recorded.region.height > 5, "on screen, at the top of the form"


async def test_a_conflict_is_said_in_words_beside_the_field(launch, workspace) -> None:
    first = _leader_debriefed_first().model_copy(
        update={"leader_private_note": "", "mentor_private_note": "What I noted first"}
    )
    workspace.store.record_session(first)
    async with launch(workspace) as run:
        screen = await _debrief(run)
        before = workspace.store.private_notes(PAIR, "mentor")
        await _fill_form(run, screen)
        await run.press("ctrl+s")
        notice = await run.wait_for_notice("Not saved")
        assert "your private note" in notice and "mentor_private_note" not in notice, notice
        assert "19 Nov 2026" in notice
        error = screen.query_one("#private_note-error")
        await run.pilot.pause()
        assert "already recorded" in str(error.render()) and error.region.height >= 1
        assert "What I noted first" in screen.query_one("#recorded").source
    assert workspace.store.private_notes(PAIR, "mentor") == before
