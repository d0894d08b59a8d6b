"""Debrief drafts through the workspace: one format for the app and `rmcoach log`, written whole
or not at all, private to their owner, stamped by the workspace's clock, damaged ones kept aside,
and the command's old `log-PAIR.json` moved to the format once."""

import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.files import write_atomically
from assistant.workspace.clock import Clock
from assistant.workspace.drafts import DebriefDraft, DraftCommitment, UnreadableDraft
from assistant.workspace.errors import WorkspaceError
from assistant.workspace.workspace import Workspace

DAY = date(2026, 6, 1)


@pytest.fixture
def workspace(isolated_home: Path) -> Workspace:
    return Workspace(load_settings(), Clock(DAY))


def drafts_folder(workspace: Workspace) -> Path:
    return workspace.settings.home / "drafts"


async def test_a_saved_draft_reopens_with_everything_typed_stamped_by_the_clock(
    workspace: Workspace,
) -> None:
    draft = DebriefDraft(
        pair_id="p1",
        side="mentor",
        safety=5,
        agenda_covered=["Ground rules"],
        objective_notes={"O1": "First try"},
        private_note="felt nervous",
        commitments=[DraftCommitment(owner="leader", text="Try the new CRM", due="2026-12-01")],
    )
    await workspace.save_draft(draft)
    reopened = await workspace.load_draft("p1", "mentor")
    assert reopened is not None
    assert reopened.model_dump(exclude={"saved_at"}) == draft.model_dump(exclude={"saved_at"})
    assert reopened.saved_at is not None and reopened.saved_at.date() == DAY


async def test_each_side_of_a_pair_has_its_own_draft(workspace: Workspace) -> None:
    await workspace.save_draft(DebriefDraft(pair_id="p1", side="leader", learned="leader text"))
    assert await workspace.load_draft("p1", "mentor") is None
    assert await workspace.has_draft("p1", "leader")
    assert not await workspace.has_draft("p1", "mentor")
    leader = await workspace.load_draft("p1", "leader")
    assert leader is not None and leader.learned == "leader text"


async def test_discarding_a_draft_forgets_it(workspace: Workspace) -> None:
    await workspace.save_draft(DebriefDraft(pair_id="p1", side="leader"))
    await workspace.discard_draft("p1", "leader")
    await workspace.discard_draft("p1", "leader")
    assert await workspace.load_draft("p1", "leader") is None


async def test_a_draft_is_private_to_its_owner_whatever_the_umask(workspace: Workspace) -> None:
    """Drafts hold private notes: the folder 0700 and each file 0600, even with umask 022."""
    drafts_folder(workspace).mkdir(parents=True, mode=0o755)  # as an older rmcoach left it
    before = os.umask(0o022)
    try:
        path = await workspace.save_draft(DebriefDraft(pair_id="p1", side="leader"))
    finally:
        os.umask(before)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


async def test_a_damaged_draft_is_moved_aside_not_lost(workspace: Workspace) -> None:
    folder = drafts_folder(workspace)
    folder.mkdir(parents=True)
    (folder / "p1.leader.json").write_text('{"pair_id": "p1", "side": "leader", "typo": 1}')
    with pytest.raises(UnreadableDraft) as raised:
        await workspace.load_draft("p1", "leader")
    assert isinstance(raised.value, WorkspaceError), "the front ends show it as any other"
    assert raised.value.kept_at.read_text().endswith('"typo": 1}')
    assert await workspace.load_draft("p1", "leader") is None


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "draft.json"
    write_atomically(target, "old")

    def broken_replace(source: str, destination: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomically(target, "new")
    assert target.read_text() == "old"
    assert [path.name for path in tmp_path.iterdir()] == ["draft.json"]


def write_old_draft(workspace: Workspace, pair_id: str, fields: object) -> Path:
    """A draft as `rmcoach log` kept a failed run's answers before the one format."""
    old = drafts_folder(workspace) / f"log-{pair_id}.json"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text(json.dumps(fields))
    return old


async def test_the_commands_old_draft_is_read_once_into_one_draft_per_side(
    workspace: Workspace,
) -> None:
    old = write_old_draft(
        workspace,
        "P-01",
        {
            "held_on": "2025-03-24",
            "status": "held",
            "duration_minutes": 50,
            "topics": ["feedback"],
            "agenda_covered": ["Ground rules"],
            "leader_learned": "Prompting is briefing",
            "leader_ratings": {"safety": 5, "usefulness": 4},
            "mentor_ratings": {"safety": 3, "usefulness": 5},
            "commitments": [
                {
                    "id": 7,
                    "owner": "mentor",
                    "text": "Bring prompts",
                    "due": None,
                    "status": "done",
                },
                {"owner": "leader", "text": "Try the assistant", "due": "2025-04-07"},
            ],
            "objective_progress": [{"objective_id": "O1", "progress": 25, "note": "First try"}],
            "shared_summary": "A good start",
            "leader_private_note": "LEADER-PRIVATE words",
            "mentor_private_note": "",
        },
    )
    leader = await workspace.load_draft("P-01", "leader")
    assert not old.exists(), "read once, then gone"
    assert leader is not None and leader.complete and leader.saved_at is not None
    assert (leader.held_on, leader.duration_minutes, leader.topics) == (
        "2025-03-24",
        "50",
        ["feedback"],
    )
    assert (leader.safety, leader.usefulness, leader.learned) == (5, 4, "Prompting is briefing")
    assert leader.private_note == "LEADER-PRIVATE words"
    assert [(c.id, c.text, c.due, c.status) for c in leader.commitments] == [
        (7, "Bring prompts", "", "done"),
        (None, "Try the assistant", "2025-04-07", "open"),
    ]
    assert (leader.objective_progress, leader.objective_notes) == ({"O1": 25}, {"O1": "First try"})
    mentor = await workspace.load_draft("P-01", "mentor")
    assert mentor is not None and (mentor.safety, mentor.private_note) == (3, "")
    assert mentor.shared_summary == "A good start"


async def test_an_old_draft_with_no_sides_answers_goes_to_the_side_asking(
    workspace: Workspace,
) -> None:
    write_old_draft(
        workspace,
        "P-01",
        {"held_on": "2025-03-24", "status": "cancelled", "shared_summary": "Away"},
    )
    mentor = await workspace.load_draft("P-01", "mentor")
    assert mentor is not None and (mentor.status, mentor.shared_summary) == ("cancelled", "Away")
    assert await workspace.load_draft("P-01", "leader") is None


async def test_a_newer_draft_is_kept_over_an_old_one(workspace: Workspace) -> None:
    await workspace.save_draft(DebriefDraft(pair_id="P-01", side="leader", learned="newer"))
    write_old_draft(workspace, "P-01", {"held_on": "2025-03-24", "leader_learned": "older"})
    leader = await workspace.load_draft("P-01", "leader")
    assert leader is not None and leader.learned == "newer"


async def test_an_old_draft_that_cannot_be_read_is_moved_aside(workspace: Workspace) -> None:
    write_old_draft(workspace, "P-01", ["not", "a", "summary"])
    assert await workspace.load_draft("P-01", "leader") is None
    [kept] = drafts_folder(workspace).glob("log-P-01.unreadable-*.json")
    assert json.loads(kept.read_text()) == ["not", "a", "summary"]
