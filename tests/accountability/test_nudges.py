from datetime import date

import pytest

from assistant.accountability.nudges import not_assessed, nudges_for
from assistant.store import Store

from .programme import TODAY, seed


@pytest.fixture
def store(any_store: Store) -> Store:
    seed(any_store)
    return any_store


def test_each_rule_fires_for_its_pair_and_nothing_else_does(store: Store) -> None:
    found = [(n.kind, n.pair_id, [r.id for r in n.to]) for n in nudges_for(store, TODAY)]
    assert found == [
        ("overdue-session", "P2", ["L2", "M2"]),
        ("overdue-session", "P3", ["L3", "M3"]),
        ("overdue-commitment", "P4", ["L4"]),
        ("debrief-missing", "P5", ["L5"]),
        ("rating-drop", "P5", ["M5"]),
    ]


def test_reasons_state_the_facts(store: Store) -> None:
    reasons = {(n.kind, n.pair_id): n.reason for n in nudges_for(store, TODAY)}
    assert reasons[("overdue-session", "P2")] == (
        "last session on 2025-06-10: 20 days, planned every 14 days"
    )
    assert reasons[("overdue-session", "P3")] == (
        "no session since the start on 2025-06-01: 29 days, planned every 14 days"
    )
    assert reasons[("overdue-commitment", "P4")] == (
        "leader's commitment “Post in the team channel” was due on 2025-06-25 (5 days ago)"
    )
    assert reasons[("debrief-missing", "P5")] == (
        "no leader debrief (ratings) for the session on 2025-06-24, 6 days ago"
    )
    assert reasons[("rating-drop", "P5")] == (
        "mentor's safety rating fell by 2 points or more (2025-06-12 to 2025-06-24)"
    )


def test_messages_greet_the_recipients_and_quote_the_cited_guidance(store: Store) -> None:
    nudges = {(n.kind, n.pair_id): n for n in nudges_for(store, TODAY)}
    overdue = nudges[("overdue-session", "P2")]
    assert overdue.message.startswith("Hi Lena and Milo, it's been 20 days since your last session")
    assert overdue.message.endswith("would a shorter 30-minute session make it easier?")
    assert overdue.source.cite() == (
        "[accountability.md > Commitments and follow-through > Example nudge messages]"
    )
    drop = nudges[("rating-drop", "P5")]
    assert "How are sessions feeling from your side?" in drop.message
    assert "3" not in drop.message.replace("2025-06-24", "")
    debrief = nudges[("debrief-missing", "P5")]
    assert debrief.source.doc == "reflection.md"


def test_the_coordinators_list_quotes_no_ones_rating(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from assistant.cli import main

    monkeypatch.setenv("RMCOACH_DATABASE_URL", store.engine.url.render_as_string(False))
    shown = CliRunner().invoke(main, ["nudges", "--today", TODAY.isoformat()])
    assert shown.exit_code == 0, shown.output
    (drop,) = [block for block in shown.output.split("\n\n") if "rating fell" in block]
    assert "pair P5: to Milo" in drop
    assert not {"3", "6"} & set(drop.replace("2025-06-12", "").replace("2025-06-24", ""))


def test_a_pair_without_consent_is_counted_not_nudged(store: Store) -> None:
    assert "P6" not in {n.pair_id for n in nudges_for(store, TODAY)}
    assert not_assessed(store) == 1


def test_the_same_date_gives_the_same_nudges_and_a_later_date_moves_on(store: Store) -> None:
    assert nudges_for(store, TODAY) == nudges_for(store, TODAY)
    later = {(n.kind, n.pair_id) for n in nudges_for(store, date(2025, 7, 3))}
    # By 07-03 P4's leader closed the commitment (07-02), and P7 and P8 are past their limits.
    assert ("overdue-commitment", "P4") not in later
    assert ("overdue-session", "P7") in later
    assert ("debrief-missing", "P8") in later
