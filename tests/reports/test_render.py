"""The four formats: json round-trips, csv is one flat documented table, table and md read well."""

import csv
import io
import json

import pytest

from assistant.reports import build_report, render
from assistant.reports.model import AtRisk, PairAtRisk, ProgrammeReport, RiskReason, ThemeMonth
from assistant.reports.sections import PAIRS_AT_RISK_IN_TABLE, sparkline

from .programme import TODAY


@pytest.fixture(scope="module")
def report(programme) -> ProgrammeReport:
    return build_report(programme, today=TODAY, cohort="c1")


def test_json_loads_back_into_the_same_report(report):
    loaded = json.loads(render(report, "json"))
    assert loaded["schema_version"] == 1
    assert ProgrammeReport.model_validate(loaded) == report


def test_json_marks_a_suppressed_value_without_any_number(report):
    june = json.loads(render(report, "json"))["ratings"]["by_month"][2]
    assert june["month"] == "2024-06"
    assert june["leader"]["safety_mean"] == {"suppressed": True}


def test_csv_is_one_table_of_metric_breakdown_period_value(report):
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert all(list(row) == ["metric", "breakdown", "period", "value"] for row in rows)
    found = {(r["metric"], r["breakdown"], r["period"]): r["value"] for r in rows}
    assert found[("totals.sessions_held", "", "")] == "29"
    assert found[("ratings.safety_mean", "side=leader", "2024-06")] == "suppressed"
    assert found[("retention.still_active_share", "role=leader;months=3", "")] == "0.889"
    assert found[("themes.topic_sessions", "topic=feedback", "2024-05")] == "5"
    assert found[("at_risk.reason", "pair=P2;cohort=c1", "")] == "missed-cadence"


def test_table_shows_units_percentages_and_suppression(report):
    text = render(report, "table")
    assert "15.0 days" in text and "80 %" in text and "5.45 / 7" in text
    assert "suppressed" in text
    assert "█████░░░░░ 50 %" in text  # digital-fluency mean progress as a bar


def test_table_columns_line_up(report):
    lines = render(report, "table", width=100).splitlines()
    assert max(len(line) for line in lines) <= 100
    header = next(line for line in lines if line.startswith("month"))
    april = next(line for line in lines if line.startswith("2024-04"))
    # Figures are right-aligned under their column headings.
    assert april.index("5.33") + len("5.33") == header.index("leader safety") + len("leader safety")


def test_markdown_has_a_heading_and_a_table_per_section(report):
    text = render(report, "md")
    assert text.startswith("# Programme report")
    assert "## Pairs at risk" in text
    assert "| P2 | c1 | no session for 60 days (planned every 14 days) |" in text


def test_the_same_programme_and_date_render_the_same_text(programme, report):
    again = build_report(programme, today=TODAY, cohort="c1")
    for format_ in ("table", "json", "csv", "md"):
        assert render(again, format_) == render(report, format_)


def test_sparkline_spans_its_scale_and_dots_withheld_values():
    from assistant.reports import Suppressed

    assert sparkline([1, 4, 7, Suppressed(), None], 1, 7) == "▁▅█··"


def test_table_lists_the_first_pairs_at_risk_and_says_how_many_more(report):
    reason = RiskReason(code="missed-cadence", detail="no session for 90 days")
    many = AtRisk(
        pairs=[
            PairAtRisk(pair_id=f"P-{n:03}", cohort="c1", reasons=[reason]) for n in range(1, 31)
        ],
        not_assessed_without_consent=0,
    )
    crowded = report.model_copy(update={"at_risk": many})
    table = render(crowded, "table")
    shown = [f"P-{n:03}" for n in range(1, 31) if f"P-{n:03}" in table]
    assert shown == [f"P-{n:03}" for n in range(1, PAIRS_AT_RISK_IN_TABLE + 1)]
    assert f"… and {30 - PAIRS_AT_RISK_IN_TABLE} more pairs at risk" in table
    markdown = render(crowded, "md")
    assert all(f"P-{n:03}" in markdown for n in range(1, 31))
    assert "more pairs at risk" not in markdown


def test_table_shows_the_latest_months_of_topics_that_fit_and_the_trend_of_all(report):
    months = [f"2025-{n:02}" for n in range(1, 13)]
    grid = [
        ThemeMonth(month=m, sessions=10 + n, topics={"feedback": n}) for n, m in enumerate(months)
    ]
    crowded = report.model_copy(update={"themes": grid})
    for width in (80, 120):
        table = render(crowded, "table", width=width)
        themes = table.split("Themes:")[1].split("Pairs at risk")[0]
        assert max(len(line) for line in themes.splitlines()) <= width
        header = themes.splitlines()[1]
        shown = [m for m in months if m in header]
        assert shown == months[len(months) - len(shown) :] and 1 <= len(shown) < 12
        assert f"The latest {len(shown)} of 12 months" in themes
    markdown = render(crowded, "md")
    assert all(m in markdown for m in months)
