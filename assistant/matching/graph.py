"""Reporting lines from manager ids, and the roster faults that make them untrustworthy.

The reporting-line rule is never broken, so a person whose chain of managers cannot be traced
to the top (a manager id nobody in the roster has, or a loop) is left out of matching rather
than matched on a guess. Everyone else is matched as usual.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from assistant.models import Pair, Participant


class RosterProblem(BaseModel):
    """One fault in the roster, pointing at the row and field to fix."""

    model_config = ConfigDict(extra="forbid")

    participant_id: str
    row: int | None
    """1-based position of the participant in the roster as given; None for a pair's fault."""
    field: str
    message: str


class ReportingLines:
    """Each person's managers, nearest first, for every chain that reaches the top."""

    def __init__(self, managers: dict[str, tuple[str, ...]]) -> None:
        self._managers = managers

    def managers_of(self, person_id: str) -> tuple[str, ...]:
        return self._managers.get(person_id, ())

    def related(self, a: str, b: str) -> bool:
        """True when either person is anywhere above the other."""
        return b in self.managers_of(a) or a in self.managers_of(b)


@dataclass(frozen=True)
class RosterCheck:
    lines: ReportingLines
    problems: list[RosterProblem]
    left_out: dict[str, str]
    """Person id -> why they cannot be matched safely."""


def _first_rows(participants: Sequence[Participant]) -> dict[str, int]:
    rows: dict[str, int] = {}
    for row, person in enumerate(participants, start=1):
        rows.setdefault(person.id, row)
    return rows


def _duplicates(participants: Sequence[Participant]) -> list[RosterProblem]:
    seen: dict[str, tuple[int, Participant]] = {}
    problems = []
    for row, person in enumerate(participants, start=1):
        if person.id not in seen:
            seen[person.id] = (row, person)
            continue
        first_row, first = seen[person.id]
        if first.role != person.role:
            message = (
                f"{person.name} is a {first.role} in row {first_row} and a {person.role} in row "
                f"{row}; one person takes one role, so keep one row and remove the other"
            )
        else:
            message = f"{person.id} appears again (first in row {first_row}); remove one row"
        problems.append(
            RosterProblem(participant_id=person.id, row=row, field="role", message=message)
        )
    return problems


def _pair_roles(pairs: Iterable[Pair], by_id: dict[str, Participant]) -> list[RosterProblem]:
    problems = []
    for pair in pairs:
        for side, person_id in (("leader", pair.leader_id), ("mentor", pair.mentor_id)):
            person = by_id.get(person_id)
            if person is not None and person.role != side:
                problems.append(
                    RosterProblem(
                        participant_id=person_id,
                        row=None,
                        field=f"pair {pair.id}: {side}_id",
                        message=(
                            f"{person.name} is a {person.role} in the roster but the {side} of "
                            f"pair {pair.id}; fix the roster role or the pair"
                        ),
                    )
                )
    return problems


def _trace(
    person_id: str, by_id: dict[str, Participant]
) -> tuple[tuple[str, ...], str | None, str | None]:
    """Managers of one person, nearest first; or where the chain breaks and how.

    The break is ("missing", person whose manager id is unknown) or ("loop", a loop member):
    the person themself when they sit in the loop, else the first loop member above them.
    """
    chain: list[str] = []
    current = by_id[person_id]
    while current.manager_id is not None:
        if current.manager_id == person_id:
            return tuple(chain), person_id, "loop"
        if current.manager_id in chain:
            return tuple(chain), current.manager_id, "loop"
        manager = by_id.get(current.manager_id)
        if manager is None:
            return tuple(chain), current.id, "missing"
        chain.append(manager.id)
        current = manager
    return tuple(chain), None, None


def check_roster(participants: Sequence[Participant], pairs: Iterable[Pair] = ()) -> RosterCheck:
    """Everyone's managers, the roster's problems (each reported once) and who they leave out."""
    by_id = {person.id: person for person in participants}
    rows = _first_rows(participants)
    problems = _duplicates(participants) + _pair_roles(pairs, by_id)
    managers: dict[str, tuple[str, ...]] = {}
    left_out: dict[str, str] = {}
    reported: set[str] = set()
    for person_id in by_id:
        chain, broken_at, fault = _trace(person_id, by_id)
        if broken_at is None:
            managers[person_id] = chain
            continue
        left_out[person_id] = _why_untraceable(by_id, person_id, broken_at, fault)
        if fault == "missing" and broken_at not in reported:
            reported.add(broken_at)
            problems.append(_missing_manager(by_id[broken_at], rows[broken_at]))
        elif fault == "loop" and broken_at == person_id and person_id not in reported:
            members = _loop_members(by_id[person_id], by_id)
            reported.update(members)
            problems.append(_loop(members, by_id, rows))
    for problem in problems:
        if problem.field == "role":
            left_out[problem.participant_id] = "is in the roster twice (see roster problems)"
    return RosterCheck(ReportingLines(managers), problems, left_out)


def _why_untraceable(
    by_id: dict[str, Participant], person_id: str, broken_at: str, fault: str | None
) -> str:
    whose = "their" if broken_at == person_id else f"{by_id[broken_at].name}'s"
    fault_text = "managers form a loop" if fault == "loop" else "manager id is not in the roster"
    return f"reporting line cannot be checked: {whose} {fault_text} (see roster problems)"


def _missing_manager(person: Participant, row: int) -> RosterProblem:
    message = (
        f"manager id {person.manager_id!r} of {person.name} is not in the roster; correct the id, "
        "or add the manager so the reporting line can be checked"
    )
    return RosterProblem(participant_id=person.id, row=row, field="manager_id", message=message)


def _loop_members(start: Participant, by_id: dict[str, Participant]) -> list[str]:
    members = [start.id]
    current = by_id[str(start.manager_id)]
    while current.id != start.id:
        members.append(current.id)
        current = by_id[str(current.manager_id)]
    return members


def _loop(members: list[str], by_id: dict[str, Participant], rows: dict[str, int]) -> RosterProblem:
    steps = [f"{by_id[member].name} (row {rows[member]})" for member in members]
    message = (
        f"reporting lines loop: {' -> '.join(steps)} -> {by_id[members[0]].name}; "
        "correct one of these manager ids"
    )
    first = min(members, key=rows.__getitem__)
    return RosterProblem(participant_id=first, row=rows[first], field="manager_id", message=message)
