from datetime import date

import numpy as np
import pytest

from assistant.config import MatchingWeights
from assistant.matching.assign import assign
from assistant.matching.propose import propose
from assistant.matching.rules import MatchInputError, Request
from assistant.matching.vectors import PhraseVectors
from assistant.models import Pair, Participant

from .people import leader, mentor, person

TIKTOK = {"goals": ["understand how graduates use TikTok"]}
PYTHON = {"goals": ["analyse team data in Python"]}
TIKTOK_SKILLS = {"skills": ["TikTok content creation", "short-form video"]}
PYTHON_SKILLS = {"skills": ["Python", "pandas data analysis"]}


def pairs_of(result) -> set[tuple[str, str]]:  # noqa: ANN001
    return {(p.leader_id, p.mentor_id) for p in result.proposals}


def two_by_two(**managers: str) -> list[Participant]:
    """Leader `tok` wants what mentor `creator` knows, `py` what `coder` knows."""
    return [
        person("boss", "coordinator"),
        leader("tok", manager_id=managers.get("tok"), **TIKTOK),
        leader("py", manager_id=managers.get("py"), **PYTHON),
        mentor("creator", manager_id=managers.get("creator"), **TIKTOK_SKILLS),
        mentor("coder", manager_id=managers.get("coder"), **PYTHON_SKILLS),
    ]


def test_the_best_fit_wins_when_no_rule_stands_in_the_way(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    result = propose(two_by_two(), [], weights, vectors)
    assert pairs_of(result) == {("tok", "creator"), ("py", "coder")}


def test_no_pair_is_made_inside_a_direct_reporting_line(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    result = propose(two_by_two(creator="tok"), [], weights, vectors)
    assert pairs_of(result) == {("tok", "coder"), ("py", "creator")}


def test_no_pair_is_made_inside_an_indirect_reporting_line(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    # tok -> head (not in the programme as a pair member) -> creator
    roster = [*two_by_two(creator="head"), person("head", "coordinator", manager_id="tok")]
    result = propose(roster, [], weights, vectors)
    assert ("tok", "creator") not in pairs_of(result)
    assert pairs_of(result) == {("tok", "coder"), ("py", "creator")}


def test_a_leader_whose_only_mentor_reports_to_them_stays_unmatched_with_the_reason(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    roster = [leader("tok", **TIKTOK), mentor("creator", manager_id="tok", **TIKTOK_SKILLS)]
    result = propose(roster, [], weights, vectors)
    assert result.proposals == []
    by_person = {u.person_id: u.reason for u in result.unmatched}
    assert by_person["tok"] == (
        "no eligible mentor: of the 1 free mentors, 1 is in the same reporting line"
    )


def test_a_locked_pair_is_kept_and_the_rest_is_matched_around_it(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    result = propose(two_by_two(), [], weights, vectors, Request(locks=[("tok", "coder")]))
    assert pairs_of(result) == {("tok", "coder"), ("py", "creator")}
    assert [p.locked for p in result.proposals if p.leader_id == "tok"] == [True]
    assert [p.locked for p in result.proposals if p.leader_id == "py"] == [False]


def test_a_forbidden_pair_is_never_proposed(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    result = propose(two_by_two(), [], weights, vectors, Request(forbids=[("tok", "creator")]))
    assert pairs_of(result) == {("tok", "coder"), ("py", "creator")}


def test_more_leaders_than_mentors_leaves_one_leader_out_and_says_why(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    roster = [*two_by_two(), leader("extra", goals=["learn to knit"])]
    result = propose(roster, [], weights, vectors)
    assert len(result.proposals) == 2
    [left] = result.unmatched
    assert (left.person_id, left.role) == ("extra", "leader")
    assert left.reason.startswith("more leaders (3) than free mentors (2) in cohort default")


def test_more_mentors_than_leaders_keeps_the_spare_mentor_on_the_reserve_list(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    roster = [*two_by_two(), mentor("spare", skills=["knitting"])]
    result = propose(roster, [], weights, vectors)
    assert pairs_of(result) == {("tok", "creator"), ("py", "coder")}
    [left] = result.unmatched
    assert (left.person_id, left.role) == ("spare", "mentor")
    assert "more mentors (3) than free leaders (2)" in left.reason
    assert left.reason.endswith("kept on the reserve list")


def test_each_cohort_is_matched_on_its_own(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    roster = [
        leader("tok", cohort="spring", **TIKTOK),
        mentor("coder", cohort="spring", **PYTHON_SKILLS),
        leader("py", cohort="autumn", **PYTHON),
        mentor("creator", cohort="autumn", **TIKTOK_SKILLS),
    ]
    result = propose(roster, [], weights, vectors)
    assert pairs_of(result) == {("tok", "coder"), ("py", "creator")}
    only_spring = propose(roster, [], weights, vectors, Request(cohort="spring"))
    assert pairs_of(only_spring) == {("tok", "coder")}


def active(pair_id: str, leader_id: str, mentor_id: str, status: str = "active") -> Pair:
    return Pair(
        id=pair_id,
        leader_id=leader_id,
        mentor_id=mentor_id,
        start_date=date(2025, 1, 6),
        status=status,  # type: ignore[arg-type]
    )


def test_people_already_paired_are_left_alone(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    roster = [
        *two_by_two(),
        leader("new", goals=["learn to knit"]),
        mentor("knitter", skills=["knitting"]),
    ]
    existing = [active("p1", "tok", "coder"), active("p2", "py", "creator", status="paused")]
    result = propose(roster, existing, weights, vectors)
    assert pairs_of(result) == {("new", "knitter")}
    assert result.unmatched == []
    assert result.cohorts[0].already_paired == 2


def test_a_rematched_pair_is_closed_and_its_people_are_matched_anew_not_together(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    existing = [active("p1", "tok", "creator"), active("p2", "py", "coder")]
    result = propose(two_by_two(), existing, weights, vectors, Request(rematch=["p1"]))
    assert result.closing == ["p1"]
    assert result.proposals == [] and {u.person_id for u in result.unmatched} == {"tok", "creator"}
    assert all("paired with them before" in u.reason for u in result.unmatched)


def test_a_closed_pair_is_not_proposed_again(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    result = propose(two_by_two(), [active("old", "tok", "creator", "closed")], weights, vectors)
    assert pairs_of(result) == {("tok", "coder"), ("py", "creator")}


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (
            Request(locks=[("tok", "creator")]),
            "--lock tok:creator: they are in the same reporting line",
        ),
        (
            Request(locks=[("creator", "tok")]),
            "creator is a mentor, not a leader (LEADER:MENTOR); write tok:creator",
        ),
        (Request(locks=[("tok", "ghost")]), "--lock tok:ghost: ghost is not in the roster"),
        (
            Request(forbids=[("nobody", "coder")]),
            "--forbid nobody:coder: nobody is not in the roster",
        ),
        (Request(locks=[("tok", "coder"), ("py", "coder")]), "Coder is in two locks"),
        (
            Request(locks=[("py", "coder")], forbids=[("py", "coder")]),
            "the same pair is also forbidden",
        ),
        (Request(rematch=["p9"]), "--rematch p9: there is no such pair"),
        (Request(cohort="winter"), "--cohort winter: nobody is in that cohort; cohorts: default"),
    ],
)
def test_a_request_that_breaks_a_rule_is_refused_with_the_reason(
    request_: Request, message: str, weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    with pytest.raises(MatchInputError) as raised:
        propose(two_by_two(creator="tok"), [], weights, vectors, request_)
    assert any(message in line for line in raised.value.messages), raised.value.messages


def test_locking_someone_already_paired_asks_for_a_rematch(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    existing = [active("p1", "tok", "creator")]
    with pytest.raises(MatchInputError, match="Tok is already in pair p1; add --rematch p1"):
        propose(two_by_two(), existing, weights, vectors, Request(locks=[("tok", "coder")]))
    result = propose(
        two_by_two(), existing, weights, vectors, Request(locks=[("tok", "coder")], rematch=["p1"])
    )
    assert pairs_of(result) == {("tok", "coder"), ("py", "creator")}


def test_the_assignment_maximises_the_total_where_a_greedy_pick_would_not() -> None:
    # Greedy takes the single best cell (0.9) and is left with 0.1: total 1.0. Optimal is 1.65.
    total = np.array([[0.9, 0.8], [0.85, 0.1]])
    assert sorted(assign(total, np.zeros((2, 2), dtype=bool))) == [(0, 1), (1, 0)]


def test_the_assignment_never_uses_a_blocked_cell_even_to_pair_more_people() -> None:
    total = np.array([[0.9, 0.2], [0.8, 0.1]])
    blocked = np.array([[False, True], [False, True]])
    assert assign(total, blocked) == [(0, 0)]


def test_a_cohort_with_leaders_but_no_mentors_lists_every_leader_as_unmatched(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    result = propose([leader("tok", **TIKTOK), leader("py", **PYTHON)], [], weights, vectors)
    assert result.proposals == []
    assert [u.reason for u in result.unmatched] == [
        "no free mentor in cohort default: all are paired, locked or left out"
    ] * 2
