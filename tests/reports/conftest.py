"""The hand-built programme, seeded once per database: a SQLite file, and PostgreSQL when
RMCOACH_TEST_POSTGRES_URL names one (those variants are skipped otherwise)."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, event

from assistant.store import Store
from assistant.store.migrations import migrate
from assistant.store.store import make_engine

from .programme import seed

# Read at import: the autouse fixture clears RMCOACH_* variables before each test runs.
POSTGRES_URL = os.environ.get("RMCOACH_TEST_POSTGRES_URL")


def _fresh_postgres() -> Engine:
    engine = make_engine(POSTGRES_URL or "")
    reflected = MetaData()
    reflected.reflect(engine)
    reflected.drop_all(engine)
    return engine


def _open(kind: str, folder: Path) -> Store:
    if kind == "postgresql":
        if not POSTGRES_URL:
            pytest.skip("set RMCOACH_TEST_POSTGRES_URL to run the report tests on PostgreSQL")
        engine = _fresh_postgres()
    else:
        engine = make_engine(f"sqlite:///{folder / 'programme.sqlite3'}")
    migrate(engine)
    return Store(engine)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def programme(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The seeded programme; tests only read it."""
    store = _open(request.param, tmp_path_factory.mktemp(request.param))
    seed(store)
    yield store
    store.engine.dispose()


@pytest.fixture
def empty_store(tmp_path: Path) -> Store:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    migrate(engine)
    return Store(engine)


@pytest.fixture
def recorded_sql(programme: Store) -> Iterator[list[tuple[str, Any]]]:
    """Every SQL statement (and its parameters) run on the programme's engine during the test."""
    seen: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    event.listen(programme.engine, "before_cursor_execute", record)
    yield seen
    event.remove(programme.engine, "before_cursor_execute", record)
