"""The errors the workspace raises: a message for people, and a hint at what to do.

The hint speaks of the task, never of a front end: the commands add their own (`rmcoach ...`)
and their exit code in `assistant/cli/errors.py`, the app its keys and screens in one
notification (`assistant/tui/errors.py`). `translated()` turns what the layers below raise
(store, guidance, prompts, a broken install) into this family, so no front end meets them.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pydantic_core import ErrorDetails

_NAMED = re.compile(r"there is no (pair|participant) '([^']*)'")


class WorkspaceError(Exception):
    """Something the person can act on; `message` says what and where, `hint` what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message if not hint else f"{message}; {hint}")
        self.message = message
        self.hint = hint


class NotFound(WorkspaceError):
    """A pair, participant, objective or template that is not there."""

    def __init__(self, message: str, hint: str = "", *, kind: str = "", key: str = "") -> None:
        super().__init__(message, hint)
        self.kind = kind
        self.key = key


class InvalidInput(WorkspaceError):
    """Input that breaks a rule; nothing was changed."""


@dataclass(frozen=True)
class FieldConflict:
    path: str
    """The recorded field, as the store names it ('mentor_ratings.safety', 'commitments[2]')."""
    reason: str


class Conflict(WorkspaceError):
    """The change contradicts what is recorded; nothing was changed."""

    def __init__(
        self, message: str, hint: str = "", *, fields: tuple[FieldConflict, ...] = ()
    ) -> None:
        super().__init__(message, hint)
        self.fields = fields
        """Each field that differs from what is recorded, so a form can say it beside the field."""


class Unavailable(WorkspaceError):
    """The programme database, the guidance or the install cannot be used right now."""


class GuidanceIncomplete(Unavailable):
    """A section the offline guide or a nudge is built on is gone from the guidance."""


class NotPermitted(WorkspaceError):
    """Outside the signed-in person's role: refused by rmcoach's rules or by the database."""


def plain_reason(detail: ErrorDetails) -> str:
    """pydantic's complaint about one field, in the plain words the store's errors use."""
    from assistant.store.errors import plain_reason as reason

    return reason(detail)


@contextmanager
def translated() -> Iterator[None]:
    """Raise what the layers below raise as a `WorkspaceError`, keeping the cause."""
    try:
        yield
    except WorkspaceError:
        raise
    except Exception as error:
        translation = _translation(error)
        if translation is None:
            raise
        raise translation from error


def _translation(error: Exception) -> WorkspaceError | None:
    """`error` as a `WorkspaceError`, or None when it is none of the kinds below.

    The kinds are imported only once something went wrong: importing them (SQLAlchemy, the
    store, the agent) costs a quarter of a second, which a search or a check that succeeds
    should not pay.
    """
    from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

    from assistant.access.rules import NotPermitted as RefusedByRole
    from assistant.agent.personas import PersonaError
    from assistant.agent.templates import PromptError
    from assistant.embeddings import EmbeddingModelError
    from assistant.knowledge.passages import GuidanceMissing
    from assistant.objectives.catalogue import CatalogueError
    from assistant.store import NotFound as StoreNotFound
    from assistant.store import SessionConflict, StoreError
    from assistant.store.errors import refused_by_database
    from assistant.tokenizer import TokenizerDataError

    match error:
        case RefusedByRole():
            return NotPermitted(str(error))
        case StoreNotFound():
            # The store's own advice names a command; each front end gives its own instead.
            message, _, advice = str(error).partition(";")
            named = _NAMED.search(message)
            kind, key = named.groups() if named else ("", "")
            return NotFound(message, "" if kind else advice.strip(), kind=kind, key=key)
        case SessionConflict():
            fields = tuple(FieldConflict(c.path, c.reason) for c in error.conflicts)
            return Conflict(str(error), fields=fields)
        case PersonaError() | CatalogueError():
            return InvalidInput(str(error))
        case StoreError():
            return WorkspaceError(str(error))
        case GuidanceMissing():
            return GuidanceIncomplete(
                str(error), "restore the bundled guidance document, then rebuild the guidance store"
            )
        case PromptError():
            return Unavailable(str(error), "rebuild the guidance store")
        case EmbeddingModelError() | TokenizerDataError():
            return Unavailable(str(error), "reinstall rmcoach")
        case OSError():
            return Unavailable(str(error))
        case OperationalError():
            # Cannot connect: a wrong host, a login the server does not know, a bad password.
            reason = str(error.orig).strip().splitlines()[-1] if error.orig else str(error)
            return Unavailable(
                f"cannot reach the programme database: {reason}", "check RMCOACH_DATABASE_URL"
            )
        case DBAPIError() if refused_by_database(error):
            diag = getattr(error.orig, "diag", None)
            return NotPermitted(
                f"the database refused: {getattr(diag, 'message_primary', None) or error.orig}"
            )
        case DBAPIError():
            return Unavailable(
                f"cannot read the programme database: {error.orig or error}",
                "check RMCOACH_DATABASE_URL",
            )
        case SQLAlchemyError():
            return Unavailable(
                f"cannot read the programme database: {getattr(error, 'orig', None) or error}",
                "check RMCOACH_DATABASE_URL",
            )
    return None
