"""Which screens each role uses, and how each is built for the chosen pair."""

from typing import Literal

from textual.screen import Screen

from assistant.models import Role
from assistant.preferences import Preferences
from assistant.tui.services import Services

ScreenName = Literal["start", "prepare", "rehearse", "debrief", "review"]

TITLES: dict[ScreenName, str] = {
    "start": "Start",
    "prepare": "Prepare",
    "rehearse": "Rehearse",
    "debrief": "Debrief",
    "review": "Review",
}

# The first screen of each role is where Continue on the start screen leads.
SCREENS_FOR_ROLE: dict[Role, tuple[ScreenName, ...]] = {
    "leader": ("prepare", "debrief"),
    "mentor": ("rehearse", "debrief"),
    "coordinator": ("review",),
}


def build_screen(name: ScreenName, services: Services, preferences: Preferences) -> Screen[object]:
    # Imported here: each screen pulls in its widgets, and the start screen must paint first.
    pair_id = preferences.pair_id or ""
    if name == "prepare":
        from assistant.tui.screens.prepare import PrepareScreen

        return PrepareScreen(services, pair_id)
    if name == "rehearse":
        from assistant.tui.screens.rehearse import RehearseScreen

        return RehearseScreen(services, pair_id)
    if name == "debrief":
        from assistant.tui.screens.debrief import DebriefScreen

        side = "mentor" if preferences.role == "mentor" else "leader"
        return DebriefScreen(services, pair_id, side)
    from assistant.tui.screens.review import ReviewScreen

    return ReviewScreen(services)
