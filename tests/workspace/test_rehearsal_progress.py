"""One rehearsal-progress format for the app's Progress panel and `rmcoach rehearse`."""

from assistant.agent.rehearsal import AttemptScore
from assistant.workspace.rehearsals import progress_lines


def test_each_attempt_is_drawn_to_a_fixed_scale_then_the_change_since_the_first() -> None:
    scores = [
        AttemptScore(number=1, total=6, failed=["situation", "request"]),
        AttemptScore(number=2, total=14, failed=[]),
    ]
    assert progress_lines(scores) == [
        "Attempt 1: 6/14 " + "█" * 6 + "░" * 8,
        "Attempt 2: 14/14 " + "█" * 14,
        "+8 since your first attempt",
    ]


def test_a_single_attempt_has_no_change_line_and_none_has_no_lines() -> None:
    one = [AttemptScore(number=1, total=3, failed=["impact"])]
    assert progress_lines(one) == ["Attempt 1: 3/14 " + "█" * 3 + "░" * 11]
    assert progress_lines([]) == []
