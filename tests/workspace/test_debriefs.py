"""Debriefs through the workspace on a local store: opened with the drafts kept, recorded from
drafts (discarded once in the store, kept when recording fails), recorded as the chosen side,
and a person's own private notes."""

from pathlib import Path

import pytest

from assistant.access.local import LocalChoice, remember
from assistant.workspace.drafts import DebriefDraft
from assistant.workspace.errors import Conflict, InvalidInput, NotFound, NotPermitted
from assistant.workspace.identity import NobodyChosen
from assistant.workspace.summary_json import InvalidSummary

from .conftest import PAIR

DAY = "2026-11-19"


async def test_nobody_chosen_opens_both_sides_with_the_drafts_each_kept(workspace) -> None:
    opened = await workspace.open_debrief(PAIR)
    assert opened.sides == ("leader", "mentor") and opened.drafts == []
    assert opened.days_recorded and opened.context.pair.id == PAIR
    await workspace.save_draft(DebriefDraft(pair_id=PAIR, side="mentor", learned="kept"))
    opened = await workspace.open_debrief(PAIR)
    assert [(d.side, d.learned) for d in opened.drafts] == [("mentor", "kept")]


async def test_a_damaged_draft_is_named_and_the_debrief_still_opens(workspace, home: Path) -> None:
    (home / "drafts").mkdir(exist_ok=True)
    (home / "drafts" / f"{PAIR}.leader.json").write_text("{not json")
    opened = await workspace.open_debrief(PAIR)
    [unreadable] = opened.set_aside
    assert unreadable.kept_at.exists() and opened.drafts == []


async def test_both_sides_drafts_become_one_session_and_are_then_discarded(workspace) -> None:
    shared = {"pair_id": PAIR, "held_on": DAY, "shared_summary": "Agreed"}
    leader = DebriefDraft(side="leader", safety=6, usefulness=4, private_note="L note", **shared)
    mentor = DebriefDraft(side="mentor", learned="Board papers", private_note="M note", **shared)
    for draft in (leader, mentor):
        await workspace.save_draft(draft)
    recorded = await workspace.record_debrief_drafts([leader, mentor])
    assert recorded.outcome == "created"
    [session] = [s for s in await workspace.sessions(PAIR) if str(s.held_on) == DAY]
    assert session.leader_ratings.safety == 6 and session.mentor_learned == "Board papers"
    assert not await workspace.has_draft(PAIR, "leader")
    assert not await workspace.has_draft(PAIR, "mentor")
    await workspace.choose_person((await workspace.glance(PAIR)).context.mentor.id)
    notes = await workspace.own_private_notes(PAIR)
    assert notes[0].text == "M note" and "L note" not in {n.text for n in notes}


async def test_a_draft_that_cannot_be_recorded_is_kept(workspace) -> None:
    first = DebriefDraft(pair_id=PAIR, side="leader", held_on=DAY, learned="first")
    await workspace.record_debrief_drafts([first])
    differs = first.model_copy(update={"learned": "second"})
    await workspace.save_draft(differs)
    with pytest.raises(Conflict):
        await workspace.record_debrief_drafts([differs])
    kept = await workspace.load_draft(PAIR, "leader")
    assert kept is not None and kept.learned == "second"


async def test_a_bad_answer_is_refused_naming_the_field(workspace) -> None:
    draft = DebriefDraft(pair_id=PAIR, side="leader", held_on="2026-02-30")
    with pytest.raises(InvalidSummary) as refused:
        await workspace.record_debrief_drafts([draft])
    assert "held_on: invalid date '2026-02-30'" in str(refused.value)


async def test_a_chosen_leader_records_only_the_leaders_side_of_their_own_pairs(
    workspace, home: Path
) -> None:
    context = (await workspace.glance(PAIR)).context
    remember(home, LocalChoice(participant_id=context.leader.id))
    workspace.forget_identity()
    opened = await workspace.open_debrief(PAIR)
    assert opened.sides == ("leader",)
    theirs = DebriefDraft(pair_id=PAIR, side="mentor", held_on=DAY, learned="forged")
    with pytest.raises(NotPermitted, match="mentor_learned"):
        await workspace.record_debrief_drafts([theirs])
    other = next(p.id for p in await workspace.pairs() if context.leader.id != p.leader_id)
    with pytest.raises(NotPermitted, match=f"pair {other} is not yours"):
        await workspace.open_debrief(other)
    with pytest.raises(InvalidInput, match="is not one of your pairs"):
        await workspace.own_private_notes(other)


async def test_own_notes_need_someone_chosen(workspace) -> None:
    with pytest.raises(NobodyChosen):
        await workspace.own_private_notes()
    await workspace.choose_person("coordinator")
    with pytest.raises(NotPermitted, match="is for leaders and mentors"):
        await workspace.own_private_notes()


async def test_choosing_a_person_is_remembered_and_an_unknown_id_is_named(workspace) -> None:
    with pytest.raises(NotFound) as unknown:
        await workspace.choose_person("Z-404")
    assert unknown.value.kind == "participant" and unknown.value.key == "Z-404"
    mentor = (await workspace.glance(PAIR)).context.mentor
    identity = await workspace.choose_person(mentor.id)
    assert (identity.participant_id, identity.role) == (mentor.id, "mentor")
    assert PAIR in identity.pairs
    with pytest.raises(InvalidInput, match="a local store has no logins"):
        await workspace.granted_logins()
