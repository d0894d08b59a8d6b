"""`rmcoach report`: the coordinator's programme report, privacy-gated, in four formats."""

import shutil
from datetime import date
from typing import TYPE_CHECKING, cast

import click

from assistant.cli.options import Day, today_option
from assistant.cli.workspace import open_workspace, run

if TYPE_CHECKING:
    from assistant.reports.render import Format

_FORMATS = ("table", "json", "csv", "md")


@click.command()
@click.option("--cohort", help="Only this cohort's pairs and participants (default: all cohorts).")
@click.option(
    "--since",
    type=Day(),
    metavar="DATE",
    help="Count sessions held on or after DATE (YYYY-MM-DD); default: all.",
)
@today_option("Report as of this date: later sessions are ignored; default: today.")
@click.option(
    "--format",
    "format_",
    type=click.Choice(_FORMATS),
    default="table",
    show_default=True,
    help="table for people, json for tools, csv (metric,breakdown,period,value), md.",
)
@click.option(
    "--min-group-size",
    type=click.IntRange(min=1),
    metavar="K",
    help="Suppress any breakdown over fewer than K pairs (default: the setting min_group_size, 5).",
)
def report(
    cohort: str | None,
    since: date | None,
    today: date | None,
    format_: str,
    min_group_size: int | None,
) -> None:
    """Show the programme report for coordinators.

    Totals, safety and usefulness ratings by month, commitments, objectives, retention, themes
    and the pairs at risk with their reasons. Only pairs whose two participants consented to
    share summaries are counted beyond the pair counts, any breakdown over fewer than K pairs
    is shown as suppressed, and private notes are never read.

    \b
    Examples:
      rmcoach report
      rmcoach report --cohort 2024-spring --since 2024-03-01
      rmcoach report --format json > report.json
      rmcoach report --format csv --today 2024-06-30 --min-group-size 3
    """
    workspace = open_workspace(today)
    programme = run(workspace.report(cohort=cohort, since=since, min_group_size=min_group_size))
    width = max(80, shutil.get_terminal_size((100, 24)).columns)
    click.echo(workspace.render_report(programme, cast("Format", format_), width=width), nl=False)
