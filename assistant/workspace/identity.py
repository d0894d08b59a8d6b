"""Use cases about who is signed in: choose the person on a local store, and, on a shared
(PostgreSQL) store, who may use the programme and as whom.

Reading who is signed in is `Parts.signed_in`. A local store has no logins: its person is
chosen once and remembered. A shared store's person is the database's own authenticated login,
mapped by an admin to a participant or a role; PostgreSQL's grants and row-level security then
enforce what each may read and write (`assistant/store/access_sql.py`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, SecretStr

from assistant.workspace.errors import InvalidInput, NotPermitted
from assistant.workspace.parts import Parts

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from assistant.access import Identity

AccessRole = Literal["participant", "coordinator", "admin"]


class NobodyChosen(NotPermitted):
    """A use case for a leader or a mentor on a local store where nobody is chosen yet."""


class LocalStore(InvalidInput):
    """A use case for a shared store's logins, asked of a local store, which has none."""


class Granted(BaseModel):
    """A login with access to a shared programme, and as whom."""

    login: str
    role: AccessRole
    participant_id: str | None
    participant_name: str | None
    granted_at: datetime


class IdentityUseCases(Parts):
    async def choose_person(self, choice: str) -> Identity:
        """On a local store, act as this participant from now on, or as 'coordinator'."""
        from assistant.access.local import LocalChoice, remember

        def choose() -> None:
            if self.identity.mode == "shared":
                raise InvalidInput(
                    "in a shared store you are the database login you connected as",
                    "set RMCOACH_DATABASE_URL to another login to be someone else",
                )
            if choice == "coordinator":
                wanted = LocalChoice(coordinator=True)
            else:
                self.store.participant(choice)  # refuses an unknown id, naming it
                wanted = LocalChoice(participant_id=choice)
            remember(self.settings.home, wanted)
            self.forget_identity()

        await self.off_loop(choose)
        return await self.signed_in()

    async def init_access(self) -> str:
        """Set up roles, grants and policies, once, as the database's owner; the login running
        it becomes the first admin, and is returned. Safe to run again."""
        from assistant.store import access

        return await self.off_loop(lambda: access.init(self._shared_engine(None)))

    async def grant_access(
        self,
        login: str,
        role: AccessRole,
        participant_id: str | None = None,
        password: SecretStr | None = None,
    ) -> None:
        """Let `login` use the programme as `role`; a password creates the login too."""
        from assistant.store import access

        if (role == "participant") != (participant_id is not None):
            raise InvalidInput(
                "a participant's access names one participant; a coordinator's or an admin's none"
            )
        await self.off_loop(
            lambda: access.grant(
                self._shared_engine("access grant"), login, role, participant_id, password
            )
        )

    async def revoke_access(self, login: str) -> bool:
        """Take `login`'s access away (the login itself stays); False when it had none."""
        from assistant.store import access

        return await self.off_loop(
            lambda: access.revoke(self._shared_engine("access revoke"), login)
        )

    async def granted_logins(self) -> list[Granted]:
        from assistant.store import access

        found = await self.off_loop(lambda: access.logins(self._shared_engine("access list")))
        return [Granted.model_validate(login, from_attributes=True) for login in found]

    async def check_access_command(self, command: str) -> None:
        """Refuse `command` unless the store is shared and the signed-in person may run it:
        before asking to confirm it, or for a password."""
        await self.off_loop(lambda: self._shared_engine(command))

    def _shared_engine(self, command: str | None) -> Engine:
        """The shared store's engine, once `command` is checked; `access init` (None) runs
        before anyone has access, by the database's owner, so only the database checks it.
        A local store is named first: whoever is chosen, it has no logins to manage."""
        if self.identity.mode == "local":
            raise LocalStore(
                "a local store has no logins: it is one person's notebook, protected by the "
                "file system",
                "choose who you are instead, or set RMCOACH_DATABASE_URL to a PostgreSQL "
                "database to share a programme",
            )
        if command:
            self.require(command)
        return self.store.engine
