"""The hand-built programme, seeded once per database: a SQLite file, and PostgreSQL when
RMCOACH_TEST_POSTGRES_URL names one (those variants are skipped otherwise)."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from databases import KINDS, database_url, migrated_store
from sqlalchemy import event

from assistant.store import Store
from assistant.store.migrations import migrate
from assistant.store.store import make_engine

from .programme import seed


@pytest.fixture(scope="session", params=KINDS)
def programme(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """The seeded programme; tests only read it. `programme.engine.url` reaches it."""
    folder = tmp_path_factory.mktemp(request.param)
    with database_url(request.param, folder, "reports") as url, migrated_store(url) as store:
        seed(store)
        yield store


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
