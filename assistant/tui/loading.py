"""A screen's data, read through the workspace: the widget it fills shows a loading state until
the use case answers, and a failure is said once, by `tui.errors`."""

from collections.abc import Awaitable
from typing import TypeVar

from textual.widget import Widget

from assistant.tui.errors import show_error

T = TypeVar("T")


async def loaded(widget: Widget, reading: Awaitable[T], doing: str, then: str = "") -> T | None:
    """`reading` awaited while `widget` shows it is loading; None when it failed (and was said:
    `doing` is what failed, in the person's words, `then` the way on)."""
    widget.loading = True
    try:
        return await reading
    except Exception as error:
        show_error(widget, error, doing, then)
        return None
    finally:
        widget.loading = False
