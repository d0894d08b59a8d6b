"""The one place the app shows an error: a notification saying what failed, why, what to do.

The workspace's errors carry a message and a hint at the task; here a pair or person that is not
there points to the start screen, and the caller adds what to press next. Anything else is a bug:
its traceback goes to the log file, and the notification says where that is, never the traceback.
"""

import logging

from textual.dom import DOMNode

from assistant.tui.access import rmcoach_app
from assistant.workspace.errors import NotFound, WorkspaceError

_APP_HINTS: dict[str, str] = {
    "pair": "choose your pair again on the start screen (F2)",
    "participant": "choose who you are again on the start screen (F2)",
}

logger = logging.getLogger("rmcoach.tui")


def show_error(node: DOMNode, error: Exception, doing: str, then: str = "") -> None:
    """Notify that `doing` failed ("Could not draft a plan") and why; `then` names the way on."""
    rmcoach_app(node).notify(described(node, error, doing, then), severity="error", timeout=15)


def described(node: DOMNode, error: Exception, doing: str, then: str = "") -> str:
    if isinstance(error, WorkspaceError):
        why = _sentence(error.message)
        hint = _APP_HINTS.get(error.kind, "") if isinstance(error, NotFound) else ""
        hint = hint or error.hint
    else:
        logger.error("%s", doing, exc_info=error)
        log = rmcoach_app(node).workspace.settings.home / "logs" / "app.log"
        why, hint = f"Something unexpected went wrong ({type(error).__name__})", f"see {log}"
    said = f"{doing}: {why}."
    if hint:
        said += f" {_sentence(hint[0].upper() + hint[1:])}."
    return f"{said} {then}".strip()


def _sentence(text: str) -> str:
    return text.strip().rstrip(".")
