"""Which screens each role uses, and how each is built for the chosen pair."""

from typing import Literal

from textual.screen import Screen

from assistant.models import Role, Side
from assistant.workspace.preferences import Preferences

ScreenName = Literal["start", "prepare", "rehearse", "debrief", "survey", "review"]

TITLES: dict[ScreenName, str] = {
    "start": "Start",
    "prepare": "Prepare",
    "rehearse": "Rehearse",
    "debrief": "Debrief",
    "survey": "Survey",
    "review": "Review",
}

# The first screen of each role is where Continue on the start screen leads.
SCREENS_FOR_ROLE: dict[Role, tuple[ScreenName, ...]] = {
    "leader": ("prepare", "debrief", "survey"),
    "mentor": ("rehearse", "debrief", "survey"),
    "coordinator": ("review",),
}

ROLES_FOR_SCREEN: dict[ScreenName, tuple[Role, ...]] = {
    name: tuple(role for role, names in SCREENS_FOR_ROLE.items() if name in names)
    for name in TITLES
    if name != "start"
}


def refusal(name: ScreenName, role: Role | None) -> str:
    """Why a screen is closed to this role and how to get there; keys and palette say the same."""
    roles = ROLES_FOR_SCREEN[name]
    if role in roles:
        return f"{TITLES[name]} needs your pair; choose it on the start screen (F2)."
    who = " and ".join(f"{r}s" for r in roles)
    choose = " or ".join(r.capitalize() for r in roles)
    return f"{TITLES[name]} is for {who}; choose {choose} on the start screen (F2)."


def build_screen(name: ScreenName, preferences: Preferences) -> Screen[None]:
    # Imported here: each screen pulls in its widgets, and the start screen must paint first.
    pair_id = preferences.pair_id or ""
    if name == "prepare":
        from assistant.tui.screens.prepare import PrepareScreen

        return PrepareScreen(pair_id)
    if name == "rehearse":
        from assistant.tui.screens.rehearse import RehearseScreen

        return RehearseScreen(pair_id)
    if name == "debrief":
        from assistant.tui.screens.debrief import DebriefScreen

        return DebriefScreen(pair_id, _side(preferences))
    if name == "survey":
        from assistant.tui.screens.survey import SurveyScreen

        return SurveyScreen(pair_id, _side(preferences))
    from assistant.tui.screens.review import ReviewScreen

    return ReviewScreen()


def _side(preferences: Preferences) -> Side:
    return "mentor" if preferences.role == "mentor" else "leader"
