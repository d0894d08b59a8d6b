"""Survey: a mentor answers the survey they owe (F7) without it blocking anything else, and the
coordinator's Review shows the impact beside the other charts."""

from textual.widgets import Select

from assistant.surveys.service import owed_surveys, survey_responses
from assistant.tui.screens.review import ReviewScreen
from assistant.tui.screens.survey import SurveyScreen

from .conftest import TODAY


async def test_a_mentor_answers_the_survey_they_owe(launch, workspace) -> None:
    owed = [o for o in owed_surveys(workspace.store, TODAY) if o.side == "mentor"]
    first = owed[0]
    async with launch(workspace) as run:
        await run.enter_as("mentor", first.pair_id)
        await run.wait_for_notice(f"You owe the {first.kind}")  # a reminder, not a gate
        await run.press("f7")
        screen = run.app.screen
        assert isinstance(screen, SurveyScreen)
        await run.wait(lambda: screen.query(".item"), "the survey's items")
        assert f"You owe: {first.kind}" in str(screen.query_one("#survey-owed").render())
        choices = list(screen.query(".item Select").results(Select))
        for choice in choices[:-1]:
            choice.value = 2 if first.kind == "recommendation" else 3
        await run.press("ctrl+s")
        await run.wait_for_notice("Answer every item: 1 still to choose")
        choices[-1].value = 4
        screen.query_one("#survey-comment").value = "More time to prepare together."
        await run.press("ctrl+s")
        await run.wait_for_notice(f"Recorded the mentor's {first.kind} survey")
        [answered] = [
            r for r in survey_responses(workspace.store, first.pair_id)
            if (r.side, r.kind) == ("mentor", first.kind)
        ]  # fmt: skip
        assert answered.comment == "More time to prepare together."
        assert list(answered.answers.values())[-1] == 4
        await run.press("f5")  # nothing waits on a survey: Debrief opens as ever
        assert type(run.app.screen).__name__ == "DebriefScreen"


async def test_the_coordinator_cannot_open_a_pairs_survey_but_sees_the_impact(
    launch, workspace
) -> None:
    async with launch(workspace, size=(120, 50)) as run:
        await run.enter_as("coordinator")
        screen = run.app.screen
        assert isinstance(screen, ReviewScreen)
        await run.wait(lambda: screen.report is not None, "the report")
        note = str(screen.query_one("#impact-note").render())
        assert "NPS" in note and "Pairing fit" in note and "never quotes" in note
        await run.press("f7")
        await run.wait_for_notice("Survey is for leaders and mentors")
