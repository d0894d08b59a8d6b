"""Conversions between the domain models and table rows, and small query helpers."""

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import RowMapping

from assistant.models import Objective, Pair, Participant

T = TypeVar("T")

# Both SQLite (32,766 variables) and PostgreSQL take this many values in one IN list with ease.
CHUNK = 500


def chunks(values: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def participant_row(person: Participant) -> dict[str, Any]:
    row = person.model_dump(exclude={"joined", "left"})
    return row | {"joined_on": person.joined, "left_on": person.left}


def participant_from_row(row: RowMapping) -> Participant:
    fields = dict(row)
    fields["joined"] = fields.pop("joined_on")
    fields["left"] = fields.pop("left_on")
    return Participant.model_validate(fields)


def pair_row(pair: Pair) -> dict[str, Any]:
    return pair.model_dump(exclude={"objectives"})


def pair_from_row(row: RowMapping, objectives: Sequence[Objective] = ()) -> Pair:
    return Pair.model_validate(dict(row) | {"objectives": list(objectives)})


def objective_rows(pair_id: str, objectives: Sequence[Objective]) -> list[dict[str, Any]]:
    return [
        objective.model_dump() | {"pair_id": pair_id, "position": position}
        for position, objective in enumerate(objectives)
    ]


def objective_from_row(row: RowMapping) -> Objective:
    fields = dict(row)
    del fields["pair_id"], fields["position"]
    return Objective.model_validate(fields)
