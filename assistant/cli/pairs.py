"""`rmcoach pairs`: import the pairs from CSV and see who mentors whom."""

from pathlib import Path

import click

from assistant.cli.output import print_json, print_table
from assistant.cli.workspace import open_workspace, run


@click.group()
def pairs() -> None:
    """The mentoring pairs: each a senior leader and the junior mentor who mentors them.

    \b
    Examples:
      rmcoach pairs import examples/pairs.csv
      rmcoach pairs list --status active
    """


@pairs.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_pairs(file: Path) -> None:
    """Add or update the pairs listed in FILE (CSV); import the roster first.

    Columns: leader_id, mentor_id, and optionally id, cohort, start_date, cadence_days, status.
    Every row is checked against the roster first (the leader must be a leader, the mentor a
    mentor); if any is wrong, nothing is imported. Importing the same file again changes nothing.

    \b
    Example:
      rmcoach pairs import examples/pairs.csv
    """
    count = run(open_workspace().import_pairs(file))
    click.echo(f"Imported {file}: {count} pairs.")


@pairs.command("list")
@click.option(
    "--status", type=click.Choice(["active", "paused", "closed"]), help="Only pairs in this state."
)
@click.option("--cohort", help="Only pairs in this cohort.")
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON (a list of pairs, ordered by id)."
)
def list_pairs(status: str | None, cohort: str | None, as_json: bool) -> None:
    """Show the pairs, ids first.

    \b
    Examples:
      rmcoach pairs list
      rmcoach pairs list --cohort 2025-spring --json
    """
    listed = run(open_workspace().pair_list(status=status, cohort=cohort))
    found = listed.pairs
    if as_json:
        print_json(found)
        return
    if not found:
        click.echo(
            "No pairs yet: import them with `rmcoach pairs import FILE.csv`, or try `rmcoach demo`."
        )
        return
    rows = [
        [
            pair.id,
            f"{pair.leader_id} {listed.name(pair.leader_id)}",
            f"{pair.mentor_id} {listed.name(pair.mentor_id)}",
            pair.cohort,
            str(pair.start_date),
            f"every {pair.cadence_days} days",
            pair.status,
            str(len(pair.objectives)),
        ]
        for pair in found
    ]
    columns = ["id", "leader", "mentor", "cohort", "started", "cadence", "status", "objectives"]
    print_table(f"{len(found)} pairs", columns, rows)
