"""`rmcoach whoami`: who is signed in, their role and pairs, and which store they use."""

import click

from assistant.cli.output import say
from assistant.cli.workspace import open_workspace, run


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option(
    "--set",
    "choice",
    metavar="ID",
    help="Local store only: act as this participant from now on, or as 'coordinator'.",
)
def whoami(as_json: bool, choice: str | None) -> None:
    """Show who you are to rmcoach: login, participant, role, pairs, store and mode.

    In a shared store (PostgreSQL) you are the database login you connected as, mapped to a
    participant or role by an admin (`rmcoach access grant`). A local store (SQLite) is one
    person's notebook: choose who you are once with --set, and rmcoach remembers it.

    \b
    Examples:
      rmcoach whoami
      rmcoach whoami --set L-001
      rmcoach whoami --set coordinator
      rmcoach whoami --json
    """
    workspace = open_workspace()
    if choice is None:
        identity = run(workspace.signed_in())
    else:
        identity = run(workspace.choose_person(choice))
    if as_json:
        click.echo(identity.model_dump_json(indent=2))
        return
    say(identity.greeting() + ".")
    if identity.mode == "local" and identity.unrestricted:
        click.echo("Choose who you are with `rmcoach whoami --set ID` (or --set coordinator).")
    rows = [
        ("login", identity.login),
        ("participant", f"{identity.participant_id} ({identity.participant_name})"),
        ("role", identity.role or "none"),
        ("pairs", ", ".join(identity.pairs) or "none"),
        ("store", identity.store),
        ("mode", _mode(identity.mode)),
    ]
    for label, value in rows:
        if label != "participant" or identity.participant_id:
            say(f"  {label:<12} {value}")


def _mode(mode: str) -> str:
    if mode == "shared":
        return "shared: the database decides what you may read and write"
    return "local: one person's notebook, protected by the file system (folder 0700, files 0600)"
