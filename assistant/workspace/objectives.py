"""Use cases on objectives: the catalogue of templates, a pair's objectives with their progress,
and the rules for changing them.

A change is worked out first (`objectives_change`: every rule checked, nothing saved), so a
front end can show it or ask before it removes anything, then saved (`save_objectives`).
Objectives already set keep their progress; a template the pair already has is not added twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.workspace.errors import InvalidInput, Unavailable
from assistant.workspace.parts import Parts

if TYPE_CHECKING:
    from assistant.models import Objective
    from assistant.objectives.catalogue import Catalogue, ObjectiveTemplate
    from assistant.objectives.progress import ObjectiveStatus


@dataclass(frozen=True)
class OwnObjective:
    """An objective of the pair's own, not from a template."""

    title: str
    criteria: tuple[str, ...]
    """Its success criteria: two or three, at least one."""
    kind: str = "custom"


@dataclass(frozen=True)
class ObjectivesChange:
    """A pair's objectives as they would be after a change; saved by `save_objectives`."""

    pair_id: str
    objectives: list[Objective]
    removed: tuple[str, ...]
    """The ids of the objectives the change deletes, with their progress."""

    @property
    def too_many(self) -> bool:
        """More than the guidance's two or three, which dilutes the sessions (objectives.md)."""
        from assistant.objectives.progress import MOST_OBJECTIVES

        return len(self.objectives) > MOST_OBJECTIVES


class NoSuchObjective(InvalidInput):
    """Asked to remove objectives the pair does not have; `ids` names them."""

    def __init__(self, ids: Sequence[str], have: Sequence[str]) -> None:
        super().__init__(
            f"{', '.join(ids)}: the pair has no such objective",
            f"it has {', '.join(have) or 'none'}",
        )
        self.ids = tuple(ids)


class ObjectiveUseCases(Parts):
    async def objective_templates(self, kind: str | None = None) -> list[ObjectiveTemplate]:
        """The catalogue's templates, of one kind or all, with criteria and session ideas."""
        return await self.off_loop(lambda: _catalogue().of_kind(kind))

    async def objective_statuses(self, pair_id: str) -> list[ObjectiveStatus]:
        """A pair's objectives: progress, how it moved session by session, and topic ideas."""
        from assistant.objectives.progress import objective_statuses

        def statuses() -> list[ObjectiveStatus]:
            self.require()
            pair = self.store.pair(pair_id)
            return objective_statuses(pair.objectives, self.store.sessions(pair_id), _catalogue())

        return await self.off_loop(statuses)

    async def objectives_change(
        self,
        pair_id: str,
        templates: Sequence[str] = (),
        own: OwnObjective | None = None,
        remove: Sequence[str] = (),
    ) -> ObjectivesChange:
        """The pair's objectives with `templates` and `own` added and `remove` taken away,
        every rule checked; nothing is saved."""
        if not (templates or own or remove):
            raise InvalidInput("there is nothing to change", "add or remove an objective")

        def changed() -> ObjectivesChange:
            self.require("objectives set")
            current = self.store.pair(pair_id).objectives
            wanted = _changed(current, templates, own, remove)
            return ObjectivesChange(pair_id, wanted, tuple(dict.fromkeys(remove)))

        return await self.off_loop(changed)

    async def save_objectives(self, change: ObjectivesChange) -> None:
        def saved() -> None:
            self.require("objectives set")
            self.store.set_objectives(change.pair_id, change.objectives)

        await self.off_loop(saved)


def _catalogue() -> Catalogue:
    from assistant.objectives.catalogue import CatalogueError, bundled_catalogue

    try:
        return bundled_catalogue()
    except CatalogueError as error:
        raise Unavailable(str(error), "reinstall rmcoach") from error


def _changed(
    current: list[Objective],
    templates: Sequence[str],
    own: OwnObjective | None,
    remove: Sequence[str],
) -> list[Objective]:
    unknown = [i for i in dict.fromkeys(remove) if i not in {o.id for o in current}]
    if unknown:
        raise NoSuchObjective(unknown, [o.id for o in current])
    kept = [o for o in current if o.id not in remove]
    ids = {o.id for o in kept}
    catalogue = _catalogue()
    for template in (catalogue.get(t) for t in dict.fromkeys(templates)):
        if template.id not in ids:
            kept.append(template.objective())
            ids.add(template.id)
    if own is not None:
        kept.append(_own(own, ids))
    return kept


def _own(own: OwnObjective, taken: set[str]) -> Objective:
    from pydantic import ValidationError

    from assistant.models import Objective
    from assistant.objectives.catalogue import custom_objective_id

    if not own.criteria:
        raise InvalidInput(
            f"the objective {own.title!r} has no success criteria", "give it two or three"
        )
    fields = {
        "id": custom_objective_id(own.title, taken),
        "title": own.title,
        "kind": own.kind,
        "success_criteria": own.criteria,
    }
    try:
        return Objective.model_validate(fields)
    except ValidationError as error:
        reasons = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise InvalidInput(f"the new objective is not valid: {reasons}") from error
