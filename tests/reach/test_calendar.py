"""A session plan as an iCalendar event: what a calendar reads back, and the bytes RFC 5545 asks."""

import re
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar, Event

from assistant.models import (
    AgendaItem,
    Objective,
    Pair,
    PairContext,
    Participant,
    SafetyPrompts,
    SessionPlan,
    SessionSummary,
    SourceRef,
)
from assistant.reach.calendar import next_session_start, plan_event

START = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
STAMP = datetime(2026, 2, 20, 9, 0, tzinfo=UTC)
LONG_PURPOSE = "Walk through the dashboard the mentor's team uses every morning, " * 3


def plan() -> SessionPlan:
    return SessionPlan(
        pair_id="P-07",
        stage="middle",
        session_number=3,
        minutes=50,
        agenda=[
            AgendaItem(title="Commitments", minutes=10, purpose="What moved", serves="commitments"),
            AgendaItem(title="Dashboards, hands on", minutes=40, purpose=LONG_PURPOSE, serves="o1"),
        ],
        reflection_before=["What do I want to learn today?"],
        reflection_after=["What will I try before we meet again?"],
        safety_prompts=SafetyPrompts(leader=["Thank candour"], mentor=["Name one surprise"]),
        sources=[SourceRef(doc="feedback.md", heading="Giving feedback upward > SBI")],
    )


def context(leader_email: str | None = "ada@example.org", mentor_email: str | None = None):
    leader = Participant(
        id="L-1", name="Ada Lovelace", role="leader", department="Ops", level=10, email=leader_email
    )
    mentor = Participant(
        id="M-1", name="Ben Okafor", role="mentor", department="IT", level=2, email=mentor_email
    )
    objective = Objective(id="o1", title="Read our data dashboards", kind="digital-fluency")
    pair = Pair(id="P-07", leader_id="L-1", mentor_id="M-1", start_date=date(2026, 1, 5))
    return PairContext(pair=pair, leader=leader, mentor=mentor, objectives=[objective])


def event_of(data: bytes) -> Event:
    (event,) = Calendar.from_ical(data).events
    return event


def test_a_calendar_reads_back_the_time_the_people_and_the_whole_plan() -> None:
    data = plan_event(plan(), context(mentor_email="ben@example.org"), START, STAMP)
    event = event_of(data)
    assert (event.start, event.end) == (START, START + timedelta(minutes=50))
    assert event["SUMMARY"] == "Reverse mentoring: Ada Lovelace and Ben Okafor"
    assert [(str(a), a.params["CN"]) for a in event.attendees] == [
        ("mailto:ada@example.org", "Ada Lovelace"),
        ("mailto:ben@example.org", "Ben Okafor"),
    ]
    assert str(event["ORGANIZER"]) == "mailto:ada@example.org"
    description = str(event["DESCRIPTION"])
    assert description.startswith("Session 3 (middle), 50 minutes: Ada Lovelace with Ben Okafor")
    assert "- 10 min: Commitments. What moved (reviews open commitments)" in description
    assert f"- 40 min: Dashboards, hands on. {LONG_PURPOSE.strip()}" in description
    assert "(serves: Read our data dashboards)" in description
    assert "- What do I want to learn today?" in description
    assert "- What will I try before we meet again?" in description
    assert "- feedback.md > Giving feedback upward > SBI" in description
    assert event.alarms.times[0].trigger == START - timedelta(minutes=10)


def test_the_bytes_follow_rfc_5545_crlf_folding_uid_and_dtstamp() -> None:
    data = plan_event(plan(), context(), START, STAMP)
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    folded = [line for line in lines if line.startswith(b" ")]
    assert len(folded) >= 3, "the long description is folded onto continuation lines"
    assert re.search(rb"\r\nUID:rmcoach-P-07-20260302T1430Z@rmcoach\r\n", data)
    assert b"\r\nDTSTAMP:20260220T090000Z\r\n" in data
    assert b"\r\nDTSTART:20260302T143000Z\r\n" in data
    assert data.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert "Dashboards\\, hands on" in data.replace(b"\r\n ", b"").decode()


def test_the_same_pair_and_start_keep_their_uid_so_a_new_export_updates_the_event() -> None:
    first = event_of(plan_event(plan(), context(), START, STAMP))
    again = event_of(plan_event(plan(), context(), START, STAMP + timedelta(days=1)))
    later = event_of(plan_event(plan(), context(), START + timedelta(days=14), STAMP))
    assert first.uid == again.uid != later.uid
    assert again.DTSTAMP > first.DTSTAMP


def test_only_people_with_an_email_are_invited() -> None:
    mentor_only = event_of(plan_event(plan(), context(None, "ben@example.org"), START, STAMP))
    assert [str(a) for a in mentor_only.attendees] == ["mailto:ben@example.org"]
    assert "ORGANIZER" not in mentor_only
    nobody = plan_event(plan(), context(None, None), START, STAMP)
    assert b"ATTENDEE" not in nobody and b"ORGANIZER" not in nobody


@pytest.fixture
def new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_local_start_is_written_in_utc(new_york: None) -> None:
    local = datetime(2026, 7, 1, 10, 0).astimezone()
    data = plan_event(plan(), context(), local, STAMP)
    assert b"\r\nDTSTART:20260701T140000Z\r\n" in data
    event = event_of(data)
    assert event.start == local and event.start.utcoffset() == timedelta(0)


def held(day: date) -> SessionSummary:
    return SessionSummary(pair_id="P-07", held_on=day)


def test_the_next_session_is_when_the_pair_is_due_on_a_weekday_never_before_tomorrow() -> None:
    fresh = context()
    assert next_session_start(fresh, date(2026, 1, 1)).date() == date(2026, 1, 5)
    met = fresh.model_copy(update={"recent_summaries": [held(date(2026, 2, 2))]})
    assert next_session_start(met, date(2026, 2, 3)).date() == date(2026, 2, 16)
    assert next_session_start(met, date(2026, 3, 1)).date() == date(2026, 3, 2)
    friday = next_session_start(met, date(2026, 3, 5))
    assert friday.date() == date(2026, 3, 6) and friday.hour == 10
    assert next_session_start(met, date(2026, 3, 6)).date() == date(2026, 3, 9)
