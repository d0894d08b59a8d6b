"""A mentor's rehearsal scores, kept for them alone so their progress outlives the app.

Only what shows progress is kept: when, the persona and topic, and the rubric's total and the
criteria missed. What the mentor wrote is not kept. One file per pair and side, under
`home/private/rehearsals`, readable by its owner only; nothing else in rmcoach reads it.
"""

from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from assistant.models import Side
from assistant.workspace.private_files import private_folder, write_private

KEPT = 200
"""The newest attempts kept; older ones are dropped as new ones come."""


class ScoredAttempt(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at: datetime
    persona: str
    topic: str
    total: int
    out_of: int
    missed: list[str]


_ATTEMPTS = TypeAdapter(list[ScoredAttempt])


class AttemptHistory:
    def __init__(self, home: Path, pair_id: str, side: Side) -> None:
        self._home = home
        self._name = f"{pair_id}.{side}.json"

    @property
    def path(self) -> Path:
        return self._home / "private" / "rehearsals" / self._name

    def load(self) -> list[ScoredAttempt]:
        """Every kept attempt, oldest first; none when the file is missing or damaged."""
        try:
            return _ATTEMPTS.validate_json(self.path.read_bytes())
        except (FileNotFoundError, ValidationError):
            return []

    def add(self, attempt: ScoredAttempt) -> list[ScoredAttempt]:
        attempts = [*self.load(), attempt][-KEPT:]
        private_folder(self._home, "rehearsals")
        write_private(self.path, _ATTEMPTS.dump_json(attempts, indent=1).decode())
        return attempts
