"""The objective use cases and their editing rules, on the seeded demo programme."""

import pytest

from assistant.access.local import LocalChoice, remember
from assistant.workspace.errors import InvalidInput, NotFound, NotPermitted
from assistant.workspace.objectives import NoSuchObjective, OwnObjective
from assistant.workspace.workspace import Workspace

from .conftest import PAIR


async def _progress(workspace: Workspace) -> dict[str, int]:
    return {s.objective.id: s.objective.progress for s in await workspace.objective_statuses(PAIR)}


async def test_a_change_is_worked_out_first_and_saved_only_when_asked(
    workspace: Workspace,
) -> None:
    before = await _progress(workspace)
    assert before and any(before.values()), "the demo pair has objectives with progress"
    template = next(t for t in await workspace.objective_templates() if t.id not in before)
    own = OwnObjective("Learn how graduates search", ("Three searches tried together",))
    change = await workspace.objectives_change(PAIR, [template.id, template.id], own)
    assert [o.id for o in change.objectives] == [
        *before,
        template.id,
        "learn-how-graduates-search",
    ]
    assert await _progress(workspace) == before, "nothing is saved while working it out"
    await workspace.save_objectives(change)
    after = await _progress(workspace)
    assert {key: after[key] for key in before} == before, "objectives kept keep their progress"
    assert after[template.id] == after["learn-how-graduates-search"] == 0


async def test_removing_names_what_goes_and_an_unknown_id_is_refused_with_what_the_pair_has(
    workspace: Workspace,
) -> None:
    have = list(await _progress(workspace))
    with pytest.raises(NoSuchObjective) as unknown:
        await workspace.objectives_change(PAIR, remove=["nope", have[0]])
    assert unknown.value.ids == ("nope",)
    assert unknown.value.hint == f"it has {', '.join(have)}"
    change = await workspace.objectives_change(PAIR, remove=[have[0]])
    assert change.removed == (have[0],) and [o.id for o in change.objectives] == have[1:]


@pytest.mark.parametrize(
    ("templates", "own", "says"),
    [
        (["nope"], None, "there is no objective template 'nope'"),
        ([], OwnObjective("Own", ()), "has no success criteria"),
        ([], OwnObjective("Own", ("x" * 5000,)), "the new objective is not valid"),
        ([], None, "there is nothing to change"),
    ],
)
async def test_a_change_that_breaks_a_rule_is_refused_and_nothing_is_saved(
    workspace: Workspace, templates: list[str], own: OwnObjective | None, says: str
) -> None:
    before = await _progress(workspace)
    with pytest.raises(InvalidInput, match=says):
        await workspace.objectives_change(PAIR, templates, own)
    assert await _progress(workspace) == before


async def test_more_than_three_objectives_is_flagged_for_the_guidances_limit(
    workspace: Workspace,
) -> None:
    have = list(await _progress(workspace))
    spare = [t.id for t in await workspace.objective_templates() if t.id not in have]
    three = await workspace.objectives_change(PAIR, spare[:3], remove=have)
    four = await workspace.objectives_change(PAIR, spare[:4], remove=have)
    assert (len(three.objectives), three.too_many) == (3, False)
    assert (len(four.objectives), four.too_many) == (4, True)


async def test_templates_come_by_kind_and_an_unknown_pair_is_not_found(
    workspace: Workspace,
) -> None:
    inclusion = await workspace.objective_templates("inclusion")
    assert inclusion and {t.kind for t in inclusion} == {"inclusion"}
    with pytest.raises(NotFound) as missing:
        await workspace.objective_statuses("P-404")
    assert missing.value.kind == "pair"


async def test_a_chosen_leader_reads_objectives_but_may_not_change_them(
    workspace: Workspace, home
) -> None:
    pair = (await workspace.glance(PAIR)).context.pair
    remember(home, LocalChoice(participant_id=pair.leader_id))
    workspace.forget_identity()
    assert await workspace.objective_statuses(PAIR)
    with pytest.raises(NotPermitted, match="is for coordinators"):
        await workspace.objectives_change(PAIR, remove=[pair.objectives[0].id])
