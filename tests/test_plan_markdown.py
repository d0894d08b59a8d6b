"""The plan as Markdown: everything a calendar invite needs, with names instead of ids."""

from datetime import date

from assistant.models import (
    AgendaItem,
    Objective,
    Pair,
    PairContext,
    Participant,
    SafetyPrompts,
    SessionPlan,
    SourceRef,
)
from assistant.plan_markdown import plan_to_markdown


def _plan() -> SessionPlan:
    return SessionPlan(
        pair_id="p1",
        stage="middle",
        session_number=3,
        minutes=30,
        agenda=[
            AgendaItem(
                title="Check in | commitments",
                minutes=10,
                purpose="See what moved",
                serves="commitments",
            ),
            AgendaItem(title="Try the dashboard", minutes=20, purpose="Hands on", serves="o1"),
        ],
        reflection_before=["What do I want to learn today?"],
        reflection_after=["What will I try before we meet again?"],
        safety_prompts=SafetyPrompts(
            leader=["Thank candour out loud"], mentor=["Name one thing that surprised you"]
        ),
        sources=[SourceRef(doc="feedback", heading="Inviting candour")],
    )


def _context() -> PairContext:
    leader = Participant(id="l1", name="Ada Leader", role="leader", department="Ops", level=10)
    mentor = Participant(id="m1", name="Ben Mentor", role="mentor", department="IT", level=2)
    objective = Objective(id="o1", title="Read our data dashboards", kind="digital-fluency")
    pair = Pair(
        id="p1", leader_id="l1", mentor_id="m1", start_date=date(2026, 1, 5), objectives=[objective]
    )
    return PairContext(pair=pair, leader=leader, mentor=mentor, objectives=[objective])


def test_markdown_names_the_pair_and_every_section() -> None:
    text = plan_to_markdown(_plan(), _context())
    assert text.startswith("# Session 3 (middle), 30 minutes: Ada Leader with Ben Mentor\n")
    for heading in (
        "## Agenda",
        "## Before the session",
        "## After the session",
        "## Making candour safe",
        "## Sources",
    ):
        assert heading in text
    assert "- What will I try before we meet again?" in text
    assert "- feedback > Inviting candour" in text


def test_agenda_rows_show_minutes_and_what_each_item_serves() -> None:
    text = plan_to_markdown(_plan(), _context())
    assert "| 10 | Check in \\| commitments | See what moved (reviews open commitments) |" in text
    assert "| 20 | Try the dashboard | Hands on (serves: Read our data dashboards) |" in text


def test_without_context_the_pair_id_stands_in() -> None:
    text = plan_to_markdown(_plan())
    assert text.splitlines()[0].endswith(": pair p1")
    assert "(serves: o1)" in text
