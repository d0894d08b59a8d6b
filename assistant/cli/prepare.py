"""`rmcoach prepare`: a plan for a pair's next session, readable or as JSON."""

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assistant.cli.workspace import guidance_ready, open_workspace, run

if TYPE_CHECKING:
    from assistant.agent.planning import PlanResult
    from assistant.models import PairContext
    from assistant.workspace.pairs import Glance
    from assistant.workspace.workspace import Workspace


@click.command()
@click.option("--pair", "pair_id", required=True, help="The pair's id (see `rmcoach pairs list`).")
@click.option(
    "--minutes",
    type=click.IntRange(15, 240),
    default=45,
    show_default=True,
    help="Length of the session; the agenda's minutes add up to it.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the plan as JSON (a SessionPlan).")
@click.option(
    "--ics",
    "ics_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the plan as a calendar event (.ics) to this file, both people invited.",
)
@click.option(
    "--at",
    type=click.DateTime(formats=["%Y-%m-%d %H:%M"]),
    help='The event\'s start, local time, "YYYY-MM-DD HH:MM" (default: when the pair is next '
    "due, never before tomorrow, at 10:00).",
)
def prepare(
    pair_id: str, minutes: int, as_json: bool, ics_path: Path | None, at: datetime | None
) -> None:
    """Plan a pair's next session: agenda, reflection questions, safety prompts and sources.

    The agenda opens with every open commitment, gives the objective that has moved least the
    main slot, and follows the guidance for a first, middle or closing session. With a model
    configured it plans and the plan is checked against the guidance; without one (or if the
    model's plan fails its checks) the offline guide builds it, and says so.

    \b
    Examples:
      rmcoach prepare --pair P-01
      rmcoach prepare --pair P-01 --minutes 60 --json > plan.json
      rmcoach prepare --pair P-01 --ics next.ics --at "2025-06-30 14:00"
    """
    if at is not None and ics_path is None:
        raise click.UsageError("--at sets the calendar event's start: give --ics FILE too.")
    workspace = open_workspace()
    result, glance = run(_plan(workspace, pair_id, minutes))
    if as_json:
        click.echo(result.notice, err=True)
        click.echo(result.plan.model_dump_json(indent=2))
    else:
        _print_plan(result, glance.context)
    if ics_path is not None:
        said = run(workspace.write_plan_event(ics_path, result.plan, glance.context, at))
        click.echo(said, err=as_json)


def _print_plan(result: "PlanResult", context: "PairContext") -> None:
    from rich.console import Console
    from rich.markdown import Markdown

    from assistant.plan_markdown import plan_to_markdown
    from assistant.safe_text import printable

    click.secho(result.notice, fg="yellow" if result.drafted_by == "offline guide" else None)
    Console().print(Markdown(printable(plan_to_markdown(result.plan, context), multiline=True)))


async def _plan(workspace: "Workspace", pair_id: str, minutes: int) -> "tuple[PlanResult, Glance]":
    glance = await workspace.glance(pair_id)
    await guidance_ready(workspace)
    return await workspace.plan(pair_id, minutes), glance
