"""An empty migrated store per test: a SQLite file, and PostgreSQL when RMCOACH_TEST_POSTGRES_URL
names a server (those variants are skipped otherwise), in a schema of its own dropped afterwards."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from databases import KINDS, database_url, migrated_store

from assistant.store import Store


@pytest.fixture(params=KINDS)
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store on SQLite, then on PostgreSQL."""
    with database_url(request.param, tmp_path, "nudges") as url, migrated_store(url) as store:
        yield store
