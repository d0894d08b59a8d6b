"""Who is signed in: the login, the participant or role it maps to, their pairs, the store."""

import getpass
from typing import Literal

from pydantic import BaseModel
from sqlalchemy.engine import make_url

from assistant.access.local import read_choice
from assistant.config import Settings
from assistant.models import Side
from assistant.store import Store

Role = Literal["leader", "mentor", "coordinator", "admin"]
Mode = Literal["local", "shared"]


class Identity(BaseModel):
    login: str
    """The database login (shared store) or the user of this machine (local store)."""
    mode: Mode
    store: str
    """The SQLite file, or the PostgreSQL host and database; never a password."""
    role: Role | None = None
    """None when nobody is chosen (local) or the login has no access (shared)."""
    participant_id: str | None = None
    participant_name: str | None = None
    pairs: list[str] = []
    unrestricted: bool = False
    """A local store with nobody chosen, or a PostgreSQL superuser: every command is open."""

    @property
    def side(self) -> Side | None:
        return self.role if self.role in ("leader", "mentor") else None

    def describe(self) -> str:
        """`avery: L-001, leader`, as a refusal names the person."""
        if self.participant_id:
            return f"{self.login}: {self.participant_id}, {self.role}"
        if self.role:
            return f"{self.login}: {self.role}"
        if self.unrestricted:
            return f"{self.login}, with every command open"
        if self.mode == "local":
            return f"{self.login}, with nobody chosen"
        return f"{self.login}, who has no access to this programme"

    def greeting(self) -> str:
        """`Signed in as Avery Stone, leader of P-001`, for the start screen."""
        if self.participant_name:
            pairs = ", ".join(self.pairs) or "no pair yet"
            return f"Signed in as {self.participant_name}, {self.role} of {pairs}"
        if self.role:
            return f"Signed in as {self.login}, {self.role}"
        if self.mode == "local" and self.unrestricted:
            return "Nobody chosen yet on this local store, so every command is open"
        return f"Signed in as {self.describe()}"


def signed_in(store: Store, settings: Settings) -> Identity:
    """The person this store's connection, or this machine's remembered choice, stands for."""
    url = make_url(settings.sqlalchemy_url)
    if url.get_backend_name() == "sqlite":
        return _local(store, settings, str(url.database))
    where = f"PostgreSQL database {url.database} on {url.host or 'localhost'}:{url.port or 5432}"
    return _shared(store, where)


def _local(store: Store, settings: Settings, path: str) -> Identity:
    base = Identity(login=getpass.getuser(), mode="local", store=f"SQLite file {path}")
    choice = read_choice(settings.home)
    if choice is None:
        return base.model_copy(update={"unrestricted": True})
    if choice.coordinator:
        return base.model_copy(update={"role": "coordinator"})
    return _as_participant(store, base, choice.participant_id or "")


def _shared(store: Store, where: str) -> Identity:
    from assistant.store.access import session_login

    with store.engine.connect() as conn:
        login = session_login(conn)
    base = Identity(login=login.login, mode="shared", store=where)
    if login.role == "participant" and login.participant_id:
        return _as_participant(store, base, login.participant_id)
    if login.role is not None:
        return base.model_copy(update={"role": login.role})
    return base.model_copy(update={"unrestricted": login.superuser})


def _as_participant(store: Store, base: Identity, participant_id: str) -> Identity:
    from assistant.store import NotFound

    try:
        person = store.participant(participant_id)
    except NotFound:
        return base  # chosen once, since removed: nobody is signed in
    pairs = [
        pair.id for pair in store.pairs() if participant_id in (pair.leader_id, pair.mentor_id)
    ]
    role: Role = "leader" if person.role == "leader" else "mentor"
    return base.model_copy(
        update={
            "role": role,
            "participant_id": person.id,
            "participant_name": person.name,
            "pairs": pairs,
        }
    )
