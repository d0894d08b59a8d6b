"""The person chosen for a local (SQLite) store, remembered in the data folder."""

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.files import write_private

_FILE = "identity.json"


class LocalChoice(BaseModel):
    """A participant id, or the coordinator of a programme run alone."""

    model_config = ConfigDict(extra="forbid")

    participant_id: str | None = None
    coordinator: bool = False


def read_choice(home: Path) -> LocalChoice | None:
    path = home / _FILE
    if not path.exists():
        return None
    try:
        return LocalChoice.model_validate_json(path.read_text(encoding="utf-8"))
    except (ValidationError, UnicodeDecodeError):
        return None  # a damaged file means nobody is chosen; `whoami --set` writes a good one


def remember(home: Path, choice: LocalChoice) -> Path:
    path = home / _FILE
    write_private(path, json.dumps(choice.model_dump(exclude_defaults=True)) + "\n")
    return path
