"""`rmcoach nudges` over the demo programme, on a fixed date."""

import json
from datetime import date

import pytest
from click.testing import CliRunner, Result

from assistant.accountability.advice import ADVICE
from assistant.cli import main
from assistant.demo import generate, write_programme
from assistant.store import Store

TODAY = date(2025, 6, 30)


@pytest.fixture
def demo() -> Store:
    store = Store.open()
    write_programme(store, generate(seed=7, pairs=30, months=6, today=TODAY))
    return store


def nudges(*args: str) -> Result:
    return CliRunner().invoke(main, ["nudges", "--today", TODAY.isoformat(), *args])


def test_nudges_are_the_same_on_every_run_for_a_given_date(demo: Store) -> None:
    first, second = nudges("--json"), nudges("--json")
    assert first.exit_code == 0, first.output
    assert first.output == second.output
    assert json.loads(first.output)["today"] == "2025-06-30"


def test_every_nudge_names_real_people_a_reason_and_a_cited_message(demo: Store) -> None:
    payload = json.loads(nudges("--json").output)
    found = payload["nudges"]
    kinds = {n["kind"] for n in found}
    assert {"overdue-session", "overdue-commitment"} <= kinds  # the demo has drifting pairs
    people = {p.id: p for p in demo.participants()}
    pairs = {p.id: p for p in demo.pairs()}
    assert "survey-due" in kinds  # some people never answer
    for nudge in found:
        pair = pairs[nudge["pair_id"]]
        # Owing a survey is news for closed pairs too; every other nudge is for active pairs.
        assert pair.status == "active" or nudge["kind"] == "survey-due"
        for recipient in nudge["to"]:
            person = people[recipient["id"]]
            assert person.name == recipient["name"] and person.role == recipient["role"]
            if recipient["role"] != "coordinator":
                assert recipient["id"] == getattr(pair, f"{recipient['role']}_id")
        assert nudge["reason"]
        first_names = [r["name"].split()[0] for r in nudge["to"]]
        greeting = (
            f"Pair {pair.id}: "
            if nudge["kind"] == "poor-fit"
            else "Hi " + " and ".join(first_names)
        )
        assert nudge["message"].startswith(greeting)
        wanted = ADVICE[nudge["kind"]]
        assert nudge["source"] == {"doc": wanted.doc, "heading": wanted.heading}


def test_the_text_view_groups_reasons_and_sources(demo: Store) -> None:
    result = nudges()
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Nudges for 2025-06-30: ")
    assert "  why: " in result.output and "  suggested message: Hi " in result.output
    assert "  source: [accountability.md > Commitments and follow-through > " in result.output


def test_a_date_that_is_not_a_date_is_refused() -> None:
    result = CliRunner().invoke(main, ["nudges", "--today", "30/06/2025"])
    assert result.exit_code == 2
    assert "'30/06/2025' is not a date; write it as YYYY-MM-DD" in result.output
