"""Drive the app like a person: press keys, wait for what should appear (never a bare sleep)."""

import time
from collections.abc import Callable

from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.widget import Widget

from assistant.tui.app import RmcoachApp


class Driver:
    def __init__(self, app: RmcoachApp) -> None:
        self.app = app
        self.pilot: Pilot[None]
        self.notices: list[str] = []
        """Every notification shown so far, in order, including ones already timed out."""

    def record(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.notices.append(message.notification.message)

    async def wait(self, condition: Callable[[], object], what: str, timeout: float = 20.0) -> None:
        """Let the app run until `condition()` holds; fail naming `what` after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout}s waiting for: {what}")
            await self.pilot.pause(0.02)

    async def wait_for_notice(self, fragment: str, timeout: float = 20.0) -> str:
        what = f"a notice with {fragment!r} (seen: {self.notices})"
        await self.wait(lambda: any(fragment in n for n in self.notices), what, timeout)
        return next(n for n in self.notices if fragment in n)

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await self.pilot.pause()

    async def type_text(self, text: str) -> None:
        await self.pilot.press(*text)

    def one(self, selector: str, kind: type[Widget] = Widget) -> Widget:
        return self.app.screen.query_one(selector, kind)

    async def enter_as(self, role: str, pair_id: str | None = None) -> None:
        """Choose the role and pair on the start screen, as a person would."""
        from assistant.tui.screens.start import StartScreen

        await self.wait(lambda: isinstance(self.app.screen, StartScreen), "the start screen")
        screen = self.app.screen
        await self.wait(lambda: screen.query_one("#pairs").option_count > 0, "the pair list")
        screen.query_one(f"#role-{role}").value = True
        if pair_id is not None:
            pairs = screen.query_one("#pairs")
            pairs.highlighted = [o.id for o in pairs.options].index(pair_id)
        screen.query_one("#continue").press()
        await self.wait(
            lambda: not isinstance(self.app.screen, StartScreen) and self.app.screen.is_mounted,
            "the role's first screen, built",
        )
