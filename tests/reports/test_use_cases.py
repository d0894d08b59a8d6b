"""The coordinator's use cases on the workspace, the report and the nudges, as the app and the
commands call them: as of the workspace's today, and for coordinators only."""

from datetime import date

import pytest

from assistant.access.local import LocalChoice, remember
from assistant.accountability.nudges import not_assessed, nudges_for
from assistant.accountability.survey_nudges import survey_nudges
from assistant.config import load_settings
from assistant.reports import build_report, render
from assistant.store import Store
from assistant.workspace.clock import Clock
from assistant.workspace.errors import InvalidInput, NotPermitted
from assistant.workspace.workspace import Workspace

from .conftest import url_of
from .programme import PRIVATE_MARKER, TODAY


@pytest.fixture
def workspace(programme: Store, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("RMCOACH_DATABASE_URL", url_of(programme))
    return Workspace(load_settings(), Clock(TODAY))


async def test_the_report_is_built_as_of_the_workspaces_today(workspace, programme) -> None:
    report = await workspace.report(cohort="c1", min_group_size=1)
    assert report.meta.generated_for == TODAY
    direct = build_report(programme, today=TODAY, cohort="c1", min_group_size=1)
    assert report == direct
    for format_ in ("table", "json", "csv", "md"):
        text = workspace.render_report(report, format_)
        assert text == render(direct, format_) and PRIVATE_MARKER not in text


async def test_the_group_size_comes_from_the_settings_unless_given(
    programme, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RMCOACH_DATABASE_URL", url_of(programme))
    monkeypatch.setenv("RMCOACH_MIN_GROUP_SIZE", "3")
    workspace = Workspace(load_settings(), Clock(TODAY))
    assert (await workspace.report()).meta.min_group_size == 3
    assert (await workspace.report(min_group_size=7)).meta.min_group_size == 7


async def test_a_start_after_the_report_date_is_refused(workspace) -> None:
    with pytest.raises(InvalidInput, match="2024-07-01 is after the report date 2024-06-30"):
        await workspace.report(since=date(2024, 7, 1))


async def test_the_nudges_are_todays_with_the_pairs_not_assessed(workspace, programme) -> None:
    found, skipped = await workspace.nudges()
    assert found == nudges_for(programme, TODAY) + survey_nudges(programme, TODAY)
    assert found, "the programme has nudges due on TODAY"
    assert skipped == not_assessed(programme) > 0


async def test_a_leader_is_refused_the_report_and_the_nudges(workspace) -> None:
    if workspace.settings.sqlalchemy_url.startswith("postgresql"):
        pytest.skip("a shared store's person is its database login (tests/access)")
    remember(workspace.settings.home, LocalChoice(participant_id="L1"))
    workspace.forget_identity()
    with pytest.raises(NotPermitted, match="`rmcoach report` is for coordinators"):
        await workspace.report()
    with pytest.raises(NotPermitted, match="`rmcoach nudges` is for coordinators"):
        await workspace.nudges()
    remember(workspace.settings.home, LocalChoice(coordinator=True))
    workspace.forget_identity()
    assert (await workspace.report()).meta.generated_for == TODAY
