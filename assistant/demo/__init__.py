"""A realistic synthetic programme, so every screen and report has something to show.

`generate` is pure: the same seed, size and anchor date give the same programme, byte for byte.
It makes the people and pairs; each pair's sessions and survey answers are made as they are
read (`DemoProgramme.histories`), so a programme of 5,000 pairs over two years (177,000
sessions) never sits in memory whole. `write_programme` puts it into a store in one transaction.
"""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from assistant.demo import people, texts
from assistant.demo.surveys import pair_answers
from assistant.demo.timeline import ARCS, DemoSession, simulate
from assistant.demo.writer import write_programme
from assistant.models import OBJECTIVE_KINDS, Pair, Participant
from assistant.surveys.catalogue import bundled_surveys
from assistant.surveys.responses import SurveyResponse

__all__ = [
    "ARCS",
    "DemoProgramme",
    "DemoSession",
    "LoadedDemo",
    "PairHistory",
    "generate",
    "write_programme",
]

_KINDS = [kind for kind in OBJECTIVE_KINDS if kind != "custom"]


@dataclass(frozen=True)
class PairHistory:
    pair: Pair
    sessions: list[DemoSession]
    """Oldest first."""
    surveys: list[SurveyResponse]
    """The survey answers the pair's two people gave (see `demo/surveys.py`); some never answer."""


@dataclass(frozen=True)
class DemoProgramme:
    participants: list[Participant]
    pairs: list[Pair]
    arcs: dict[str, str]
    """Each pair's health arc (see `timeline.ARCS`): what the reports should find."""
    today: date
    seed: int
    session_draws: tuple[Any, ...]
    """The random generator's state where the first pair's sessions begin."""

    def histories(self) -> Iterator[PairHistory]:
        """Each pair's sessions and survey answers, pair by pair, the same on every reading."""
        sessions = random.Random()
        sessions.setstate(self.session_draws)
        # Their own generator, so adding surveys left every other part of the demo as it was.
        surveys = random.Random(self.seed + 1)
        catalogue = bundled_surveys()
        for pair in self.pairs:
            arc = self.arcs[pair.id]
            made = simulate(sessions, pair, arc, self.today)
            answers = pair_answers(surveys, catalogue, pair, made, arc, self.today)
            yield PairHistory(pair, made, answers)


@dataclass(frozen=True)
class LoadedDemo:
    programme: DemoProgramme
    sessions: int
    """How many sessions were written (the programme makes them as they are written)."""


def generate(
    seed: int = 7, pairs: int = 12, months: int = 6, today: date | None = None
) -> DemoProgramme:
    """A programme of `pairs` pairs that started up to `months` months before `today`."""
    today = today or date.today()
    rng = random.Random(seed)
    first_start = today - timedelta(days=round(months * 30.4))
    second_start = today - timedelta(days=round(months * 15.2))
    width = max(3, len(str(pairs)))
    names = people.names(rng, 2 * pairs + 3)
    arcs = _arcs(rng, pairs)
    executive = people.executive(names.pop(), f"{first_start:%Y-%m}", first_start)
    members: list[Participant] = [executive]
    made_pairs: list[Pair] = []
    for number in range(1, pairs + 1):
        start = first_start if number <= max(1, round(pairs * 2 / 3)) else second_start
        cohort = f"{start:%Y-%m}"
        leader, mentor, pair = _pair(rng, number, width, names, cohort, start, arcs[number - 1])
        members += [leader, mentor]
        made_pairs.append(pair)
    members += _coordinators(names, {p.cohort for p in made_pairs}, first_start)
    members = people.with_emails(_with_managers(rng, members, executive.id))
    by_pair = {pair.id: arcs[i] for i, pair in enumerate(made_pairs)}
    return DemoProgramme(
        participants=sorted(members, key=lambda p: p.id),
        pairs=_closed_when_done(made_pairs, by_pair, first_start, months),
        arcs=by_pair,
        today=today,
        seed=seed,
        session_draws=rng.getstate(),
    )


_FINISHING = ("thriving", "steady", "slow-start")


def _closed_when_done(
    made: list[Pair], arcs: dict[str, str], first_start: date, months: int
) -> list[Pair]:
    """After five months the first cohort's healthy pairs have finished, so closing surveys and
    the baseline-to-closing change have something to show."""
    if months < 5:
        return made
    return [
        pair.model_copy(update={"status": "closed"})
        if pair.cohort == f"{first_start:%Y-%m}" and arcs[pair.id] in _FINISHING
        else pair
        for pair in made
    ]


def _arcs(rng: random.Random, count: int) -> list[str]:
    """Mostly healthy pairs, and always a few in trouble once there are enough to hide them."""
    drifting = max(1, round(count * 0.12)) if count >= 3 else 0
    lopsided = max(1, round(count * 0.08)) if count >= 4 else 0
    slow = round(count * 0.1)
    steady = round(count * 0.3)
    arcs = (
        ["drifting"] * drifting
        + ["lopsided"] * lopsided
        + ["slow-start"] * slow
        + ["steady"] * steady
    )
    arcs += ["thriving"] * (count - len(arcs))
    rng.shuffle(arcs)
    return arcs[:count]


def _pair(
    rng: random.Random,
    number: int,
    width: int,
    names: list[str],
    cohort: str,
    start: date,
    arc: str,
) -> tuple[Participant, Participant, Pair]:
    kinds = rng.sample(_KINDS, rng.choice((1, 2, 2, 3)))
    leader = people.leader(rng, f"L-{number:0{width}d}", names.pop(), kinds, cohort, start)
    mentor = people.mentor(
        rng, f"M-{number:0{width}d}", names.pop(), leader.department, cohort, start
    )
    status = "paused" if arc == "drifting" and rng.random() < 0.5 else "active"
    pair = Pair(
        id=f"P-{number:0{width}d}",
        leader_id=leader.id,
        mentor_id=mentor.id,
        cohort=cohort,
        objectives=texts.objectives_for(kinds, [rng.randrange(2) for _ in kinds]),
        start_date=start + timedelta(days=rng.randint(0, 10)),
        cadence_days=rng.choice((14, 14, 14, 21, 28)),
        status=status,
    )
    return leader, mentor, pair


def _coordinators(names: list[str], cohorts: set[str], joined: date) -> list[Participant]:
    return [
        people.coordinator(f"C-{number}", names.pop(), cohort, joined)
        for number, cohort in enumerate(sorted(cohorts), start=1)
    ][:2]


def _with_managers(rng: random.Random, members: list[Participant], top: str) -> list[Participant]:
    """Leaders report to the executive; a mentor to a leader of their own department when there is
    one, so they are never paired with their own manager (pairs are across departments)."""
    leaders_by_department: dict[str, list[str]] = {}
    for person in members:
        if person.role == "leader" and person.id != top:
            leaders_by_department.setdefault(person.department, []).append(person.id)
    updated = []
    for person in members:
        manager = person.manager_id
        if person.role == "leader" and person.id != top:
            manager = top
        elif person.role == "mentor":
            candidates = leaders_by_department.get(person.department)
            manager = rng.choice(candidates) if candidates else top
        updated.append(person.model_copy(update={"manager_id": manager}))
    return updated
