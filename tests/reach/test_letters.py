"""Who gets which letter: pure composition from nudges, people and what was sent before."""

from datetime import date

from assistant.accountability.nudges import Nudge, Recipient
from assistant.models import Participant, SourceRef
from assistant.reach.letters import coordinator_summaries, personal_letters
from assistant.surveys.due import OwedSurvey

SOURCE = SourceRef(doc="accountability.md", heading="Commitments and follow-through")


def person(pid: str, role: str, email: str | None = "x@example.org") -> Participant:
    name = {"L-1": "Ada Lee", "M-1": "Ben Ray", "C-1": "Cy Coord"}[pid]
    return Participant(
        id=pid, name=name, role=role, department="IT", level=5, email=email and f"{pid}@ex.org"
    )


PEOPLE = {
    p.id: p
    for p in (person("L-1", "leader"), person("M-1", "mentor"), person("C-1", "coordinator"))
}


def nudge(kind: str, to: list[str], key: str) -> Nudge:
    people = [Recipient(id=i, name=PEOPLE[i].name, role=PEOPLE[i].role) for i in to]
    return Nudge(
        kind=kind, pair_id="P-1", cohort="c", to=people, reason=f"why {key}",
        message=f"say {key}", source=SOURCE, key=key,
    )  # fmt: skip


NUDGES = [
    nudge("overdue-session", ["L-1", "M-1"], "k-session"),
    nudge("survey-due", ["M-1"], "k-survey"),
    nudge("poor-fit", ["C-1"], "k-fit"),
]
OWED = [
    OwedSurvey(
        participant_id="M-1", name="Ben Ray", side="mentor", pair_id="P-1", cohort="c",
        kind="baseline", due_since=date(2025, 1, 1),
    )
]  # fmt: skip


def test_each_recipient_gets_one_letter_with_only_what_is_new_to_them() -> None:
    letters, unreachable = personal_letters(PEOPLE, NUDGES, {"L-1": {"nudge:k-session"}})
    by_id = {letter.recipient.id: letter for letter in letters}
    assert sorted(by_id) == ["C-1", "M-1"] and unreachable == []
    assert by_id["M-1"].subject == "Your reverse-mentoring programme: 1 reminder and 1 survey"
    assert by_id["M-1"].keys == ["nudge:k-session", "nudge:k-survey"]
    assert "say k-session" in by_id["M-1"].body and by_id["M-1"].body.startswith("Here is what")
    assert "say k-fit" in by_id["C-1"].body


def test_someone_without_an_address_is_unreachable_not_written_to() -> None:
    people = PEOPLE | {"L-1": person("L-1", "leader", email=None)}
    letters, unreachable = personal_letters(people, NUDGES, {})
    assert "L-1" not in {letter.recipient.id for letter in letters}
    assert [(gone.person.id, gone.items) for gone in unreachable] == [("L-1", 1)]


def test_the_summary_lists_pair_nudges_counts_surveys_and_skips_what_it_sent() -> None:
    (summary,) = coordinator_summaries([PEOPLE["C-1"]], NUDGES, OWED, [], [], "2025-06-30", {})
    assert summary.keys == ["summary:k-session"]
    assert "Overdue session, pair P-1: nudged Ada Lee (leader) and Ben Ray (mentor)" in summary.body
    assert "why k-session" in summary.body and "k-fit" not in summary.body
    assert "Surveys still owed: 1 across 1 pair (baseline 1)." in summary.body
    again = coordinator_summaries(
        [PEOPLE["C-1"]], NUDGES, OWED, [], [], "2025-06-30", {"C-1": {"summary:k-session"}}
    )
    assert again == []
