"""The report's two SQLite connections read one committed state, even while someone writes."""

import threading
import time
from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import text

from assistant.reports.snapshot import one_snapshot
from assistant.store.store import make_engine

COUNT = text("SELECT count(*) FROM notes")


def test_readers_share_a_snapshot_while_a_writer_commits(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
    stop = threading.Event()

    def write() -> None:
        while not stop.is_set():
            with engine.begin() as conn:
                conn.execute(text("INSERT INTO notes (body) VALUES ('x')"))

    writer = threading.Thread(target=write)
    writer.start()
    seen: list[tuple[int, int]] = []
    try:
        deadline = time.monotonic() + 10
        # Until the writer has committed between snapshots a good many times.
        while len({total for total, _ in seen}) < 20 and time.monotonic() < deadline:
            with one_snapshot(engine, 2) as readers:
                assert readers is not None
                first, second = readers
                seen.append((first.execute(COUNT).scalar_one(), second.execute(COUNT).scalar_one()))
            time.sleep(0.001)  # let the writer have the interpreter
    finally:
        stop.set()
        writer.join()
    assert len({total for total, _ in seen}) > 1, "the writer never committed during the test"
    assert all(a == b for a, b in seen), [pair for pair in seen if pair[0] != pair[1]]


def test_readers_keep_their_snapshot_after_a_commit(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
    with one_snapshot(engine, 2) as readers:
        assert readers is not None
        first, second = readers
        with engine.begin() as conn:  # the write lock was let go: writers are not kept waiting
            conn.execute(text("INSERT INTO notes (body) VALUES ('late')"))
        assert first.execute(COUNT).scalar() == second.execute(COUNT).scalar() == 0
    with engine.connect() as conn:
        assert conn.execute(COUNT).scalar() == 1


def test_a_long_writer_is_not_waited_for(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
    with engine.begin() as writing:  # holds the write lock, as a long import does
        writing.execute(text("INSERT INTO notes (body) VALUES ('in progress')"))
        started = time.monotonic()
        with one_snapshot(engine, 2) as readers:
            assert readers is None
        assert time.monotonic() - started < 5  # not the 30 s busy timeout
    with ExitStack() as stack:  # every pooled connection, the lock holder's too, waits 30 s again
        pooled = [stack.enter_context(engine.connect()) for _ in range(4)]
        waits = [conn.exec_driver_sql("PRAGMA busy_timeout").scalar() for conn in pooled]
    assert waits == [30_000] * 4
