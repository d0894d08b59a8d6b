"""`rmcoach notes`: your own earlier private notes, for your eyes only."""

import click

from assistant.cli.output import print_json, say
from assistant.cli.workspace import open_workspace, run


@click.command()
@click.option("--pair", "pair_id", help="Only this pair's notes (default: all your pairs).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def notes(pair_id: str | None, as_json: bool) -> None:
    """Show the private notes you wrote after your sessions, newest first.

    Only their author ever sees a private note: not the other side, not coordinators, not
    reports. In a shared store the database itself keeps everyone else's notes from you.

    \b
    Examples:
      rmcoach notes
      rmcoach notes --pair P-001 --json
    """
    workspace = open_workspace()
    found = run(workspace.own_private_notes(pair_id))
    if as_json:
        print_json(found)
        return
    if not found:
        say(f"No private notes yet, {run(workspace.signed_in()).participant_name}.")
        return
    for note in found:
        say(f"{note.held_on}  {note.pair_id}\n  {note.text}\n")
