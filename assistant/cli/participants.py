"""`rmcoach participants`: see who is in the programme."""

import json

import click

from assistant.cli.output import print_json, print_table
from assistant.cli.workspace import open_workspace, run


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
    from assistant.workspace.programme import CARD_FIELDS

    listed = run(open_workspace().participant_list(cohort=cohort))
    found = listed.people
    if as_json and listed.whole:
        print_json(found)
        return
    if as_json:
        click.echo(json.dumps(listed.cards(), indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo(
            "No participants yet: import them with `rmcoach roster import FILE.csv`, "
            "or try `rmcoach demo`."
        )
        return
    if not listed.whole:
        rows = [[str(value or "") for value in card.values()] for card in listed.cards()]
        title = f"{len(found)} participants (cards: what your login may read)"
        print_table(title, [*CARD_FIELDS], rows)
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
