"""Debrief drafts: written whole or not at all, reopened as saved, damaged ones kept aside."""

import os
from pathlib import Path

import pytest

from assistant.drafts import (
    DebriefDraft,
    DraftCommitment,
    Drafts,
    UnreadableDraft,
    write_atomically,
)


def test_a_saved_draft_reopens_with_everything_typed(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path)
    draft = DebriefDraft(
        pair_id="p1",
        side="mentor",
        safety=5,
        private_note="felt nervous",
        commitments=[DraftCommitment(owner="leader", text="Try the new CRM", due="2026-12-01")],
    )
    drafts.save(draft)
    reopened = Drafts(tmp_path).load("p1", "mentor")
    assert reopened is not None
    assert reopened.model_dump(exclude={"saved_at"}) == draft.model_dump(exclude={"saved_at"})
    assert reopened.saved_at is not None


def test_each_side_of_a_pair_has_its_own_draft(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path)
    drafts.save(DebriefDraft(pair_id="p1", side="leader", learned="leader text"))
    assert drafts.load("p1", "mentor") is None
    assert drafts.load("p1", "leader").learned == "leader text"


def test_deleting_a_draft_forgets_it(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path)
    drafts.save(DebriefDraft(pair_id="p1", side="leader"))
    drafts.delete("p1", "leader")
    drafts.delete("p1", "leader")
    assert drafts.load("p1", "leader") is None


def test_a_damaged_draft_is_moved_aside_not_lost(tmp_path: Path) -> None:
    drafts = Drafts(tmp_path)
    drafts.path("p1", "leader").parent.mkdir(parents=True)
    drafts.path("p1", "leader").write_text('{"pair_id": "p1", "side": "leader", "typo": 1}')
    with pytest.raises(UnreadableDraft) as raised:
        drafts.load("p1", "leader")
    assert raised.value.kept_at.read_text().endswith('"typo": 1}')
    assert drafts.load("p1", "leader") is None


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
