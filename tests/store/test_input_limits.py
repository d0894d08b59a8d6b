"""Oversized and pathological input is refused in one short line, never a traceback or an echo."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assistant.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def pair() -> str:
    assert run("roster", "import", str(EXAMPLES / "roster.csv")).exit_code == 0
    assert run("pairs", "import", str(EXAMPLES / "pairs.csv")).exit_code == 0
    return "P-01"


def log_text(pair: str, tmp_path: Path, text: str) -> Result:
    path = tmp_path / "summary.json"
    path.write_text(text, encoding="utf-8")
    return run("log", "--pair", pair, "--from", str(path))


def refused(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and len(result.output) < 600, result.output[:2000]
    return result.output


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"held_on": "2025-03-24", "duration_minutes": ' + "9" * 5000 + "}", "a number too long"),
        (json.dumps({"held_on": "2025-03-24", "shared_summary": "x" * 10_000_000}), "more than"),
    ],
)
def test_pathological_json_is_one_short_error(pair: str, tmp_path: Path, text: str, says: str):
    assert says in refused(log_text(pair, tmp_path, text))


def test_a_huge_value_is_quoted_as_a_short_excerpt(pair: str, tmp_path: Path) -> None:
    summary = {"held_on": "2025-03-24", "duration_minutes": int("9" * 4000)}
    output = refused(log_text(pair, tmp_path, json.dumps(summary)))
    assert "duration_minutes: 9999999999" in output and "(4,000 characters) is too large" in output
    topic = {"held_on": "2025-03-24", "topics": ["y" * 100_000]}
    assert "(100,000 characters) is not one of" in refused(
        log_text(pair, tmp_path, json.dumps(topic))
    )


def test_a_summary_with_too_many_commitments_is_refused(pair: str, tmp_path: Path) -> None:
    many = [{"owner": "leader", "text": f"Do thing {n}"} for n in range(101)]
    output = refused(
        log_text(pair, tmp_path, json.dumps({"held_on": "2025-03-24", "commitments": many}))
    )
    assert "commitments: too many: at most 100" in output
    lots = [{"owner": "leader", "text": "x"}] * 200_000
    assert "more than the 2,000,000" in refused(
        log_text(pair, tmp_path, json.dumps({"held_on": "2025-03-24", "commitments": lots}))
    )


def test_a_csv_cell_over_the_limit_names_its_line(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,name,role,department,level,manager_id,skills,interests,goals\n"
        "L1,Lee,leader,Ops,9,,,,\n"
        f"M1,Mo,mentor,IT,2,,{'z' * 140_000},,\n",
        encoding="utf-8",
    )
    output = refused(run("roster", "import", str(roster)))
    assert "roster.csv: line 3: a cell longer than 131,072 characters" in output
