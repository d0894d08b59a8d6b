"""The rmcoach App: screens, keys, theme and the services they share. Nothing else lives here."""

import asyncio
from collections.abc import Callable
from datetime import date
from functools import partial

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen

from assistant.config import Settings, load_settings
from assistant.models import Role
from assistant.preferences import Preferences, load_preferences, save_preferences
from assistant.tui.commands import PaletteCommand, RmcoachCommands
from assistant.tui.logs import log_to_file, stop_logging_to_file
from assistant.tui.navigation import (
    SCREENS_FOR_ROLE,
    TITLES,
    ScreenName,
    build_screen,
    refusal,
)
from assistant.tui.screens.start import StartScreen
from assistant.tui.services import Services
from assistant.tui.startup import open_services, prepare_guidance

THEMES = ("textual-dark", "textual-light")


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

    services: reactive[Services | None] = reactive(None, init=False)
    """Set once the store, the guidance and the coach are open; screens watch it."""

    def __init__(
        self,
        services: Services | None = None,
        *,
        settings: Settings | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__()
        self._given_services = services
        self.settings = services.settings if services else (settings or load_settings())
        self._today = today
        self.preferences: Preferences = load_preferences(self.settings.home)
        self.guidance_ready = asyncio.Event()
        """Set once the guidance is indexed: the coach's plans and answers are built from it."""
        self.theme = self.preferences.theme if self.preferences.theme in THEMES else THEMES[0]

    def on_mount(self) -> None:
        self._log_handler = log_to_file(self.settings.home)
        self.install_screen(StartScreen(), "start")
        self.push_screen("start")
        if self._given_services is not None:
            self._services_ready(self._given_services, seeded=0)
        else:
            # After the first paint: the worker's imports would otherwise hold the GIL and delay it.
            self.call_after_refresh(self._open_services)

    @work(thread=True, exclusive=True, group="startup", exit_on_error=False)
    def _open_services(self) -> None:
        try:
            services, seeded = open_services(self.settings, self._today)
        except Exception as error:
            self.call_from_thread(self._startup_failed, error)
            return
        self.call_from_thread(self._services_ready, services, seeded)

    def _startup_failed(self, error: Exception) -> None:
        self.notify(
            f"Could not open the programme under {self.settings.home}: {error}. "
            "Check RMCOACH_HOME and RMCOACH_DATABASE_URL, then restart.",
            severity="error",
            timeout=30,
        )

    def _services_ready(self, services: Services, seeded: int) -> None:
        self.services = services
        self.sub_title = services.coach.label
        if seeded:
            self.notify(
                f"Seeded a demo programme ({seeded} pairs) so there is something to explore. "
                "Your own: `rmcoach roster import` then `rmcoach pairs import`; "
                "`rmcoach demo --replace` reseeds.",
                timeout=12,
            )
        self._prepare_guidance(services)

    @work(thread=True, group="startup", exit_on_error=False)
    def _prepare_guidance(self, services: Services) -> None:
        self.call_from_thread(self._guidance_status, "indexing guidance…")
        try:
            indexed = prepare_guidance(services)
        except Exception as error:
            self.call_from_thread(self._guidance_failed, error)
            return
        self.call_from_thread(self._guidance_indexed, indexed)

    def _guidance_status(self, status: str) -> None:
        label = self.services.coach.label if self.services else ""
        self.sub_title = f"{label} · {status}" if status else label

    def _guidance_indexed(self, indexed: bool) -> None:
        self._guidance_status("")
        self.guidance_ready.set()
        if indexed:
            self.notify("Indexed the guidance documents; this happens once.")

    def _guidance_failed(self, error: Exception) -> None:
        self._guidance_status("")
        self.guidance_ready.set()
        self.notify(
            f"The guidance could not be indexed ({error}); the coach answers without it. "
            "Run `rmcoach knowledge ingest` to see what went wrong.",
            severity="warning",
            timeout=15,
        )

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

    def _remind_of_surveys(self, side: str, pair_id: str) -> None:
        """A reminder, never a gate: the surveys this side owes, and where to answer them."""
        from assistant.surveys.service import owed_surveys

        if self.services is None:
            return
        kinds = [
            o.kind
            for o in owed_surveys(self.services.store, self.services.today)
            if o.pair_id == pair_id and o.side == side
        ]
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
        if self.services is None or role is None:
            return False
        needs_pair = name != "review"
        return name in SCREENS_FOR_ROLE[role] and (
            self.preferences.pair_id is not None or not needs_pair
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go" and parameters:
            return self.allowed(str(parameters[0]))  # type: ignore[arg-type]
        return True

    def action_go(self, name: ScreenName) -> None:
        if not self.allowed(name):
            self.action_refuse(name)
            return
        if name == "start":
            self.switch_screen("start")
            return
        services = self.services
        assert services is not None
        pair_id = self.preferences.pair_id or ""
        key = f"{name}:{pair_id}:{self.preferences.role}"
        self.switch_screen(
            self._installed(key, lambda: build_screen(name, services, self.preferences))
        )

    def action_refuse(self, name: ScreenName) -> None:
        if self.services is None:
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
        for screen in self._every_screen():
            flush = getattr(screen, "flush_draft", None)
            if flush is not None:
                flush()
        self.exit()

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
