"""The one place the commands show a workspace error: the message, a hint, and the exit code.

The workspace's hints name no front end; here a pair or person that is not there points to the
command that lists them. A request that cannot be honoured exits 2, like a usage error; anything
else 1; never with a traceback.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import click

from assistant.workspace.errors import InvalidInput, NotFound, WorkspaceError

EXIT_CODES: dict[type[WorkspaceError], int] = {InvalidInput: 2}
_COMMAND_HINTS: dict[str, str] = {
    "pair": "`rmcoach pairs list` shows them",
    "participant": "`rmcoach participants list` shows all",
    "roster": "import them with `rmcoach roster import FILE.csv`",
}


class CommandFailed(click.ClickException):
    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def render(error: WorkspaceError) -> str:
    hint = _COMMAND_HINTS.get(error.kind, "") if isinstance(error, NotFound) else ""
    hint = hint or error.hint
    return f"{error.message}; {hint}" if hint else error.message


@contextmanager
def shown() -> Iterator[None]:
    """Turn a `WorkspaceError` raised inside into the command's message and exit code."""
    try:
        yield
    except WorkspaceError as error:
        code = next((c for kind, c in EXIT_CODES.items() if isinstance(error, kind)), 1)
        raise CommandFailed(render(error), code) from error
