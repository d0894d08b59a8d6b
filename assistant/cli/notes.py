"""`rmcoach notes`: your own earlier private notes, for your eyes only."""

import json

import click

from assistant.cli.programme import NotPermittedError, open_as, store_errors


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
    with store_errors():
        store, identity = open_as("notes")
        side = identity.side
        if side is None:
            raise NotPermittedError(
                "`rmcoach notes` shows a leader's or a mentor's own private notes; choose who "
                "you are first: `rmcoach whoami --set ID`"
            )
        if pair_id is not None and pair_id not in identity.pairs:
            mine = ", ".join(identity.pairs) or "none"
            raise click.BadParameter(
                f"{pair_id} is not one of your pairs ({mine})", param_hint="--pair"
            )
        found = [
            (pair, held_on, text)
            for pair in ([pair_id] if pair_id else identity.pairs)
            for held_on, text in store.private_notes(pair, side)
        ]
    found.sort(key=lambda note: note[1], reverse=True)
    if as_json:
        rows = [{"pair_id": p, "held_on": str(day), "text": text} for p, day, text in found]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo(f"No private notes yet, {identity.participant_name}.")
        return
    for pair, held_on, text in found:
        click.echo(f"{held_on}  {pair}\n  {text}\n")
