"""The matcher finds planted ideal partners, and it is the goal fit that finds them."""

from assistant.config import MatchingWeights
from assistant.matching.propose import propose
from assistant.matching.rules import Request
from assistant.matching.synthetic import synthetic_cohort
from assistant.matching.vectors import PhraseVectors

SEEDS = (0, 1, 2)


def planted_found(weights: MatchingWeights, vectors: PhraseVectors) -> float:
    """Share of leaders, over three cohorts of 30 leaders and 36 mentors, given mentor i."""
    found = total = 0
    for seed in SEEDS:
        cohort = synthetic_cohort(30, 36, topical_mentors=30, seed=seed)
        result = propose(cohort.participants, [], weights, vectors, Request(cohort="synthetic"))
        found += sum(p.leader_id[-4:] == p.mentor_id[-4:] for p in result.proposals)
        total += 30
    return found / total


def test_at_least_nine_in_ten_planted_partners_are_found(vectors: PhraseVectors) -> None:
    assert planted_found(MatchingWeights(), vectors) >= 0.9


def test_without_the_goal_fit_most_planted_partners_are_missed(vectors: PhraseVectors) -> None:
    # Proves the test above measures the semantic fit: the other parts alone fall far short.
    assert planted_found(MatchingWeights(goal_fit=0.0), vectors) < 0.6
