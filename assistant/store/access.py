"""Who may use a shared (PostgreSQL) programme: the login mapping and the group memberships.

The identity is PostgreSQL's own authenticated login (`session_user`); rmcoach adds no login
protocol and keeps no password. `grant` maps a login to a participant, or to the coordinator
or admin role, and makes it a member of the matching group role (`access_sql.py`), whose
grants and policies then decide what it reads and writes.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from pydantic import SecretStr
from sqlalchemy import Connection, Engine, delete, select, text
from sqlalchemy.exc import DBAPIError

from assistant.store import access_sql, schema
from assistant.store.errors import NotFound, StoreError
from assistant.store.migrations import migrate

AccessRole = Literal["participant", "coordinator", "admin"]
A, P = schema.access_logins, schema.participants


@dataclass(frozen=True)
class Login:
    """One row of the mapping, as `rmcoach access list` shows it."""

    login: str
    role: AccessRole
    participant_id: str | None
    participant_name: str | None
    granted_at: datetime


@dataclass(frozen=True)
class SessionLogin:
    """The login this connection authenticated as, and what the mapping says of it."""

    login: str
    superuser: bool
    role: AccessRole | None
    participant_id: str | None


def session_login(conn: Connection) -> SessionLogin:
    login, superuser = conn.execute(
        text("SELECT session_user, rolsuper FROM pg_roles WHERE rolname = session_user")
    ).one()
    try:
        with conn.begin_nested():
            row = conn.execute(
                select(A.c.role, A.c.participant_id).where(A.c.login == login)
            ).first()
    except DBAPIError:
        row = None  # an ungranted login may not even read the mapping
    return SessionLogin(
        login, superuser, row.role if row else None, row.participant_id if row else None
    )


def init(engine: Engine) -> str:
    """Migrate, then make the login running this (the database owner) the first admin."""
    migrate(engine)
    with engine.begin() as conn:
        login = conn.execute(text("SELECT session_user")).scalar_one()
        _grant(conn, login, "admin", None)
    return login


def grant(
    engine: Engine,
    login: str,
    role: AccessRole,
    participant_id: str | None = None,
    password: SecretStr | None = None,
) -> None:
    """Map `login` to a participant or role; with `password`, create the login first.

    The password is hashed (SCRAM) on this machine by libpq, so the server, its logs and
    rmcoach see only the verifier.
    """
    with engine.begin() as conn:
        if participant_id is not None:
            _check_participant(conn, participant_id)
        if password is not None:
            _create_login(conn, login, password)
        elif not _login_exists(conn, login):
            raise NotFound(
                f"there is no database login {login!r}; create it first (or add --create-login)"
            )
        _grant(conn, login, role, participant_id)


def revoke(engine: Engine, login: str) -> bool:
    """Take every programme role from `login`; False when it had none. The login itself stays."""
    with engine.begin() as conn:
        roles = access_sql.group_roles(conn)
        gone = conn.execute(delete(A).where(A.c.login == login)).rowcount
        if _login_exists(conn, login):
            for group in roles.values():
                conn.execute(text(f'REVOKE "{group}" FROM {_ident(conn, login)}'))
    return bool(gone)


def logins(engine: Engine) -> list[Login]:
    query = (
        select(A, P.c.name)
        .select_from(A.outerjoin(P, P.c.id == A.c.participant_id))
        .order_by(A.c.login)
    )
    with engine.connect() as conn:
        return [
            Login(row.login, row.role, row.participant_id, row.name, row.granted_at)
            for row in conn.execute(query)
        ]


def _grant(conn: Connection, login: str, role: AccessRole, participant_id: str | None) -> None:
    groups = access_sql.group_roles(conn)
    who = _ident(conn, login)
    for kind, group in groups.items():
        if kind != role:
            conn.execute(text(f'REVOKE "{group}" FROM {who}'))
    conn.execute(text(f'GRANT "{groups[role]}" TO {who}'))
    if role == "admin":
        # An admin grants and revokes the roles in turn, which PostgreSQL allows only with ADMIN
        # OPTION on them. Membership comes with it, but the policies admit only the mapped role.
        every = ", ".join(f'"{group}"' for group in groups.values())
        conn.execute(text(f"GRANT {every} TO {who} WITH ADMIN OPTION"))
    conn.execute(delete(A).where(A.c.login == login))
    row = {"login": login, "role": role, "participant_id": participant_id}
    conn.execute(A.insert().values(row | {"granted_at": datetime.now(UTC)}))


def _check_participant(conn: Connection, participant_id: str) -> None:
    found = conn.execute(select(P.c.id).where(P.c.id == participant_id)).first()
    if found is None:
        raise NotFound(
            f"there is no participant {participant_id!r}; import the roster first "
            "(`rmcoach participants list` shows who is there)"
        )


def _login_exists(conn: Connection, login: str) -> bool:
    query = text("SELECT 1 FROM pg_roles WHERE rolname = :login")
    return conn.execute(query, {"login": login}).first() is not None


def _create_login(conn: Connection, login: str, password: SecretStr) -> None:
    if _login_exists(conn, login):
        raise StoreError(f"the database login {login!r} exists already; leave out --create-login")
    import psycopg

    raw = conn.connection.dbapi_connection
    if not isinstance(raw, psycopg.Connection):
        raise StoreError("creating a login needs a PostgreSQL store reached through psycopg")
    verifier = raw.pgconn.encrypt_password(
        password.get_secret_value().encode(), login.encode(), b"scram-sha-256"
    ).decode()
    who = _ident(conn, login)
    literal = conn.execute(text("SELECT quote_literal(:v)"), {"v": verifier}).scalar_one()
    try:
        with conn.begin_nested():
            conn.exec_driver_sql(f"CREATE ROLE {who} LOGIN PASSWORD {literal}")
    except DBAPIError as error:
        raise StoreError(
            f"cannot create the login {login!r}: {error.orig}; ask the database administrator"
        ) from error


def _ident(conn: Connection, name: str) -> str:
    return conn.execute(text("SELECT quote_ident(:n)"), {"n": name}).scalar_one()
