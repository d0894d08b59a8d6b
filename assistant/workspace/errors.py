"""The errors the workspace raises: a message for people, and a hint at what to do.

The hint speaks of the task, never of a front end: the commands add their own (`rmcoach ...`)
and their exit code in `assistant/cli/errors.py`, the app its keys and screens in one
notification (`assistant/tui/errors.py`). `translated()` turns what the layers below raise
(store, guidance, prompts, a broken install) into this family, so no front end meets them.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager

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


class Conflict(WorkspaceError):
    """The change contradicts what is recorded; nothing was changed."""


class Unavailable(WorkspaceError):
    """The programme database, the guidance or the install cannot be used right now."""


class NotPermitted(WorkspaceError):
    """Outside the signed-in person's role: refused by rmcoach's rules or by the database."""


def plain_reason(detail: ErrorDetails) -> str:
    """pydantic's complaint about one field, in the plain words the store's errors use."""
    from assistant.store.errors import plain_reason as reason

    return reason(detail)


@contextmanager
def translated() -> Iterator[None]:
    """Raise what the layers below raise as a `WorkspaceError`, keeping the cause."""
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

    try:
        yield
    except WorkspaceError:
        raise
    except RefusedByRole as error:
        raise NotPermitted(str(error)) from error
    except StoreNotFound as error:
        # The store's own advice names a command; each front end gives its own instead.
        message, _, advice = str(error).partition(";")
        named = _NAMED.search(message)
        kind, key = named.groups() if named else ("", "")
        raise NotFound(message, "" if kind else advice.strip(), kind=kind, key=key) from error
    except SessionConflict as error:
        raise Conflict(str(error)) from error
    except (PersonaError, CatalogueError) as error:
        raise InvalidInput(str(error)) from error
    except StoreError as error:
        raise WorkspaceError(str(error)) from error
    except GuidanceMissing as error:
        raise Unavailable(
            str(error), "restore the bundled guidance document, then rebuild the guidance store"
        ) from error
    except PromptError as error:
        raise Unavailable(str(error), "rebuild the guidance store") from error
    except (EmbeddingModelError, TokenizerDataError) as error:
        raise Unavailable(str(error), "reinstall rmcoach") from error
    except OSError as error:
        raise Unavailable(str(error)) from error
    except OperationalError as error:
        # Cannot connect: a wrong host, a login the server does not know, a bad password.
        reason = str(error.orig).strip().splitlines()[-1] if error.orig else str(error)
        raise Unavailable(
            f"cannot reach the programme database: {reason}", "check RMCOACH_DATABASE_URL"
        ) from error
    except DBAPIError as error:
        if not refused_by_database(error):
            raise Unavailable(
                f"cannot read the programme database: {error.orig or error}",
                "check RMCOACH_DATABASE_URL",
            ) from error
        reason = getattr(getattr(error.orig, "diag", None), "message_primary", None) or error.orig
        raise NotPermitted(f"the database refused: {reason}") from error
    except SQLAlchemyError as error:
        raise Unavailable(
            f"cannot read the programme database: {getattr(error, 'orig', None) or error}",
            "check RMCOACH_DATABASE_URL",
        ) from error
