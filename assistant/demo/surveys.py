"""The demo's survey answers: believable, shaped by each pair's health arc, and not complete.

Everyone is asked the baseline when their pair starts and the pairing-fit survey after its
first held session; closed pairs are asked the closing and recommendation surveys. Some people
never answer. Answers move with the arc: a thriving pair's mentor ends far more confident in
giving candid feedback (a published reverse-mentoring study reported 23 to 29 of 35 on such a
scale), a drifting pair's hardly at all, and a lopsided pair's mentor rates the fit poorly.
"""

import random
from datetime import date, timedelta

from assistant.demo.survey_texts import COMMENTS
from assistant.demo.timeline import DemoSession
from assistant.models import SIDES, Pair, Side
from assistant.surveys.catalogue import SurveyCatalogue
from assistant.surveys.responses import SurveyResponse

#: The share of people who never answer a survey they are asked.
SILENT = 0.12
#: Per scale, the mean item answer at the baseline, and how far a thriving pair moves it.
_LEVELS = {
    "candour": (3.2, 1.0),
    "openness": (3.4, 0.7),
    "fluency": (2.2, 1.5),
    "safety": (4.6, 1.2),
}
#: How much of a thriving pair's change each arc gets.
_GAIN = {"thriving": 1.0, "steady": 0.6, "slow-start": 0.7, "lopsided": 0.4, "drifting": 0.1}
_FIT = {"thriving": 4.5, "steady": 3.8, "slow-start": 3.3, "lopsided": 3.9, "drifting": 2.3}
_RECOMMEND = {"thriving": 9.2, "steady": 8.0, "slow-start": 7.5, "lopsided": 6.5, "drifting": 5.0}


def pair_answers(
    rng: random.Random,
    catalogue: SurveyCatalogue,
    pair: Pair,
    sessions: list[DemoSession],
    arc: str,
    today: date,
) -> list[SurveyResponse]:
    """The answers the pair's two people gave by `today`, drawn from `rng` pair after pair."""
    held = [s.summary.held_on for s in sessions if s.summary.status == "held"]
    found = []
    for side in SIDES:
        if rng.random() < SILENT:
            continue
        asked = _asked(rng, pair, held, today)
        found += [_response(rng, catalogue, pair, side, arc, kind, day) for kind, day in asked]
    return found


def _asked(rng: random.Random, pair: Pair, held: list[date], today: date) -> list[tuple[str, date]]:
    """The surveys this person answers and when: each on a day by `today`, some skipped."""
    asked = [("baseline", pair.start_date + timedelta(days=rng.randint(0, 6)))]
    if held and rng.random() > SILENT:
        asked.append(("pairing-fit", held[0] + timedelta(days=rng.randint(1, 6))))
    if pair.status == "closed" and rng.random() > SILENT / 2:
        last = held[-1] if held else pair.start_date
        asked += [("closing", last), ("recommendation", last)]
    return [(kind, min(day, today)) for kind, day in asked]


def _response(
    rng: random.Random,
    catalogue: SurveyCatalogue,
    pair: Pair,
    side: Side,
    arc: str,
    kind: str,
    day: date,
) -> SurveyResponse:
    answers = {}
    for scale, item in catalogue.items_for(kind, side):
        mean = _mean(scale.id, side, arc, kind)
        value = round(mean + rng.gauss(0, 0.6 if scale.high <= 7 else 1.0))
        answers[item.id] = min(scale.high, max(scale.low, value))
    comment = rng.choice(COMMENTS[kind]) if rng.random() < 0.7 else ""
    return SurveyResponse(
        pair_id=pair.id,
        side=side,
        kind=kind,
        answered_on=day,
        answers=answers,
        comment=comment,
    )


def _mean(scale: str, side: Side, arc: str, kind: str) -> float:
    if scale == "fit":
        return _FIT[arc] - (1.8 if arc == "lopsided" and side == "mentor" else 0)
    if scale == "recommend":
        return _RECOMMEND[arc]
    start, gain = _LEVELS[scale]
    return start + (gain * _GAIN[arc] if kind == "closing" else 0)
