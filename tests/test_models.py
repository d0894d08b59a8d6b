"""The domain refuses what no programme can hold: far-off dates, true as a number, a cancelled
session with ratings, leaving before joining."""

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from assistant.cli import main
from assistant.models import Participant, Ratings, SessionSummary

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.mark.parametrize("held_on", ["0001-01-01", "9999-12-31", "1999-12-31"])
def test_a_date_outside_the_range_is_refused_with_the_range(held_on: str) -> None:
    with pytest.raises(ValidationError, match="outside the dates rmcoach accepts, 2000-01-01 to"):
        SessionSummary.model_validate({"pair_id": "P1", "held_on": held_on})


@pytest.mark.parametrize(
    "fields",
    [
        {"duration_minutes": True},
        {"leader_ratings": {"safety": True, "usefulness": 4}},
        {"mentor_ratings": {"safety": 5, "usefulness": False}},
    ],
)
def test_true_or_false_is_not_a_duration_or_a_rating(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError, match="is not a number; give a whole number"):
        SessionSummary.model_validate({"pair_id": "P1", "held_on": "2025-03-03"} | fields)


def test_a_number_in_a_string_still_reads_as_a_number() -> None:
    assert Ratings.model_validate({"safety": "5", "usefulness": 4}).safety == 5


def test_a_cancelled_session_takes_no_ratings_or_duration_and_lasts_zero_minutes() -> None:
    base = {"pair_id": "P1", "held_on": "2025-03-03", "status": "cancelled"}
    with pytest.raises(ValidationError, match="a cancelled session has no mentor_ratings"):
        SessionSummary.model_validate(base | {"mentor_ratings": {"safety": 5, "usefulness": 4}})
    with pytest.raises(ValidationError, match=r"has no duration_minutes \(30\)"):
        SessionSummary.model_validate(base | {"duration_minutes": 30})
    assert SessionSummary.model_validate(base).duration_minutes == 0
    assert SessionSummary.model_validate(base | {"duration_minutes": 0}).duration_minutes == 0


def test_leaving_before_joining_is_refused() -> None:
    person = {"id": "L1", "name": "Lee", "role": "leader", "department": "Ops", "level": 9}
    with pytest.raises(ValidationError, match=r"left \(2025-01-01\) is before joined"):
        Participant.model_validate(person | {"joined": "2025-03-03", "left": "2025-01-01"})
    stayed = Participant.model_validate(person | {"joined": "2025-03-03", "left": "2025-03-03"})
    assert stayed.left == date(2025, 3, 3)


def test_the_roster_import_names_the_line_of_a_bad_leaving_date(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,name,role,department,level,manager_id,skills,interests,goals,joined,left\n"
        "L1,Lee,leader,Ops,9,,,,,2025-03-03,2025-01-01\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["roster", "import", str(roster)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "roster.csv: line 2" in result.output and "is before joined" in result.output


@pytest.mark.parametrize(
    "command",
    [
        ["report", "--today", "0001-01-01"],
        ["nudges", "--today", "0001-01-01"],
        ["survey", "due", "--today", "9999-12-31"],
        ["demo", "--today", "0001-01-01"],
    ],
)
def test_today_outside_the_range_is_a_one_line_error(command: list[str]) -> None:
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2
    assert "is outside the dates rmcoach accepts, 2000-01-01 to 2099-12-31" in result.output
