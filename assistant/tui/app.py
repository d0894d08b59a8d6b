"""The rmcoach App: screens, keys, theme and the workspace they share. Nothing else lives here."""

import asyncio
import logging
from collections.abc import Callable
from functools import cached_property, partial
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen

from assistant.config import load_settings
from assistant.models import Role, Side
from assistant.tui.commands import PaletteCommand, RmcoachCommands
from assistant.tui.day import DAY_CHECK_SECONDS, DayTurned
from assistant.tui.errors import show_error
from assistant.tui.logs import log_to_file, stop_logging_to_file
from assistant.tui.navigation import (
    SCREENS_FOR_ROLE,
    TITLES,
    ScreenName,
    build_screen,
    refusal,
)
from assistant.tui.screens.start import StartScreen
from assistant.workspace.clock import Clock
from assistant.workspace.preferences import Preferences, load_preferences, save_preferences

if TYPE_CHECKING:
    from assistant.workspace.workspace import Workspace

THEMES = ("textual-dark", "textual-light")
logger = logging.getLogger("rmcoach.tui")


class RmcoachApp(App[None]):
    CSS_PATH = "rmcoach.tcss"
    TITLE = "rmcoach"
    COMMANDS = App.COMMANDS | {RmcoachCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (96, "-wide")]
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("f2", "go('start')", "Who", show=False),
        Binding("f3", "go('prepare')", "Prepare"),
        Binding("f4", "go('rehearse')", "Rehearse"),
        Binding("f5", "go('debrief')", "Debrief"),
        Binding("f6", "go('review')", "Review"),
        Binding("f7", "go('survey')", "Survey"),
        # Tried when the binding above is disabled for this role: say why instead of nothing.
        Binding("f3", "refuse('prepare')", show=False),
        Binding("f4", "refuse('rehearse')", show=False),
        Binding("f5", "refuse('debrief')", show=False),
        Binding("f6", "refuse('review')", show=False),
        Binding("f7", "refuse('survey')", show=False),
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False),
    ]

    opened: reactive[bool] = reactive(False, init=False)
    """Set once the store and the coach are open; screens watch it before asking for data."""

    def __init__(self, workspace: "Workspace | None" = None, *, clock: Clock | None = None) -> None:
        super().__init__()
        if workspace is not None:
            self.workspace = workspace
        self._clock = clock or Clock()
        self.settings = workspace.settings if workspace is not None else load_settings()
        self._coach_label = ""
        self._quit_anyway = False
        self.preferences: Preferences = load_preferences(self.settings.home)
        self.guidance_ready = asyncio.Event()
        """Set once the guidance is indexed: the coach's plans and answers are built from it."""
        self.theme = self.preferences.theme if self.preferences.theme in THEMES else THEMES[0]

    @cached_property
    def workspace(self) -> "Workspace":
        """Every screen's use cases, through `tui.access.workspace_of`; its clock owns today.

        Built on first use, after the first frame: importing the use cases would delay it."""
        from assistant.workspace.workspace import Workspace

        return Workspace(self.settings, self._clock)

    def on_mount(self) -> None:
        self._log_handler = log_to_file(self.settings.home)
        self.install_screen(StartScreen(), "start")
        self.push_screen("start")
        # After the first paint: opening imports SQLAlchemy, Chroma and the model client.
        self.call_after_refresh(self._open_programme)

    @work(exclusive=True, group="startup", exit_on_error=False)
    async def _open_programme(self) -> None:
        self._day = self.workspace.today()
        self.set_interval(DAY_CHECK_SECONDS, self.check_the_day)
        try:
            opened = await self.workspace.open_programme()
        except Exception as error:
            show_error(
                self,
                error,
                f"Could not open the programme under {self.settings.home}",
                "Check RMCOACH_HOME and RMCOACH_DATABASE_URL, then restart.",
            )
            return
        self.opened = True
        self._coach_label = opened.coach_label
        self.sub_title = opened.coach_label
        if opened.seeded:
            self.notify(
                f"Seeded a demo programme ({opened.seeded} pairs) so there is something to "
                "explore. Your own: `rmcoach roster import` then `rmcoach pairs import`; "
                "`rmcoach demo --replace` reseeds.",
                timeout=12,
            )
        await self._prepare_guidance()

    async def _prepare_guidance(self) -> None:
        self._guidance_status("indexing guidance…")
        try:
            indexed = await self.workspace.prepare_guidance()
        except Exception as error:
            self._guidance_failed(error)
            return
        finally:
            self._guidance_status("")
            self.guidance_ready.set()
        if indexed:
            self.notify("Indexed the guidance documents; this happens once.")

    def _guidance_status(self, status: str) -> None:
        label = self._coach_label
        self.sub_title = f"{label} · {status}" if status else label

    def _guidance_failed(self, error: Exception) -> None:
        show_error(
            self,
            error,
            "The guidance could not be indexed",
            "The coach answers without it until the app is restarted.",
        )

    def check_the_day(self) -> None:
        """Tell every screen when the workspace's today has moved on (an app left open past
        midnight, or a clock moved in a test)."""
        today = self.workspace.today()
        if today == self._day:
            return
        self._day = today
        for screen in {id(screen): screen for screen in self._every_screen()}.values():
            screen.post_message(DayTurned(today))

    def on_unmount(self) -> None:
        stop_logging_to_file(self._log_handler)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        # Messages quote names, paths and errors, whose brackets must never be read as markup.
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def enter(self, role: Role, pair_id: str | None) -> None:
        """Remember who is using the app and open their first screen."""
        self.preferences = self.preferences.model_copy(update={"role": role, "pair_id": pair_id})
        save_preferences(self.settings.home, self.preferences)
        self.action_go(SCREENS_FOR_ROLE[role][0])
        if role in ("leader", "mentor") and pair_id is not None:
            self._remind_of_surveys(role, pair_id)

    @work(exclusive=True, group="reminders")
    async def _remind_of_surveys(self, side: Side, pair_id: str) -> None:
        """A reminder, never a gate: the surveys this side owes, and where to answer them. The
        Survey screen says why when they cannot be read; here a failure only goes to the log."""
        try:
            owed = await self.workspace.surveys_owed_by(pair_id, side)
        except Exception:
            logger.warning("could not read the surveys owed", exc_info=True)
            return
        kinds = [o.kind for o in owed]
        if kinds:
            self.notify(
                f"You owe the {' and '.join(kinds)} survey{'s' * (len(kinds) > 1)} for pair "
                f"{pair_id}; F7 when you have a few minutes.",
                timeout=8,
            )

    def allowed(self, name: ScreenName) -> bool:
        role = self.preferences.role
        if name == "start":
            return True
        if not self.opened or role is None:
            return False
        needs_pair = name != "review"
        return name in SCREENS_FOR_ROLE[role] and (
            self.preferences.pair_id is not None or not needs_pair
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go" and parameters:
            name = next((name for name in TITLES if name == parameters[0]), None)
            return name is not None and self.allowed(name)
        return True

    def action_go(self, name: ScreenName) -> None:
        if not self.allowed(name):
            self.action_refuse(name)
            return
        if name == "start":
            self.switch_screen("start")
            return
        pair_id = self.preferences.pair_id or ""
        key = f"{name}:{pair_id}:{self.preferences.role}"
        self.switch_screen(self._installed(key, lambda: build_screen(name, self.preferences)))

    def action_refuse(self, name: ScreenName) -> None:
        if not self.opened:
            self.notify("The programme is still opening; one moment.")
        else:
            self.notify(refusal(name, self.preferences.role))

    def _installed(self, key: str, build: Callable[[], Screen[None]]) -> str:
        if not self.is_screen_installed(key):
            self.install_screen(build(), key)
        return key

    def action_help(self) -> None:
        from assistant.tui.screens.help import HelpScreen  # Markdown loads only when asked for

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]
        self.preferences = self.preferences.model_copy(update={"theme": self.theme})
        save_preferences(self.settings.home, self.preferences)

    async def action_quit(self) -> None:
        kept = True
        for screen in self._every_screen():
            flush = getattr(screen, "flush_draft", None)
            if flush is not None:
                kept = await flush() and kept
        if kept or self._quit_anyway:
            self.exit()
            return
        self._quit_anyway = True
        self.notify("Ctrl+Q again quits without the draft.", severity="warning", timeout=30)

    def _every_screen(self) -> list[Screen[object]]:
        installed = [
            screen for screen in self._installed_screens.values() if isinstance(screen, Screen)
        ]
        return [*installed, *self.screen_stack]

    def palette_commands(self) -> list[PaletteCommand]:
        # Every screen is listed, so a person looking for one learns who it is for.
        screens = [
            PaletteCommand(
                f"Go to {TITLES[name]}",
                f"Open the {TITLES[name]} screen"
                if self.allowed(name)
                else refusal(name, self.preferences.role),
                partial(self.action_go, name),
            )
            for name in TITLES
            if name != "start"
        ]
        return [
            PaletteCommand(
                "Change who you are (start screen)",
                "Choose your role and pair again (F2)",
                lambda: self.action_go("start"),
            ),
            *screens,
            PaletteCommand(
                "Toggle light/dark",
                "Switch between the light and dark theme",
                self.action_toggle_theme,
            ),
        ]
