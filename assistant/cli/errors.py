"""The one place the commands show a workspace error: the message, a hint, and the exit code.

The workspace's hints name no front end; here a pair or person that is not there points to the
command that lists them. A request that cannot be honoured exits 2, like a usage error; one
outside the signed-in person's role 4; anything else 1; never with a traceback.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import click

from assistant.workspace.errors import (
    GuidanceIncomplete,
    InvalidInput,
    NotFound,
    NotPermitted,
    WorkspaceError,
)
from assistant.workspace.identity import LocalStore, NobodyChosen

_COMMAND_HINTS: dict[str, str] = {
    "pair": "`rmcoach pairs list` shows them",
    "participant": "`rmcoach participants list` shows all",
    "roster": "import them with `rmcoach roster import FILE.csv`",
}


class CommandFailed(click.ClickException):
    exit_code = 1


class RequestRefused(CommandFailed):
    """A request that cannot be honoured, exiting 2 like a usage error."""

    exit_code = 2


NOT_PERMITTED = 4
"""The exit code of a command refused because of who is signed in."""


class Refused(CommandFailed):
    """Outside the signed-in person's role (rmcoach's rules or the database's grants)."""

    exit_code = NOT_PERMITTED


EXIT_AS: dict[type[WorkspaceError], type[CommandFailed]] = {
    InvalidInput: RequestRefused,
    NotPermitted: Refused,
}


def render(error: WorkspaceError) -> str:
    hint = _COMMAND_HINTS.get(error.kind, "") if isinstance(error, NotFound) else ""
    if isinstance(error, NobodyChosen):
        hint = "choose who you are first: `rmcoach whoami --set ID`"
    if isinstance(error, GuidanceIncomplete):
        hint = "restore the bundled guidance document, then run `rmcoach knowledge ingest`"
    if isinstance(error, LocalStore):
        hint = (
            "`rmcoach whoami --set ID` chooses who you are; set RMCOACH_DATABASE_URL to a "
            "PostgreSQL database to share a programme"
        )
    hint = hint or error.hint
    return f"{error.message}; {hint}" if hint else error.message


@contextmanager
def shown() -> Iterator[None]:
    """Turn a `WorkspaceError` raised inside into the command's message and exit code."""
    try:
        yield
    except WorkspaceError as error:
        failed = next((c for kind, c in EXIT_AS.items() if isinstance(error, kind)), CommandFailed)
        raise failed(render(error)) from error
