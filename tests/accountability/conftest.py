"""An empty migrated store per test: a SQLite file, and PostgreSQL when RMCOACH_TEST_POSTGRES_URL
names a server (those variants are skipped otherwise), in a schema of its own dropped afterwards."""

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from assistant.store import Store
from assistant.store.migrations import migrate
from assistant.store.store import make_engine

# Read at import: the autouse fixture clears RMCOACH_* variables before each test runs.
POSTGRES_URL = os.environ.get("RMCOACH_TEST_POSTGRES_URL")
_numbers = itertools.count()


@contextmanager
def _database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'nudges.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip("set RMCOACH_TEST_POSTGRES_URL to run the nudge tests on PostgreSQL")
    schema = f"nudges_test_{os.getpid()}_{next(_numbers)}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store on SQLite, then on PostgreSQL."""
    with _database(request.param, tmp_path) as url:
        engine = make_engine(url)
        migrate(engine)
        yield Store(engine)
        engine.dispose()
