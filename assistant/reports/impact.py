"""The impact section's survey figures: pairing fit, baseline-to-closing change, and NPS.

One query sums each survey response's scales (a scale's score is the sum of its items) over the
report's consenting pairs, answered by the report date; the rest is arithmetic on those few
thousand rows. Change counts only people who answered both the baseline and the closing survey
under the same questionnaire version, and every figure is gated by the pairs behind it.
"""

from collections import defaultdict
from statistics import mean
from typing import Any

from sqlalchemy import Connection, func, select

from assistant.models import SIDES
from assistant.reports.gate import Gate
from assistant.reports.model import Nps, Outcome, PairingFit
from assistant.reports.scope import Scope
from assistant.reports.signed_rank import average_ranks, signed_rank_p
from assistant.reports.sql import on
from assistant.store.schema import survey_answers, survey_responses
from assistant.surveys.catalogue import (
    AFTER,
    BEFORE,
    FIT,
    POOR_FIT_MEAN,
    RECOMMEND,
    bundled_surveys,
)

#: Net promoter score bands of the 0-10 recommendation.
PROMOTER, DETRACTOR = 9, 6

Key = tuple[str, str, str]  # pair, side, kind


def survey_scores(conn: Connection, scope: Scope) -> dict[str, dict[Key, tuple[int, int]]]:
    """Scale -> (pair, side, kind) -> (questionnaire version, score), consenting pairs only."""
    r, a, shared = survey_responses.c, survey_answers.c, scope.shared
    # Summed per response first, along the answers' (response, item) key: half the time of
    # grouping the joined rows by every response column.
    scores = (
        select(a.response_id, a.scale, func.sum(a.value).label("score"))
        .group_by(a.response_id, a.scale)
        .subquery("scores")
    )
    query = (
        select(r.pair_id, r.side, r.kind, r.version, scores.c.scale, scores.c.score)
        .join_from(survey_responses, scores, scores.c.response_id == r.id)
        .join(shared, shared.c.id == r.pair_id)
        .where(r.answered_on <= on(scope.today))
    )
    found: dict[str, dict[Key, tuple[int, int]]] = defaultdict(dict)
    for pair_id, side, kind, version, scale, score in conn.execute(query):
        found[scale][(pair_id, side, kind)] = (version, int(score))
    return found


def pairing_fit(scores: dict[str, dict[Key, tuple[int, int]]], gate: Gate) -> PairingFit:
    items = len(bundled_surveys().scale(FIT).items)
    means = {(pair, side): score / items for (pair, side, _), (_, score) in scores[FIT].items()}
    pairs = {pair for pair, _ in means}
    poor = {pair for (pair, _), value in means.items() if value <= POOR_FIT_MEAN}
    return PairingFit(
        respondents=gate.count(len(means), len(pairs)),
        mean=gate.number(mean(means.values()) if means else None, len(pairs)),
        poor_pairs=gate.count(len(poor), len(pairs)),
    )


def nps(scores: dict[str, dict[Key, tuple[int, int]]], gate: Gate) -> Nps:
    answers = [(pair, score) for (pair, _, _), (_, score) in scores[RECOMMEND].items()]
    pairs = len({pair for pair, _ in answers})
    promoters = sum(score >= PROMOTER for _, score in answers)
    detractors = sum(score <= DETRACTOR for _, score in answers)
    score = round(100 * (promoters - detractors) / len(answers)) if answers else None
    return Nps(respondents=gate.count(len(answers), pairs), score=gate.count(score, pairs))


def outcomes(scores: dict[str, dict[Key, tuple[int, int]]], gate: Gate) -> list[Outcome]:
    """One row per scale and side the baseline asks, in the questionnaire's order."""
    catalogue = bundled_surveys()
    rows = []
    for side in SIDES:
        for scale in catalogue.scales_for(BEFORE, side):
            answered = scores[scale.id]
            paired = [
                (before[1], after[1])
                for (pair, s, kind), before in answered.items()
                if s == side and kind == BEFORE
                for after in [answered.get((pair, side, AFTER))]
                if after is not None and after[0] == before[0]
            ]
            rows.append(_outcome(scale.id, side, paired, gate))
    return rows


def _outcome(scale: str, side: str, paired: list[tuple[int, int]], gate: Gate) -> Outcome:
    n = len(paired)
    figures: dict[str, Any] = {"before_mean": None, "after_mean": None, "change": None}
    test: dict[str, Any] = {"p_value": None, "effect_size": None}
    if n >= gate.min_group_size:
        before, after = mean(b for b, _ in paired), mean(a for _, a in paired)
        figures = {"before_mean": before, "after_mean": after, "change": after - before}
        test = _signed_rank([a - b for b, a in paired])
    return Outcome(
        scale=scale,
        side=side,
        people=gate.count(n, n),
        before_mean=gate.number(figures["before_mean"], n),
        after_mean=gate.number(figures["after_mean"], n),
        change=gate.number(figures["change"], n),
        p_value=gate.number(test["p_value"], n, 4),
        effect_size=gate.number(test["effect_size"], n, 2),
    )


def _signed_rank(changes: list[int]) -> dict[str, float | None]:
    """Wilcoxon's p-value and the matched-pairs rank-biserial correlation of the changes."""
    moved = [c for c in changes if c != 0]
    if not moved:
        return {"p_value": None, "effect_size": None}
    ranks = average_ranks([abs(c) for c in moved])
    rising = sum(r for r, c in zip(ranks, moved, strict=True) if c > 0)
    falling = sum(r for r, c in zip(ranks, moved, strict=True) if c < 0)
    return {
        "p_value": signed_rank_p(changes),
        "effect_size": (rising - falling) / (rising + falling),
    }
