"""Session summaries from JSON: a recorded summary out, or an error that names the field."""

import json
from pathlib import Path

import pytest

from assistant.workspace.summary_json import InvalidSummary, parse_summary

EXAMPLE = Path(__file__).parents[2] / "examples" / "session.json"


def test_the_example_file_is_a_valid_summary() -> None:
    summary = parse_summary("P-01", EXAMPLE.read_text(), source="examples/session.json")
    assert summary.pair_id == "P-01"
    assert len(summary.commitments) == 2
    assert summary.mentor_private_note


def test_errors_name_each_field_path_in_plain_words() -> None:
    data = {
        "held_on": "2025-02-30",
        "commitments": [
            {"owner": "leader", "text": "ok"},
            {"owner": "boss", "text": "x", "due": "soon"},
        ],
        "leader_ratings": {"safety": 9, "usefulness": 3},
        "mood": "fine",
    }
    with pytest.raises(InvalidSummary) as caught:
        parse_summary("P1", json.dumps(data), source="s.json")
    message = str(caught.value)
    assert message.startswith("s.json is not a valid session summary; nothing was recorded")
    assert "held_on: invalid date '2025-02-30' (write it as YYYY-MM-DD)" in message
    assert "commitments[1].owner: 'boss' is not one of 'leader' or 'mentor'" in message
    assert "commitments[1].due: invalid date 'soon'" in message
    assert "leader_ratings.safety: 9 is too large: the most allowed is 7" in message
    assert "mood: unknown field" in message


def test_broken_json_is_reported_with_its_line_and_column() -> None:
    with pytest.raises(InvalidSummary, match=r"s.json: line 2, column 1: not valid JSON"):
        parse_summary("P1", '{"held_on": "2025-02-03",\n}', source="s.json")
    with pytest.raises(InvalidSummary, match="expected a JSON object"):
        parse_summary("P1", "[]", source="s.json")


def test_a_pair_id_in_the_json_must_match_the_pair_being_logged() -> None:
    with pytest.raises(
        InvalidSummary, match="pair_id: says 'P2', but the session is being logged for 'P1'"
    ):
        parse_summary("P1", {"pair_id": "P2", "held_on": "2025-02-03"})
