"""A fresh store per test: a SQLite file, and PostgreSQL when RMCOACH_TEST_POSTGRES_URL names a
server (those variants are skipped otherwise). Each PostgreSQL test gets a schema of its own."""

import itertools
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from assistant.models import Objective, Pair, Participant
from assistant.store import Store
from assistant.store.migrations import migrate
from assistant.store.store import make_engine

# Read at import: the autouse fixture clears RMCOACH_* variables before each test runs.
POSTGRES_URL = os.environ.get("RMCOACH_TEST_POSTGRES_URL")
_numbers = itertools.count()


def _postgres_schema_url() -> Iterator[str]:
    if not POSTGRES_URL:
        pytest.skip("set RMCOACH_TEST_POSTGRES_URL to run the store tests on PostgreSQL")
    schema = f"store_test_{os.getpid()}_{next(_numbers)}"
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
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite3'}"
    else:
        yield from _postgres_schema_url()


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    engine = make_engine(database_url)
    migrate(engine)
    yield Store(engine)
    engine.dispose()


LEADER = Participant(id="L1", name="Lee Park", role="leader", department="Finance", level=10)
MENTOR = Participant(id="M1", name="Mo Osei", role="mentor", department="IT", level=2)
OTHER_LEADER = Participant(id="L2", name="Ines Costa", role="leader", department="Sales", level=9)
OTHER_MENTOR = Participant(id="M2", name="Wei Das", role="mentor", department="Legal", level=3)
OBJECTIVE = Objective(id="O1", title="Use AI assistants", kind="digital-fluency")
PAIR = Pair(
    id="P1", leader_id="L1", mentor_id="M1", start_date=date(2025, 1, 6), objectives=[OBJECTIVE]
)
OTHER_PAIR = Pair(id="P2", leader_id="L2", mentor_id="M2", start_date=date(2025, 1, 6))


@pytest.fixture
def paired(store: Store) -> Store:
    """The store with two pairs: P1 (objective O1) and P2."""
    store.upsert_participants([LEADER, MENTOR, OTHER_LEADER, OTHER_MENTOR])
    store.upsert_pairs([PAIR, OTHER_PAIR])
    return store
