"""The choices the app remembers between runs: who you are, which pair, which theme.

A small JSON file under the home folder (not the database: it is per person, not per programme),
kept by the workspace: the app reads and writes it, and `rmcoach survey take` asks it who you are.
An unreadable file is treated as no preferences: they are a convenience, never data to lose.
"""

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.files import write_atomically
from assistant.models import Role


class Preferences(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role | None = None
    pair_id: str | None = None
    theme: str | None = None


def preferences_path(home: Path) -> Path:
    return home / "preferences.json"


def load_preferences(home: Path) -> Preferences:
    try:
        return Preferences.model_validate_json(preferences_path(home).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValidationError):
        return Preferences()


def save_preferences(home: Path, preferences: Preferences) -> None:
    write_atomically(preferences_path(home), preferences.model_dump_json(indent=2))
