"""Small hand-built rosters for the matching tests."""

from typing import Any

from assistant.models import Participant

_DEFAULTS: dict[str, dict[str, Any]] = {
    "leader": {"level": 10, "department": "Finance"},
    "mentor": {"level": 2, "department": "Marketing"},
}


def person(person_id: str, role: str, **fields: Any) -> Participant:
    """A participant with plain defaults: leaders at 10 in Finance, mentors at 2 in Marketing."""
    values: dict[str, Any] = {"id": person_id, "name": person_id.title(), "role": role}
    values.update(_DEFAULTS.get(role, {"level": 12, "department": "Board"}))
    values.update(fields)
    return Participant(**values)


def leader(person_id: str, **fields: Any) -> Participant:
    return person(person_id, "leader", **fields)


def mentor(person_id: str, **fields: Any) -> Participant:
    return person(person_id, "mentor", **fields)
