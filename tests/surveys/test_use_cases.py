"""The survey use cases on the workspace, as the app and the commands call them, on a real store
(SQLite, and PostgreSQL when RMCOACH_TEST_POSTGRES_URL is set)."""

from datetime import date
from pathlib import Path

import pytest

from assistant.access.local import LocalChoice, remember
from assistant.config import load_settings
from assistant.store import Store
from assistant.surveys.service import survey_responses
from assistant.workspace.clock import Clock
from assistant.workspace.errors import InvalidInput, NotFound, NotPermitted, WorkspaceError
from assistant.workspace.workspace import Workspace

from .conftest import START, answered

TODAY = date(2025, 2, 1)


@pytest.fixture
def workspace(paired: Store, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """Over the `paired` store, on TODAY, with nobody chosen (every use case open)."""
    monkeypatch.setenv("RMCOACH_DATABASE_URL", paired.engine.url.render_as_string(False))
    return Workspace(load_settings(), Clock(TODAY))


def signed_in_as(workspace: Workspace, choice: LocalChoice) -> Workspace:
    remember(workspace.settings.home, choice)
    workspace.forget_identity()
    return workspace


async def test_answering_the_first_survey_owed_takes_it_off_the_list(workspace) -> None:
    owed = await workspace.surveys_owed_by("P1", "mentor")
    assert [(o.kind, o.due_since) for o in owed] == [("baseline", START)]
    form = await workspace.survey_form("P1", "mentor", owed[0].kind)
    assert (form.person, form.questionnaire.kind) == ("Mo Osei", "baseline")
    assert {scale.id for scale, _ in form.items} == {"candour", "safety"}

    answers = {item.id: scale.low for scale, item in form.items}
    response = workspace.survey_response(
        {"pair_id": "P1", "side": "mentor", "kind": form.kind, "answers": answers}, "the form"
    )
    recorded = await workspace.answer_survey(response)

    assert (recorded.outcome, recorded.response.answered_on) == ("created", TODAY)
    assert await workspace.surveys_owed_by("P1", "mentor") == []
    everyone = await workspace.surveys_owed()
    assert ("M1", "baseline") not in {(o.participant_id, o.kind) for o in everyone}
    assert ("L1", "baseline") in {(o.participant_id, o.kind) for o in everyone}


async def test_a_survey_is_answered_once_and_other_answers_change_nothing(
    workspace, paired
) -> None:
    await workspace.answer_survey(answered("P1", "leader", "baseline", 4))
    again = await workspace.answer_survey(answered("P1", "leader", "baseline", 4))
    assert again.outcome == "unchanged"
    with pytest.raises(WorkspaceError, match="already answered on 2025-01-06 with other answers"):
        await workspace.answer_survey(answered("P1", "leader", "baseline", 2))
    assert [r.answers["openness.1"] for r in survey_responses(paired)] == [4]


async def test_bad_answers_name_each_field_and_the_source(workspace) -> None:
    with pytest.raises(WorkspaceError) as wrong:
        workspace.survey_response({"pair_id": "P1", "side": "boss", "answers": {}}, "fit.json")
    assert wrong.value.message.startswith("fit.json: nothing was recorded:")
    assert "side: " in wrong.value.message and "kind: " in wrong.value.message
    with pytest.raises(WorkspaceError, match=r"^a.json: line 1, column 2: not valid JSON"):
        workspace.survey_fields("{oops", "a.json")
    with pytest.raises(WorkspaceError, match="b.json: expected a JSON object"):
        workspace.survey_fields("[1, 2]", "b.json")
    assert workspace.survey_fields('{"kind": "closing"}', "c.json") == {"kind": "closing"}


async def test_an_unknown_pair_or_kind_is_named(workspace) -> None:
    with pytest.raises(NotFound) as missing:
        await workspace.surveys_owed_by("P9", "leader")
    assert (missing.value.kind, missing.value.key) == ("pair", "P9")
    with pytest.raises(InvalidInput, match="there is no survey 'exit'"):
        await workspace.survey_form("P1", "leader", "exit")


async def test_a_leader_answers_only_as_their_own_side_of_their_own_pairs(workspace) -> None:
    if workspace.settings.sqlalchemy_url.startswith("postgresql"):
        pytest.skip("a shared store's person is its database login (tests/access)")
    signed_in_as(workspace, LocalChoice(participant_id="L1"))
    assert [o.kind for o in await workspace.surveys_owed_by("P1", "leader")] == ["baseline"]
    with pytest.raises(NotPermitted, match="answer surveys as the leader only"):
        await workspace.answer_survey(answered("P1", "mentor", "baseline", 3))
    with pytest.raises(NotPermitted, match="pair P2 is not yours"):
        await workspace.survey_form("P2", "leader", "closing")
    with pytest.raises(NotPermitted, match="`rmcoach survey due` is for coordinators"):
        await workspace.surveys_owed()

    signed_in_as(workspace, LocalChoice(coordinator=True))
    owed = {(o.pair_id, o.kind) for o in await workspace.surveys_owed()}
    assert owed == {("P1", "baseline"), ("P2", "closing"), ("P2", "recommendation")}
    with pytest.raises(NotPermitted, match="`rmcoach survey take` is for leaders and mentors"):
        await workspace.surveys_owed_by("P1", "leader")


async def test_an_import_records_every_row_or_none(workspace, paired, tmp_path: Path) -> None:
    leader = answered("P1", "leader", "baseline", 5, on=date(2025, 1, 20)).answers
    header = ["pair_id", "side", "kind", "answered_on", *leader]
    good = tmp_path / "answers.csv"
    good.write_text(
        ",".join(header) + "\n" + ",".join(["P1", "leader", "baseline", "2025-01-20"])
        + "," + ",".join(str(v) for v in leader.values()) + "\n"
    )  # fmt: skip
    bad = tmp_path / "bad.csv"
    bad.write_text(good.read_text().replace("P1,", "P7,"))

    with pytest.raises(WorkspaceError) as refused:
        await workspace.import_survey_answers(bad)
    assert "line 2, column pair_id: no pair 'P7'" in refused.value.message
    assert survey_responses(paired) == []

    [first] = await workspace.import_survey_answers(good)
    [second] = await workspace.import_survey_answers(good)
    assert (first.outcome, second.outcome) == ("created", "unchanged")
    assert [r.answered_on for r in survey_responses(paired)] == [date(2025, 1, 20)]
