from assistant.config import MatchingWeights
from assistant.matching.propose import propose
from assistant.matching.vectors import PhraseVectors

from .people import leader, mentor


def test_bad_rows_are_reported_and_everyone_else_is_still_matched(
    weights: MatchingWeights, vectors: PhraseVectors
) -> None:
    roster = [
        leader("ok-leader", goals=["analyse team data in Python"]),
        mentor("ok-mentor", skills=["Python"]),
        leader("lost", manager_id="typo-id", goals=["learn TikTok"]),
        mentor("loop-a", manager_id="loop-b", skills=["TikTok"]),
        mentor("loop-b", manager_id="loop-a", skills=["Instagram"]),
        mentor("twice", skills=["Excel"]),
        leader("twice", goals=["use spreadsheets"]),
    ]
    result = propose(roster, [], weights, vectors)
    assert [(p.leader_id, p.mentor_id) for p in result.proposals] == [("ok-leader", "ok-mentor")]
    problems = {(p.participant_id, p.row, p.field) for p in result.problems}
    assert problems == {
        ("lost", 3, "manager_id"),
        ("loop-a", 4, "manager_id"),
        ("twice", 7, "role"),
    }
    reasons = {u.person_id: u.reason for u in result.unmatched}
    assert set(reasons) == {"lost", "loop-a", "loop-b", "twice"}
    assert reasons["lost"].startswith("reporting line cannot be checked: their manager id")
    assert "managers form a loop" in reasons["loop-b"]
    assert "in the roster twice" in reasons["twice"]
