"""Debrief drafts: one format for the app's Debrief screen and `rmcoach log`, kept on disk so
quitting, Ctrl+C or a crash loses nothing, and a debrief started in one can be finished in the
other.

One JSON file per pair and side, `drafts/PAIR.SIDE.json` under the data folder, written
atomically and readable by its owner alone (drafts hold private notes). A draft is stamped by
the workspace's clock, deleted once its debrief is in the store, and moved aside, never
overwritten, when it cannot be read. `rmcoach log` once wrote `drafts/log-PAIR.json`; such a
file is read once and moved to this format (`assistant/workspace/old_drafts.py`).
"""

import os
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.files import write_atomically
from assistant.models import CommitmentStatus, SessionStatus, Side
from assistant.workspace.errors import WorkspaceError


class DraftCommitment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int | None = None
    """Set for a commitment already in the store; the debrief may change its status."""
    owner: Side = "leader"
    text: str = ""
    due: str = ""
    status: CommitmentStatus = "open"


class DebriefDraft(BaseModel):
    """One side's debrief as typed so far: loose, as a half-filled form is not valid yet."""

    model_config = ConfigDict(extra="forbid")

    pair_id: str
    side: Side
    held_on: str = ""
    status: SessionStatus = "held"
    duration_minutes: str = "45"
    debrief_text: str = ""
    """The free text the app's coach fills the form from; never recorded as such."""
    topics: list[str] = []
    agenda_covered: list[str] = []
    safety: int | None = None
    usefulness: int | None = None
    learned: str = ""
    objective_progress: dict[str, int] = {}
    objective_notes: dict[str, str] = {}
    """What moved an objective, by its id, for the progress given beside it."""
    commitments: list[DraftCommitment] = []
    shared_summary: str = ""
    private_note: str = ""
    complete: bool = False
    """Every question was answered and recording was asked for, but it failed: `rmcoach log`
    offers to record it straight away. Anything the app saves is checked when saved instead."""
    saved_at: datetime | None = None


class UnreadableDraft(WorkspaceError):
    """A draft file was damaged; it has been moved aside to `kept_at`."""

    def __init__(self, kept_at: Path, reason: str) -> None:
        super().__init__(f"the draft could not be read ({reason}); it was kept at {kept_at}")
        self.kept_at = kept_at


class DraftFolder:
    """The files under `home/drafts`, one per pair and side."""

    def __init__(self, home: Path) -> None:
        self.folder = home / "drafts"

    def path(self, pair_id: str, side: Side) -> Path:
        return self.folder / f"{pair_id}.{side}.json"

    def save(self, draft: DebriefDraft) -> Path:
        path = self.path(draft.pair_id, draft.side)
        write_atomically(path, draft.model_dump_json(indent=2))
        self.folder.chmod(0o700)  # one an older rmcoach made with the usual umask, 0755
        return path

    def load(self, pair_id: str, side: Side) -> DebriefDraft | None:
        """The saved draft, or None; raises `UnreadableDraft` after moving a damaged file aside."""
        path = self.path(pair_id, side)
        try:
            return DebriefDraft.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            return None
        except ValidationError as error:
            raise UnreadableDraft(set_aside(path), f"{error.error_count()} problem(s)") from error

    def delete(self, pair_id: str, side: Side) -> None:
        self.path(pair_id, side).unlink(missing_ok=True)


def set_aside(path: Path) -> Path:
    """Move a file that cannot be read out of the way, keeping every byte for its owner."""
    kept_at = path.with_name(f"{path.stem}.unreadable-{datetime.now():%Y%m%d-%H%M%S}.json")
    os.replace(path, kept_at)
    return kept_at
