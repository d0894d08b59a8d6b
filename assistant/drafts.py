"""Debrief drafts kept on disk so quitting, or a crash, loses nothing.

One JSON file per pair and side under `home/drafts`, written atomically (a temp file, then
`os.replace`) so a crash mid-write leaves the previous draft whole. A draft is deleted once its
summary is saved to the store. A draft that cannot be read is moved aside, never overwritten.
"""

import os
import tempfile
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.models import CommitmentStatus, Side


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` in one step: readers see the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


class DraftCommitment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    """Set for a commitment already in the store; the debrief may change its status."""
    owner: Side = "leader"
    text: str = ""
    due: str = ""
    status: CommitmentStatus = "open"


class DebriefDraft(BaseModel):
    """The debrief form as typed so far: loose, as a half-filled form is not valid yet."""

    model_config = ConfigDict(extra="forbid")

    pair_id: str
    side: Side
    held_on: str = ""
    duration_minutes: str = "45"
    debrief_text: str = ""
    topics: list[str] = []
    safety: int | None = None
    usefulness: int | None = None
    learned: str = ""
    objective_progress: dict[str, int] = {}
    commitments: list[DraftCommitment] = []
    shared_summary: str = ""
    private_note: str = ""
    saved_at: datetime | None = None


class UnreadableDraft(Exception):
    """A draft file was damaged; it has been moved aside to `kept_at`."""

    def __init__(self, kept_at: Path, reason: str) -> None:
        super().__init__(f"The draft could not be read ({reason}); it was kept at {kept_at}.")
        self.kept_at = kept_at


class Drafts:
    """Debrief drafts under `home/drafts`, one file per pair and side."""

    def __init__(self, home: Path) -> None:
        self.folder = home / "drafts"

    def path(self, pair_id: str, side: Side) -> Path:
        return self.folder / f"{pair_id}.{side}.json"

    def save(self, draft: DebriefDraft) -> Path:
        stamped = draft.model_copy(update={"saved_at": datetime.now().astimezone()})
        path = self.path(draft.pair_id, draft.side)
        write_atomically(path, stamped.model_dump_json(indent=2))
        return path

    def load(self, pair_id: str, side: Side) -> DebriefDraft | None:
        """The saved draft, or None; raises `UnreadableDraft` after moving a damaged file aside."""
        path = self.path(pair_id, side)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            return DebriefDraft.model_validate_json(text)
        except ValidationError as error:
            kept_at = path.with_suffix(f".unreadable-{datetime.now():%Y%m%d-%H%M%S}.json")
            os.replace(path, kept_at)
            raise UnreadableDraft(kept_at, f"{error.error_count()} problem(s)") from error

    def delete(self, pair_id: str, side: Side) -> None:
        self.path(pair_id, side).unlink(missing_ok=True)
