"""`rmcoach report`: the coordinator's programme report, privacy-gated, in four formats."""

import shutil
from datetime import date, datetime

import click

from assistant.cli.programme import open_store, store_errors

_FORMATS = ("table", "json", "csv", "md")


def _day(_ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    from assistant.models import check_day

    try:
        day = date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from error
    try:
        return check_day(day)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error


@click.command()
@click.option("--cohort", help="Only this cohort's pairs and participants (default: all cohorts).")
@click.option(
    "--since",
    callback=_day,
    metavar="DATE",
    help="Count sessions held on or after DATE (YYYY-MM-DD); default: all.",
)
@click.option(
    "--today",
    callback=_day,
    metavar="DATE",
    help="Report as of DATE (YYYY-MM-DD): later sessions are ignored; default: today.",
)
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
    from sqlalchemy.exc import SQLAlchemyError

    from assistant.config import load_settings
    from assistant.reports import build_report, render

    today = today or datetime.now().date()
    if since is not None and since > today:
        raise click.BadParameter(
            f"{since} is after the report date {today}; give an earlier date", param_hint="--since"
        )
    k = min_group_size or load_settings().min_group_size
    with store_errors():
        try:
            store = open_store("report")
            programme = build_report(
                store, today=today, cohort=cohort, since=since, min_group_size=k
            )
        except (SQLAlchemyError, OSError) as error:
            raise click.ClickException(f"cannot read the programme database: {error}") from error
    width = max(80, shutil.get_terminal_size((100, 24)).columns)
    click.echo(render(programme, format_, width=width), nl=False)
