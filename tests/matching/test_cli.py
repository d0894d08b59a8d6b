"""`rmcoach match` over a real SQLite store in the test's home folder."""

import json
from datetime import date

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select, text

from assistant.cli import main
from assistant.models import Pair, Participant
from assistant.store import Store
from assistant.store.schema import SHARED_TABLES

from .people import leader, mentor, person

ROSTER: list[Participant] = [
    person("boss", "coordinator"),
    leader("tok", goals=["understand how graduates use TikTok"]),
    leader("py", goals=["analyse team data in Python"]),
    leader("knit", goals=["learn to knit"]),
    mentor("creator", skills=["TikTok content creation"]),
    mentor("coder", skills=["Python", "pandas data analysis"]),
    mentor("knitter", skills=["knitting"]),
]
OLD_PAIR = Pair(id="old", leader_id="knit", mentor_id="knitter", start_date=date(2025, 1, 6))


@pytest.fixture
def store() -> Store:
    opened = Store.open()
    opened.upsert_participants(ROSTER)
    opened.upsert_pairs([OLD_PAIR])
    return opened


def rmcoach(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def row_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {t.name: conn.scalar(select(func.count()).select_from(t)) for t in SHARED_TABLES}


def test_match_proposes_explained_pairs_and_changes_nothing_without_save(store: Store) -> None:
    before = (row_counts(store), store.pairs())
    result = rmcoach("match", "--explain")
    assert result.exit_code == 0, result.output
    assert "Tok (tok) with Creator (creator): score" in result.output
    assert "leader's goal: analyse team data in Python" in result.output
    assert "score = goal fit" in result.output
    assert "1 pairs already made are left as they are" in result.output
    assert "Nothing saved: run again with --save to create these 2 pairs." in result.output
    assert (row_counts(store), store.pairs()) == before


def test_save_creates_the_pairs_and_closes_the_rematched_one(store: Store) -> None:
    result = rmcoach("match", "--rematch", "old", "--forbid", "tok:creator", "--save")
    assert result.exit_code == 0, result.output
    pairs = {p.id: p for p in store.pairs()}
    assert pairs["old"].status == "closed"
    new = {(p.leader_id, p.mentor_id) for p in pairs.values() if p.status == "active"}
    assert ("tok", "creator") not in new and ("knit", "knitter") not in new
    assert len(new) == 3
    assert "Saved 3 pairs" in result.output and "closed old" in result.output


def test_save_is_one_transaction_a_failed_write_leaves_everything_as_it_was(store: Store) -> None:
    with store.engine.begin() as conn:
        # Closing the rematched pair is written after the new pairs: fail there, at the end.
        conn.execute(
            text(
                "CREATE TRIGGER refuse BEFORE UPDATE ON pairs WHEN NEW.status = 'closed' "
                "BEGIN SELECT RAISE(ABORT, 'disk is full'); END"
            )
        )
    before = (row_counts(store), store.pairs())
    result = rmcoach("match", "--rematch", "old", "--save")
    assert result.exit_code == 1
    assert "could not be saved, so nothing was changed: disk is full" in result.output
    assert "Traceback" not in result.output
    assert (row_counts(store), store.pairs()) == before


def test_json_carries_every_proposal_with_its_explanation(store: Store) -> None:
    result = rmcoach("match", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["saved"] is None
    assert {(p["leader_id"], p["mentor_id"]) for p in payload["proposals"]} == {
        ("tok", "creator"),
        ("py", "coder"),
    }
    for proposal in payload["proposals"]:
        parts = proposal["explanation"]["parts"]
        assert proposal["score"] == pytest.approx(sum(p["contribution"] for p in parts))
        assert proposal["explanation"]["facts"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lock", "tok"], "'tok': write LEADER:MENTOR with both ids"),
        (["--lock", "tok:knitter"], "Knitter is already in pair old; add --rematch old"),
        (["--lock", "creator:tok"], "creator is a mentor, not a leader"),
        (["--cohort", "nowhere"], "nobody is in that cohort; cohorts: default"),
    ],
)
def test_a_request_that_cannot_be_honoured_exits_2_and_saves_nothing(
    store: Store, args: list[str], message: str
) -> None:
    before = row_counts(store)
    result = rmcoach("match", *args, "--save")
    assert result.exit_code == 2
    assert message in result.output
    assert row_counts(store) == before


def test_roster_problems_are_listed_with_row_and_field_and_matching_still_runs(
    store: Store,
) -> None:
    store.upsert_participants([mentor("orphan", manager_id="gone", skills=["Excel"])])
    result = rmcoach("match")
    assert result.exit_code == 0, result.output
    assert "Roster problems (fix these rows, then match again):" in result.output
    assert "orphan, manager_id: manager id 'gone' of Orphan is not in the roster" in result.output
    assert "Orphan (orphan, mentor): reporting line cannot be checked" in result.output
    assert "Tok (tok) with Creator (creator)" in result.output


def test_an_empty_programme_says_how_to_start() -> None:
    result = rmcoach("match")
    assert result.exit_code == 1
    assert "import them with `rmcoach roster import FILE.csv`" in result.output
