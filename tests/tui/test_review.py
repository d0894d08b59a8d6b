"""Review: a coordinator sees the demo's pairs at risk, sorts, filters and exports them."""

import csv
import io
import json

from assistant.reports.build import build_report
from assistant.tui.screens.review import ReviewScreen

from .conftest import TODAY


async def _review(run) -> ReviewScreen:
    await run.enter_as("coordinator")
    screen = run.app.screen
    assert isinstance(screen, ReviewScreen)
    await run.wait(lambda: screen.report is not None, "the report")
    return screen


def _pairs_in_table(screen: ReviewScreen) -> list[str]:
    table = screen.query_one("#at-risk")
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_the_coordinator_sees_the_demos_pairs_at_risk_with_reasons(launch, services) -> None:
    expected = build_report(services.store, today=TODAY).at_risk.pairs
    assert expected, "the demo programme should have pairs at risk"
    async with launch(services) as run:
        screen = await _review(run)
        assert sorted(_pairs_in_table(screen)) == sorted(p.pair_id for p in expected)
        reasons = str(screen.query_one("#at-risk").get_row_at(0)[2])
        assert reasons
        stats = " ".join(str(s.render()) for s in screen.query(".stat"))
        assert "At risk" in stats and "Sessions held" in stats


async def test_pairs_at_risk_sort_and_filter(launch, services) -> None:
    async with launch(services) as run:
        screen = await _review(run)
        shown = _pairs_in_table(screen)
        assert shown == sorted(shown)
        await run.press("s")  # next column: cohort
        await run.press("s")  # reasons
        await run.press("s")  # why
        await run.press("s")  # back to pair, ascending
        screen._sort_by(0)  # the same column again reverses, as a heading click does
        assert _pairs_in_table(screen) == sorted(shown, reverse=True)
        first = shown[0]
        await run.press("slash")
        await run.type_text(first)
        await run.wait(lambda: _pairs_in_table(screen) == [first], "the filtered table")


async def test_the_report_exports_as_csv_json_and_markdown(launch, services, home) -> None:
    async with launch(services) as run:
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
    launch, services, home
) -> None:
    from assistant.models import Ratings, SessionSummary

    secret = "SECRET-NOTE-7f3a"
    services.store.record_session(
        SessionSummary(
            pair_id="P-001",
            held_on=TODAY,
            leader_ratings=Ratings(safety=5, usefulness=4),
            leader_private_note=secret,
            shared_summary=f"shared {secret}",
        )
    )
    async with launch(services) as run:
        screen = await _review(run)
        screen.action_export("json")
        await run.wait_for_notice("report-2026-11-20.json")
        assert secret not in run.app.export_screenshot()
    assert secret not in (home / "exports" / "report-2026-11-20.json").read_text()
