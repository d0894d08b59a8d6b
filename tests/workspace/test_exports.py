"""What the workspace writes for people to take away: a plan's calendar event, the plan and the
report as export files, each as of the workspace's today and never over an earlier export."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from assistant.reach.calendar import next_session_start
from assistant.reports import render
from assistant.workspace.errors import Unavailable

from .conftest import PAIR, TODAY


async def test_a_plan_event_starts_when_the_pair_is_next_due_unless_told(
    workspace, tmp_path: Path
) -> None:
    planned, glance = await workspace.plan(PAIR), await workspace.glance(PAIR)
    due = tmp_path / "due.ics"
    said = await workspace.write_plan_event(due, planned.plan, glance.context)
    assert said.startswith(f"Calendar event written to {due}: ")
    (event,) = Calendar.from_ical(due.read_bytes()).events
    start = event.start.astimezone()
    assert start.date() > TODAY and start.weekday() < 5 and start.hour == 10
    assert start == next_session_start(glance.context, TODAY)

    told = tmp_path / "told.ics"
    await workspace.write_plan_event(told, planned.plan, glance.context, datetime(2026, 12, 2, 15))
    (event,) = Calendar.from_ical(told.read_bytes()).events
    assert event.start == datetime(2026, 12, 2, 15).astimezone(UTC)


async def test_an_event_that_cannot_be_written_says_where(workspace, tmp_path: Path) -> None:
    planned, glance = await workspace.plan(PAIR), await workspace.glance(PAIR)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(Unavailable, match=f"cannot write {blocked / 'next.ics'}: "):
        await workspace.write_plan_event(blocked / "next.ics", planned.plan, glance.context)


async def test_a_plan_exported_twice_keeps_both(workspace, home: Path) -> None:
    planned, glance = await workspace.plan(PAIR), await workspace.glance(PAIR)
    first = await workspace.export_plan(planned.plan, glance.context)
    second = await workspace.export_plan(planned.plan, glance.context)
    exports = home / "exports"
    stem = f"plan-{PAIR}-{TODAY}"
    assert first.startswith(f"Plan exported to {exports / stem}.md. Calendar event written to ")
    assert f"{stem}-2.md (a new file: {stem}.md, exported earlier, is kept)" in second
    assert sorted(p.name for p in exports.iterdir()) == [
        f"{stem}-2.ics", f"{stem}-2.md", f"{stem}.ics", f"{stem}.md"
    ]  # fmt: skip
    assert planned.plan.agenda[0].title in (exports / f"{stem}.md").read_text(encoding="utf-8")


async def test_a_report_export_is_the_rendered_report_under_the_days_name(
    workspace, home: Path
) -> None:
    report = await workspace.report()
    first = await workspace.export_report(report, "csv")
    again = await workspace.export_report(report, "csv")
    table = await workspace.export_report(report, "table")
    assert first.path == home / "exports" / f"report-{TODAY}.csv" and first.earlier is None
    assert (again.path.name, again.earlier) == (f"report-{TODAY}-2.csv", first.path)
    assert first.path.read_text(encoding="utf-8") == render(report, "csv")
    assert table.path.name == f"report-{TODAY}.txt"
