"""`rmcoach access`: who may use a shared (PostgreSQL) programme, and as whom."""

import click

from assistant.cli.output import confirm, print_json, print_table, say
from assistant.cli.workspace import open_workspace, run


@click.group()
def access() -> None:
    """Grant database logins a participant or a role in a shared programme (PostgreSQL).

    The database's own authentication says who someone is (passwords, ~/.pgpass, LDAP,
    Kerberos, certificates); this maps each login to a participant, a coordinator or an admin,
    and PostgreSQL's grants and row-level security then enforce what each may read and write.
    """


@access.command()
def init() -> None:
    """Set up access control once, as the database's owner: roles, grants, policies.

    It is safe to run again. The login running it becomes the first admin.

    \b
    Example:
      RMCOACH_DATABASE_URL=postgresql+psycopg://owner@db.example.org/rmcoach rmcoach access init
    """
    login = run(open_workspace().init_access())
    say(f"Access control is on; {login} is an admin.")
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

    from assistant.workspace.identity import AccessRole

    if (participant_id is None) == (role is None):
        raise click.UsageError("give exactly one of --participant ID, --coordinator, --admin")
    workspace = open_workspace()
    password = None
    if create_login:
        run(workspace.check_access_command("access grant"))  # before asking for a password
        typed = click.prompt(
            f"Password for the new login {login}", hide_input=True, confirmation_prompt=True
        )
        password = SecretStr(typed)
    given: AccessRole = "admin" if role == "admin" else "coordinator" if role else "participant"
    run(workspace.grant_access(login, given, participant_id, password))
    what = f"participant {participant_id}" if participant_id else role
    say(f"{login} now uses the programme as {what}.")


@access.command()
@click.argument("login")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def revoke(login: str, yes: bool) -> None:
    """Take LOGIN's access to the programme away (the database login itself stays).

    \b
    Example:
      rmcoach access revoke avery --yes
    """
    workspace = open_workspace()
    run(workspace.check_access_command("access revoke"))
    confirm(f"{login} will lose access to the programme", yes)
    had = run(workspace.revoke_access(login))
    say(f"{login} no longer has access." if had else f"{login} had no access.")


@access.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def list_logins(as_json: bool) -> None:
    """List every login with access, and as whom."""
    found = run(open_workspace().granted_logins())
    if as_json:
        print_json(found)
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
