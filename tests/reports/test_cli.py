"""`rmcoach report`: every format parses, dates are checked, and --today makes it repeatable."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from assistant.cli import main

from .conftest import url_of
from .programme import PRIVATE_MARKER


@pytest.fixture
def run(programme, monkeypatch):
    monkeypatch.setenv("RMCOACH_DATABASE_URL", url_of(programme))

    def invoke(*args: str):
        return CliRunner().invoke(main, ["report", *args])

    return invoke


def test_json_output_is_the_report_as_of_today(run):
    result = run("--format", "json", "--today", "2024-06-30", "--cohort", "c1")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["meta"]["generated_for"] == "2024-06-30"
    assert report["totals"]["sessions_held"] == 29


def test_csv_output_parses_with_its_four_columns(run):
    result = run("--format", "csv", "--today", "2024-06-30")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["metric", "breakdown", "period", "value"]
    assert all(len(row) == 4 for row in rows)


def test_csv_escapes_a_cell_that_a_spreadsheet_would_run_as_a_formula(run):
    result = run("--format", "csv", "--today", "2024-06-30", "--cohort", '=HYPERLINK("x")')
    assert result.exit_code == 0, result.output
    cells = [cell for row in csv.reader(io.StringIO(result.output)) for cell in row]
    assert '\'=HYPERLINK("x")' in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@", "\t", "\r"))]


@pytest.mark.parametrize(
    ("cell", "written"),
    [("=1+2", "'=1+2"), ("+x", "'+x"), ("-1+2", "'-1+2"), ("@SUM(A1)", "'@SUM(A1)")]
    + [("\tx", "'\tx"), ("\rx", "'\rx"), ("-3", "-3"), ("-0.25", "-0.25"), ("a=b", "a=b")],
)
def test_csv_cell_escapes_formula_starts_but_not_negative_numbers(cell, written):
    from assistant.safe_text import csv_cell

    assert csv_cell(cell) == written


@pytest.mark.parametrize("format_", ["table", "md", "json", "csv"])
def test_every_format_is_repeatable_and_private_free(run, format_):
    first = run("--format", format_, "--today", "2024-06-30", "--min-group-size", "1")
    second = run("--format", format_, "--today", "2024-06-30", "--min-group-size", "1")
    assert first.exit_code == 0, first.output
    assert first.output == second.output
    assert PRIVATE_MARKER not in first.output


def test_min_group_size_comes_from_the_setting_unless_given(run, monkeypatch):
    monkeypatch.setenv("RMCOACH_MIN_GROUP_SIZE", "3")
    report = json.loads(run("--format", "json", "--today", "2024-06-30").output)
    assert report["meta"]["min_group_size"] == 3
    report = json.loads(run("--format", "json", "--min-group-size", "7").output)
    assert report["meta"]["min_group_size"] == 7


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--today", "2024-02-30"], "is not a date; write it as YYYY-MM-DD"),
        (["--since", "2024-07-01", "--today", "2024-06-30"], "is after the report date"),
        (["--min-group-size", "0"], "0 is not in the range x>=1"),
        (["--format", "xml"], "'xml' is not one of"),
    ],
)
def test_bad_options_exit_2_with_a_message(run, args, complaint):
    result = run(*args)
    assert result.exit_code == 2
    assert complaint in result.output
    assert "Traceback" not in result.output


def test_an_unreachable_database_is_a_message_not_a_traceback(monkeypatch, tmp_path):
    folder = tmp_path / "not-a-folder"
    folder.write_text("a file where the database's folder should be")
    monkeypatch.setenv("RMCOACH_DATABASE_URL", f"sqlite:///{folder}/db.sqlite3")
    result = CliRunner().invoke(main, ["report"])
    assert result.exit_code == 1
    assert "Error:" in result.output
