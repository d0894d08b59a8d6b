"""Who the workspace acts for, and refusals outside a role, as both front ends meet them."""

from datetime import date

import click
import pytest
from click.testing import CliRunner

from assistant.access.local import LocalChoice, remember
from assistant.cli.errors import NOT_PERMITTED, shown
from assistant.cli.options import today_option
from assistant.workspace.errors import NotPermitted


async def test_nobody_chosen_on_a_local_store_opens_every_command(workspace) -> None:
    identity = await workspace.signed_in()
    assert identity.mode == "local" and identity.unrestricted
    assert workspace.require("report") is identity


async def test_a_chosen_leader_is_refused_a_coordinators_command_naming_both(
    workspace, home
) -> None:
    leader = next(p for p in await workspace.participants() if p.role == "leader")
    remember(home, LocalChoice(participant_id=leader.id))
    workspace.forget_identity()
    identity = await workspace.signed_in()
    assert identity.participant_id == leader.id and identity.role == "leader"
    with pytest.raises(NotPermitted) as refused:
        workspace.require("report")
    assert "is for coordinators" in refused.value.message
    assert leader.id in refused.value.message
    assert workspace.require("log") is identity


def test_a_refusal_leaves_a_command_with_exit_code_4_and_one_line() -> None:
    @click.command()
    def refused() -> None:
        with shown():
            raise NotPermitted("`rmcoach report` is for coordinators; you are signed in as x")

    result = CliRunner().invoke(refused)
    assert result.exit_code == NOT_PERMITTED
    assert result.output.strip() == (
        "Error: `rmcoach report` is for coordinators; you are signed in as x"
    )


@click.command()
@today_option()
def _as_of(today: date | None) -> None:
    click.echo(repr(today))


def test_the_today_option_gives_a_date_and_refuses_what_the_workspace_refuses() -> None:
    runner = CliRunner()
    assert runner.invoke(_as_of, ["--today", "2026-02-03"]).output.strip() == (
        "datetime.date(2026, 2, 3)"
    )
    assert runner.invoke(_as_of, []).output.strip() == "None"
    for bad, says in (("2026-02-30", "is not a date"), ("1999-12-31", "2000")):
        result = runner.invoke(_as_of, ["--today", bad])
        assert result.exit_code == 2, result.output
        assert says in result.output and "--today" in result.output
