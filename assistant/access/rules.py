"""Which role may run which command, and the one-line refusal for everyone else.

The table mirrors the database's grants: a refusal here only says early, and readably, what
PostgreSQL would refuse anyway in a shared store.
"""

from assistant.access.identity import Identity, Role

PARTICIPANTS: frozenset[Role] = frozenset({"leader", "mentor"})
COORDINATORS: frozenset[Role] = frozenset({"coordinator"})
ADMINS: frozenset[Role] = frozenset({"admin"})

#: command -> the roles that may run it; a command not listed is open to every signed-in person.
COMMANDS: dict[str, frozenset[Role]] = {
    "roster import": COORDINATORS,
    "pairs import": COORDINATORS,
    "match": COORDINATORS,
    "objectives set": COORDINATORS,
    "report": COORDINATORS,
    "nudges": COORDINATORS,
    "survey due": COORDINATORS,
    "survey import": COORDINATORS,
    "survey take": PARTICIPANTS,
    "log": PARTICIPANTS,
    "notes": PARTICIPANTS,
    "access grant": ADMINS,
    "access revoke": ADMINS,
    "access list": ADMINS,
}

_PLURAL = {
    "leader": "leaders",
    "mentor": "mentors",
    "coordinator": "coordinators",
    "admin": "admins",
}


class NotPermitted(Exception):
    """A command outside the signed-in person's role."""


def require(identity: Identity, command: str | None) -> None:
    """Refuse `command` unless the identity's role may run it; a refusal names both.

    `None` stands for any command not in the table: open to everyone with access.
    """
    allowed = COMMANDS.get(command or "")
    if identity.unrestricted:
        return
    if identity.mode == "shared" and identity.role is None:
        named = f"`rmcoach {command}`: y" if command else "Y"
        raise NotPermitted(
            f"{named}ou are signed in as {identity.describe()}; "
            f"ask an admin to run `rmcoach access grant {identity.login} ...`"
        )
    if allowed is None or identity.role in allowed:
        return
    who = " and ".join(_PLURAL[role] for role in sorted(allowed))
    raise NotPermitted(
        f"`rmcoach {command}` is for {who}; you are signed in as {identity.describe()}"
    )
