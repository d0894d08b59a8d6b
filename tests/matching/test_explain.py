import re

import pytest

from assistant.config import MatchingWeights
from assistant.matching.propose import propose
from assistant.matching.rules import Request
from assistant.matching.scoring import mentor_phrases
from assistant.matching.synthetic import synthetic_cohort
from assistant.matching.vectors import PhraseVectors
from assistant.models import Participant

from .people import leader, mentor


@pytest.fixture
def cohort_result(vectors: PhraseVectors):  # noqa: ANN201
    cohort = synthetic_cohort(12, 14, topical_mentors=12, seed=3)
    weights = MatchingWeights(goal_fit=0.5, tag_overlap=0.2, perspective=0.2, availability=0.1)
    result = propose(cohort.participants, [], weights, vectors, Request(cohort="synthetic"))
    people = {p.id: p for p in cohort.participants}
    return result, people, weights


def test_every_pair_has_parts_that_add_up_to_its_score_with_the_weights_applied(
    cohort_result,  # noqa: ANN001
) -> None:
    result, _, weights = cohort_result
    assert len(result.proposals) == 12
    for proposal in result.proposals:
        parts = {part.name: part for part in proposal.explanation.parts}
        assert set(parts) == {"goal_fit", "tag_overlap", "perspective", "availability"}
        for name, part in parts.items():
            assert part.weight == getattr(weights, name)
            assert part.contribution == pytest.approx(part.value * part.weight)
            assert 0.0 <= part.value <= 1.0
        assert proposal.score == pytest.approx(sum(p.contribution for p in parts.values()))


def test_goal_fit_is_the_mean_credit_of_the_goal_matches_shown(cohort_result) -> None:  # noqa: ANN001
    result, people, _ = cohort_result
    for proposal in result.proposals:
        explanation = proposal.explanation
        goal_fit = next(p.value for p in explanation.parts if p.name == "goal_fit")
        credits = [match.credit for match in explanation.goal_matches]
        assert goal_fit == pytest.approx(sum(credits) / len(credits), abs=1e-5)


def test_the_facts_cite_the_leaders_real_goals_and_the_mentors_real_skills(cohort_result) -> None:  # noqa: ANN001
    result, people, _ = cohort_result
    for proposal in result.proposals:
        leader_, mentor_ = people[proposal.leader_id], people[proposal.mentor_id]
        explanation = proposal.explanation
        assert 1 <= len(explanation.facts) <= 3
        for match in explanation.goal_matches:
            assert match.goal in leader_.goals
            assert (match.phrase, match.phrase_kind) in mentor_phrases(mentor_)
        for tag in explanation.shared_tags:
            assert tag.casefold() in {t.casefold() for t in [*mentor_.skills, *mentor_.interests]}
        for slot in explanation.shared_slots:
            assert slot in leader_.availability and slot in mentor_.availability
        for fact in (f for f in explanation.facts if "leader's goal: " in f):
            assert fact.split("; leader's goal: ")[1] in leader_.goals
            for kind, listed in re.findall(r"mentor's (skill|interest)s?: ([^;]+)", fact):
                for phrase in listed.split(", "):
                    assert (phrase, kind) in mentor_phrases(mentor_)


def test_a_strong_match_is_explained_by_the_goal_and_skill_that_drove_it(
    vectors: PhraseVectors,
) -> None:
    roster: list[Participant] = [
        leader(
            "helen",
            department="Finance",
            goals=["understand how graduates use social media"],
            interests=["podcasts"],
        ),
        mentor(
            "sam",
            department="Marketing",
            level=2,
            skills=["TikTok", "Instagram content creation", "Excel"],
            interests=["podcasts"],
        ),
    ]
    [proposal] = propose(roster, [], MatchingWeights(), vectors).proposals
    perspective, goal, tags = proposal.explanation.facts  # strongest contribution first
    assert perspective == "different departments (Finance, Marketing), 8 levels apart"
    assert goal.startswith("mentor's skills: ") and "TikTok" in goal and "Instagram" in goal
    assert goal.endswith("; leader's goal: understand how graduates use social media")
    assert tags == "shared tags: podcasts"
