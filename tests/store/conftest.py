"""A fresh store per test: a SQLite file, and PostgreSQL when RMCOACH_TEST_POSTGRES_URL names a
server (those variants are skipped otherwise). Each PostgreSQL test gets a schema of its own."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from databases import KINDS, migrated_store
from databases import database_url as empty_database

from assistant.models import Objective, Pair, Participant
from assistant.store import Store


@pytest.fixture(params=KINDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with empty_database(request.param, tmp_path, "store") as url:
        yield url


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with migrated_store(database_url) as fresh:
        yield fresh


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
