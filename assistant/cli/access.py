"""`rmcoach access`: who may use a shared (PostgreSQL) programme, and as whom."""

from typing import TYPE_CHECKING

import click

from assistant.cli.programme import confirm, open_as, open_identity, print_table, store_errors

if TYPE_CHECKING:
    from sqlalchemy import Engine


@click.group()
def access() -> None:
    """Grant database logins a participant or a role in a shared programme (PostgreSQL).

    The database's own authentication says who someone is (passwords, ~/.pgpass, LDAP,
    Kerberos, certificates); this maps each login to a participant, a coordinator or an admin,
    and PostgreSQL's grants and row-level security then enforce what each may read and write.
    """


def _shared_engine(command: str | None) -> "Engine":
    """The shared store's engine, once `command` is checked; `init` (None) is run before anyone
    has access, by the database's owner, so only the database checks it."""
    store, identity = open_as(command) if command else open_identity()
    if identity.mode == "local":
        raise click.UsageError(
            "a local store has no logins: it is one person's notebook, protected by the file "
            "system; `rmcoach whoami --set ID` chooses who you are. Set RMCOACH_DATABASE_URL "
            "to a PostgreSQL database to share a programme."
        )
    return store.engine


@access.command()
def init() -> None:
    """Set up access control once, as the database's owner: roles, grants, policies.

    It is safe to run again. The login running it becomes the first admin.

    \b
    Example:
      RMCOACH_DATABASE_URL=postgresql+psycopg://owner@db.example.org/rmcoach rmcoach access init
    """
    from assistant.store import access as store_access

    with store_errors():
        login = store_access.init(_shared_engine(None))
    click.echo(f"Access control is on; {login} is an admin.")
    click.echo("Next: rmcoach access grant LOGIN --participant ID | --coordinator | --admin")


@access.command()
@click.argument("login")
@click.option("--participant", "participant_id", metavar="ID", help="A leader or mentor's id.")
@click.option("--coordinator", "role", flag_value="coordinator", help="Runs the programme.")
@click.option("--admin", "role", flag_value="admin", help="Grants and revokes access.")
@click.option(
    "--create-login",
    is_flag=True,
    help="Create the database login too; its password is asked for, never shown or kept.",
)
def grant(login: str, participant_id: str | None, role: str | None, create_login: bool) -> None:
    """Let LOGIN use the programme as a participant, a coordinator or an admin.

    A login has one role: granting another replaces it.

    \b
    Examples:
      rmcoach access grant avery --participant L-001
      rmcoach access grant sam --coordinator --create-login
    """
    from pydantic import SecretStr

    from assistant.store import access as store_access

    if (participant_id is None) == (role is None):
        raise click.UsageError("give exactly one of --participant ID, --coordinator, --admin")
    password = None
    if create_login:
        typed = click.prompt(
            f"Password for the new login {login}", hide_input=True, confirmation_prompt=True
        )
        password = SecretStr(typed)
    with store_errors():
        engine = _shared_engine("access grant")
        store_access.grant(engine, login, role or "participant", participant_id, password)  # type: ignore[arg-type]
    what = f"participant {participant_id}" if participant_id else role
    click.echo(f"{login} now uses the programme as {what}.")


@access.command()
@click.argument("login")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def revoke(login: str, yes: bool) -> None:
    """Take LOGIN's access to the programme away (the database login itself stays).

    \b
    Example:
      rmcoach access revoke avery --yes
    """
    from assistant.store import access as store_access

    with store_errors():
        engine = _shared_engine("access revoke")
        confirm(f"{login} will lose access to the programme", yes)
        had = store_access.revoke(engine, login)
    click.echo(f"{login} no longer has access." if had else f"{login} had no access.")


@access.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def list_logins(as_json: bool) -> None:
    """List every login with access, and as whom."""
    import json

    from assistant.store import access as store_access

    with store_errors():
        found = store_access.logins(_shared_engine("access list"))
    if as_json:
        rows = [
            {
                "login": f.login,
                "role": f.role,
                "participant_id": f.participant_id,
                "participant_name": f.participant_name,
                "granted_at": f.granted_at.isoformat(),
            }
            for f in found
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    rows = [
        [
            f.login,
            f.role,
            f.participant_id or "",
            f.participant_name or "",
            f"{f.granted_at:%Y-%m-%d}",
        ]
        for f in found
    ]
    print_table("Access", ["login", "role", "participant", "name", "granted"], rows)
