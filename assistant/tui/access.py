"""Typed access from a screen or widget to the app it runs in and to the workspace it holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode

if TYPE_CHECKING:
    from assistant.tui.app import RmcoachApp
    from assistant.workspace.workspace import Workspace


def rmcoach_app(node: DOMNode) -> RmcoachApp:
    from assistant.tui.app import RmcoachApp  # here: app.py imports the screens that import this

    app = node.app
    if not isinstance(app, RmcoachApp):
        raise TypeError(f"{type(node).__name__} runs only inside the rmcoach app")
    return app


def workspace_of(node: DOMNode) -> Workspace:
    """The use cases a screen calls: awaited in its workers, never while it is being built."""
    return rmcoach_app(node).workspace
