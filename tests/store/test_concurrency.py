"""Two writers at once: a busy store waits, then says so in one line; a role change racing a
pairs import never leaves a pair whose mentor is a leader; one active pair per person."""

import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import insert, update

from assistant.cli import main
from assistant.models import Pair
from assistant.store import Store, StoreError
from assistant.store.busy import StoreBusy, retried
from assistant.store.imports import import_roster
from assistant.store.rows import pair_row
from assistant.store.schema import pairs, participants
from assistant.store.store import make_engine

from .conftest import LEADER, MENTOR, OTHER_LEADER, OTHER_MENTOR, PAIR

EXAMPLES = Path(__file__).parents[2] / "examples"


def in_thread(work: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    """Start `work`; the list gets its result or the exception it raised."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as error:  # the test reads it
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def race(store: Store, database_url: str, change: object, work: Callable[[], object]) -> object:
    """Hold `change` uncommitted in another connection while `work` starts, then commit it."""
    other = make_engine(database_url)
    with other.connect() as conn:
        conn.begin()
        conn.execute(change)
        thread, outcome = in_thread(work)
        time.sleep(0.5)  # let `work` reach the lock; were it slower, it would see the change
        conn.commit()
    thread.join(timeout=30)
    other.dispose()
    return outcome[0]


def test_a_role_change_racing_a_pairs_import_leaves_no_mentor_who_is_a_leader(
    store: Store, database_url: str
) -> None:
    store.upsert_participants([LEADER, MENTOR])
    promoted = update(participants).where(participants.c.id == "M1").values(role="leader")
    result = race(store, database_url, promoted, lambda: store.upsert_pairs([PAIR]))
    assert isinstance(result, StoreError) and "M1 is a leader, not a mentor" in str(result)
    assert store.pairs() == []


def test_a_pair_written_while_a_roster_changes_roles_stops_the_role_change(
    store: Store, database_url: str, tmp_path: Path
) -> None:
    store.upsert_participants([LEADER, MENTOR])
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,name,role,department,level,manager_id,skills,interests,goals\n"
        "M1,Mo Osei,leader,IT,2,,,,\n",
        encoding="utf-8",
    )
    paired = insert(pairs).values(pair_row(PAIR))
    result = race(store, database_url, paired, lambda: import_roster(store, roster))
    assert isinstance(result, StoreError) and "M1 is the mentor of pair P1" in str(result)
    assert store.participant("M1").role == "mentor"


def test_one_person_in_two_active_pairs_is_refused_in_the_store_and_the_file(
    store: Store,
) -> None:
    store.upsert_participants([LEADER, MENTOR, OTHER_LEADER, OTHER_MENTOR])
    store.upsert_pairs([PAIR])
    second = Pair(id="P3", leader_id="L1", mentor_id="M2", start_date=date(2025, 2, 3))
    with pytest.raises(StoreError, match="pair P3: L1 is already in active pair P1"):
        store.upsert_pairs([second])
    both = [second, Pair(id="P4", leader_id="L2", mentor_id="M2", start_date=date(2025, 2, 3))]
    with pytest.raises(StoreError, match="pair P4: M2 is already in active pair P3"):
        store.upsert_pairs([PAIR.model_copy(update={"status": "closed"}), *both])
    store.upsert_pairs([PAIR.model_copy(update={"status": "closed"}), second])
    assert {p.id: p.status for p in store.pairs()} == {"P1": "closed", "P3": "active"}


def test_pairs_import_follows_the_one_pair_rule(tmp_path: Path) -> None:
    assert (
        CliRunner().invoke(main, ["roster", "import", str(EXAMPLES / "roster.csv")]).exit_code == 0
    )
    again = tmp_path / "pairs.csv"
    again.write_text(
        "id,leader_id,mentor_id\nX1,L-001,M-101\nX2,L-001,M-102\nX3,L-001,M-103\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["pairs", "import", str(again)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "pair X2: L-001 is already in active pair X1" in result.output


def test_a_write_under_another_process_lock_says_so_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["roster", "import", str(EXAMPLES / "roster.csv")]).exit_code == 0
    assert runner.invoke(main, ["pairs", "import", str(EXAMPLES / "pairs.csv")]).exit_code == 0
    monkeypatch.setenv("RMCOACH_BUSY_TIMEOUT", "0.3")
    holder = Store.open().engine.connect()
    holder.exec_driver_sql("BEGIN IMMEDIATE")  # a long demo or import, mid-write
    try:
        for command in (
            ["roster", "import", str(EXAMPLES / "roster.csv")],
            ["log", "--pair", "P-01", "--from", str(EXAMPLES / "session.json")],
            ["objectives", "set", "--pair", "P-01", "--template", "df-generative-ai"],
        ):
            result = runner.invoke(main, command)
            assert result.exit_code == 1, (command, result.output)
            assert result.output.startswith("Error: the database is busy: another rmcoach")
            assert "Traceback" not in result.output and result.output.count("\n") == 1
    finally:
        holder.rollback()
        holder.close()
    assert (
        runner.invoke(
            main, ["log", "--pair", "P-01", "--from", str(EXAMPLES / "session.json")]
        ).exit_code
        == 0
    )


def test_a_lock_that_fails_fast_is_retried_and_a_long_one_is_not() -> None:
    calls: list[float] = []

    @retried
    def write() -> str:
        calls.append(time.monotonic())
        if len(calls) < 3:
            raise StoreBusy(30)
        return "written"

    assert write() == "written" and len(calls) == 3

    @retried
    def waited_out() -> None:
        calls.append(time.monotonic())
        time.sleep(0.02)
        raise StoreBusy(0.02)

    calls.clear()
    with pytest.raises(StoreBusy, match="over 0.02 seconds"):
        waited_out()
    assert len(calls) == 1
