"""Review: a coordinator sees the demo's pairs at risk, sorts, filters and exports them."""

import csv
import io
import json

import pytest

from assistant.reports.build import build_report
from assistant.tui.screens.review import ReviewScreen

from .conftest import TODAY


async def _review(run) -> ReviewScreen:
    await run.enter_as("coordinator")
    screen = run.app.screen
    assert isinstance(screen, ReviewScreen)
    await run.wait(lambda: screen.report is not None, "the report")
    await run.wait(lambda: screen.query_one("#at-risk").row_count, "the pairs at risk")
    return screen


def _pairs_in_table(screen: ReviewScreen) -> list[str]:
    table = screen.query_one("#at-risk")
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_the_coordinator_sees_the_demos_pairs_at_risk_with_reasons(launch, workspace) -> None:
    expected = build_report(workspace.store, today=TODAY).at_risk.pairs
    assert expected, "the demo programme should have pairs at risk"
    async with launch(workspace) as run:
        screen = await _review(run)
        assert sorted(_pairs_in_table(screen)) == sorted(p.pair_id for p in expected)
        reasons = str(screen.query_one("#at-risk").get_row_at(0)[2])
        assert reasons
        stats = " ".join(str(s.render()) for s in screen.query(".stat"))
        assert "At risk" in stats and "Sessions held" in stats


def _headings(screen: ReviewScreen) -> list[str]:
    return [str(column.label) for column in screen.query_one("#at-risk").ordered_columns]


async def test_pairs_at_risk_sort_both_ways_and_filter(launch, workspace) -> None:
    async with launch(workspace) as run:
        screen = await _review(run)
        shown = _pairs_in_table(screen)
        assert shown == sorted(shown)
        assert _headings(screen)[0] == "Pair ▲"
        await run.press("s")
        assert _pairs_in_table(screen) == sorted(shown, reverse=True)
        assert _headings(screen)[0] == "Pair ▼"
        await run.press("s")
        assert _pairs_in_table(screen) == shown
        await run.press("c", "c", "c", "c")  # cohort, reasons, why, and back to pair
        assert _headings(screen)[0] == "Pair ▲" and _pairs_in_table(screen) == shown
        first = shown[0]
        await run.press("slash")
        await run.type_text(first + "s")  # s is a letter in the box, not a sort
        await run.wait(lambda: _pairs_in_table(screen) == [], "the filtered table")
        await run.press("backspace")
        await run.wait(lambda: _pairs_in_table(screen) == [first], "the filtered table")
        assert _headings(screen)[0] == "Pair ▲"


@pytest.mark.parametrize("size", [(120, 36), (100, 32)])
async def test_every_reason_is_shown_whole(launch, workspace, size) -> None:
    async with launch(workspace, size=size) as run:
        screen = await _review(run)
        table = screen.query_one("#at-risk")
        await run.pilot.pause()
        assert table.virtual_size.width <= table.scrollable_content_region.width
        why = table.ordered_columns[-1]
        assert why.get_render_width(table) > 40, "the Why column takes the rest of the width"
        assert table.size.height >= table.virtual_size.height, "every row in view"
        shown = " ".join(table.render_line(y).text for y in range(table.size.height))
        for pair in screen.report.at_risk.pairs:
            for reason in pair.reasons:
                words = reason.detail.split()
                # Wrapped at the column's edge, so each word is whole on screen.
                assert all(word in shown for word in words), reason.detail


async def test_the_commitments_chart_gives_the_numbers(launch, workspace) -> None:
    async with launch(workspace, size=(120, 36)) as run:
        screen = await _review(run)
        kept = screen.report.accountability
        await run.pilot.pause()
        chart = str(screen.query_one("#commitments-chart").render())
        for label, count in (("done", kept.done), ("open", kept.open)):
            assert f"{label} {count}" in chart


async def test_the_filter_box_does_not_swallow_the_export_key(launch, workspace, home) -> None:
    async with launch(workspace) as run:
        await _review(run)
        await run.press("slash")
        await run.type_text("P-0")
        await run.press("ctrl+e")
        await run.wait_for_notice("report-2026-11-20.csv")
    assert (home / "exports" / "report-2026-11-20.csv").exists()


async def test_a_second_export_on_one_day_keeps_the_first(launch, workspace, home) -> None:
    exports = home / "exports"
    exports.mkdir()
    (exports / "report-2026-11-20.md").write_text("this morning's report")
    async with launch(workspace) as run:
        screen = await _review(run)
        screen.action_export("md")
        notice = await run.wait_for_notice("report-2026-11-20-2.md")
    assert "report-2026-11-20.md, exported earlier, is kept" in notice
    assert (exports / "report-2026-11-20.md").read_text() == "this morning's report"
    assert "Pairs at risk" in (exports / "report-2026-11-20-2.md").read_text()


async def test_the_report_exports_as_csv_json_and_markdown(launch, workspace, home) -> None:
    async with launch(workspace) as run:
        screen = await _review(run)
        at_risk = sorted(p.pair_id for p in screen.report.at_risk.pairs)
        await run.press("ctrl+e")
        await run.wait_for_notice("report-2026-11-20.csv")
        for fmt in ("json", "md"):
            screen.action_export(fmt)
            await run.wait_for_notice(f"report-2026-11-20.{fmt}")
    exports = home / "exports"
    data = json.loads((exports / "report-2026-11-20.json").read_text())
    assert sorted(p["pair_id"] for p in data["at_risk"]["pairs"]) == at_risk
    rows = list(csv.reader(io.StringIO((exports / "report-2026-11-20.csv").read_text())))
    assert any(at_risk[0] in cell for row in rows for cell in row)
    assert at_risk[0] in (exports / "report-2026-11-20.md").read_text()


async def test_nothing_private_reaches_the_review_screen_or_its_exports(
    launch, workspace, home
) -> None:
    from assistant.models import Ratings, SessionSummary

    secret = "SECRET-NOTE-7f3a"
    workspace.store.record_session(
        SessionSummary(
            pair_id="P-001",
            held_on=TODAY,
            leader_ratings=Ratings(safety=5, usefulness=4),
            leader_private_note=secret,
            shared_summary=f"shared {secret}",
        )
    )
    async with launch(workspace) as run:
        screen = await _review(run)
        screen.action_export("json")
        await run.wait_for_notice("report-2026-11-20.json")
        assert secret not in run.app.export_screenshot()
    assert secret not in (home / "exports" / "report-2026-11-20.json").read_text()


async def test_at_80_columns_every_tile_shows_its_whole_label(launch, workspace) -> None:
    """Six tiles in one row left 10 columns each: "Days between sessions" showed as "Days"."""
    async with launch(workspace, size=(80, 24)) as run:
        screen = await _review(run)
        await run.wait(lambda: len(screen.query(".stat")) == 6, "the six tiles")
        await run.pilot.pause()
        for tile in screen.query(".stat"):
            value, label = str(tile.render()).split("\n")
            assert tile.content_size.width >= len(label), f"{label!r} cut"
            assert tile.content_size.height >= 2, f"{value!r} and {label!r} need two lines"
