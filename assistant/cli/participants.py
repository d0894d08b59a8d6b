"""`rmcoach participants`: see who is in the programme."""

import click

from assistant.cli.programme import open_store, print_json, print_table, store_errors


@click.group()
def participants() -> None:
    """The programme's people. Add them with `rmcoach roster import FILE.csv`.

    \b
    Example:
      rmcoach participants list --cohort 2025-spring
    """


@participants.command("list")
@click.option("--cohort", help="Only people in this cohort.")
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON (a list of people, ordered by id)."
)
def list_participants(cohort: str | None, as_json: bool) -> None:
    """Show the participants, ids first.

    \b
    Examples:
      rmcoach participants list
      rmcoach participants list --json > people.json
    """
    with store_errors():
        found = open_store("participants list").participants(cohort=cohort)
    if as_json:
        print_json(found)
        return
    if not found:
        click.echo(
            "No participants yet: import them with `rmcoach roster import FILE.csv`, "
            "or try `rmcoach demo`."
        )
        return
    rows = [
        [
            person.id,
            person.name,
            person.role,
            person.department,
            str(person.level),
            person.manager_id or "",
            person.cohort,
            "yes" if person.consent_to_share else "no",
            person.email or "",
        ]
        for person in found
    ]
    columns = [
        "id", "name", "role", "department", "level", "manager", "cohort", "consent", "email",
    ]  # fmt: skip
    print_table(f"{len(found)} participants", columns, rows)
