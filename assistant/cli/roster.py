"""`rmcoach roster`: bring the programme's people in from a CSV file."""

from pathlib import Path

import click

from assistant.cli.workspace import open_workspace, run


@click.group()
def roster() -> None:
    """The programme's people: leaders, mentors and coordinators.

    \b
    Example:
      rmcoach roster import examples/roster.csv
    """


@roster.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_roster(file: Path) -> None:
    """Add or update the participants listed in FILE (CSV, header on the first line).

    Every row is checked first; if any is wrong, each problem is shown with its line and column
    and nothing is imported. Importing the same file again changes nothing. Columns: id, name,
    role, department, level, manager_id, skills, interests, goals, and optionally cohort,
    availability, joined, left, consent. See the README, "Your programme's data".

    \b
    Example:
      rmcoach roster import examples/roster.csv
    """
    count = run(open_workspace().import_roster(file))
    click.echo(f"Imported {file}: {count} participants.")
