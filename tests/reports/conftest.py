"""The hand-built programme, seeded once per database: a SQLite file, and PostgreSQL when
RMCOACH_TEST_POSTGRES_URL names one (those variants are skipped otherwise)."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from assistant.store import Store
from assistant.store.migrations import migrate
from assistant.store.store import make_engine

from .programme import seed

# Read at import: the autouse fixture clears RMCOACH_* variables before each test runs.
POSTGRES_URL = os.environ.get("RMCOACH_TEST_POSTGRES_URL")


@contextmanager
def _database(kind: str, folder: Path) -> Iterator[str]:
    """A URL to an empty database: a SQLite file, or a PostgreSQL schema of our own that is
    dropped afterwards, so other tests using the same server are never disturbed."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'programme.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip("set RMCOACH_TEST_POSTGRES_URL to run the report tests on PostgreSQL")
    schema = f"reports_test_{os.getpid()}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def programme(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The seeded programme; tests only read it. `programme.engine.url` reaches it."""
    with _database(request.param, tmp_path_factory.mktemp(request.param)) as url:
        engine = make_engine(url)
        migrate(engine)
        store = Store(engine)
        seed(store)
        yield store
        engine.dispose()


def url_of(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


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
