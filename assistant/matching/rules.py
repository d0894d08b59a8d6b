"""The coordinator's instructions to a matching run, checked before anything is scored.

A lock that breaks a hard rule is refused rather than quietly dropped: the coordinator asked
for that pair and must hear why it cannot be made.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.matching.graph import RosterCheck
from assistant.models import Pair, Participant

PersonPair = tuple[str, str]
"""(leader id, mentor id)"""


class MatchInputError(ValueError):
    """Locks, forbids or rematches that cannot be honoured; one message per fault."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Request:
    cohort: str | None = None
    locks: Sequence[PersonPair] = ()
    forbids: Sequence[PersonPair] = ()
    rematch: Sequence[str] = ()
    """Ids of open pairs to close, so both people are matched anew."""


@dataclass
class Rules:
    """The request, checked against the roster and the pairs already made."""

    locks: list[PersonPair]
    forbidden: set[PersonPair]
    paired_before: set[PersonPair]
    busy: dict[str, str] = field(default_factory=dict)
    """Person id -> id of the open pair they are in (and stay in)."""
    closing: list[str] = field(default_factory=list)


def _role_fault(option: str, people: dict[str, Participant], pair: PersonPair) -> str | None:
    leader_id, mentor_id = pair
    for person_id, role in ((leader_id, "leader"), (mentor_id, "mentor")):
        if person_id not in people:
            return f"{option} {leader_id}:{mentor_id}: {person_id} is not in the roster"
        if people[person_id].role != role:
            hint = (
                f"; write {mentor_id}:{leader_id}"
                if people[person_id].role in ("leader", "mentor")
                else ""
            )
            return (
                f"{option} {leader_id}:{mentor_id}: {person_id} is a {people[person_id].role}, "
                f"not a {role} (LEADER:MENTOR){hint}"
            )
    return None


def _rematch(request: Request, pairs: Sequence[Pair], faults: list[str]) -> list[str]:
    by_id = {pair.id: pair for pair in pairs}
    for pair_id in request.rematch:
        if pair_id not in by_id:
            faults.append(f"--rematch {pair_id}: there is no such pair; `rmcoach match` lists none")
        elif by_id[pair_id].status == "closed":
            faults.append(f"--rematch {pair_id}: that pair is already closed")
    return [pair_id for pair_id in dict.fromkeys(request.rematch) if pair_id in by_id]


def _lock_faults(
    lock: PersonPair,
    people: dict[str, Participant],
    roster: RosterCheck,
    rules: Rules,
    request: Request,
) -> list[str]:
    option = f"--lock {lock[0]}:{lock[1]}"
    leader, mentor = people[lock[0]], people[lock[1]]
    faults = []
    if leader.cohort != mentor.cohort:
        faults.append(
            f"{option}: they are in cohorts {leader.cohort} and {mentor.cohort}; "
            "pairs are made within one cohort"
        )
    elif request.cohort is not None and leader.cohort != request.cohort:
        faults.append(f"{option}: they are in cohort {leader.cohort}, not {request.cohort}")
    if roster.lines.related(leader.id, mentor.id):
        faults.append(
            f"{option}: they are in the same reporting line; a pair is never made inside one"
        )
    if lock in rules.forbidden:
        faults.append(f"{option}: the same pair is also forbidden")
    for person in (leader, mentor):
        if person.id in roster.left_out:
            faults.append(
                f"{option}: {person.name} cannot be matched: {roster.left_out[person.id]}"
            )
        if person.id in rules.busy:
            pair_id = rules.busy[person.id]
            faults.append(
                f"{option}: {person.name} is already in pair {pair_id}; "
                f"add --rematch {pair_id} to pair them anew"
            )
        if person.left is not None:
            faults.append(f"{option}: {person.name} left the programme on {person.left}")
    return faults


def check_request(
    request: Request, people: dict[str, Participant], pairs: Sequence[Pair], roster: RosterCheck
) -> Rules:
    """The rules for this run; raises MatchInputError listing every fault at once."""
    faults: list[str] = []
    closing = _rematch(request, pairs, faults)
    still_open = [p for p in pairs if p.status != "closed" and p.id not in closing]
    rules = Rules(
        locks=[],
        forbidden=set(),
        paired_before={
            (p.leader_id, p.mentor_id) for p in pairs if p.status == "closed" or p.id in closing
        },
        busy={person: p.id for p in still_open for person in (p.leader_id, p.mentor_id)},
        closing=closing,
    )
    for pair in request.forbids:
        fault = _role_fault("--forbid", people, pair)
        if fault:
            faults.append(fault)
        else:
            rules.forbidden.add(pair)
    locked_people: set[str] = set()
    for lock in dict.fromkeys(request.locks):
        fault = _role_fault("--lock", people, lock)
        if fault:
            faults.append(fault)
            continue
        faults.extend(_lock_faults(lock, people, roster, rules, request))
        for person_id in lock:
            if person_id in locked_people:
                faults.append(
                    f"--lock: {people[person_id].name} is in two locks; each person is in one pair"
                )
            locked_people.add(person_id)
        rules.locks.append(lock)
    if faults:
        raise MatchInputError(faults)
    return rules
