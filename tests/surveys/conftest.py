"""A fresh store per test on SQLite, and on PostgreSQL when RMCOACH_TEST_POSTGRES_URL is set."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from databases import KINDS, migrated_store
from databases import database_url as empty_database

from assistant.models import Pair, Participant
from assistant.store import Store
from assistant.surveys.catalogue import bundled_surveys
from assistant.surveys.responses import SurveyResponse


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with empty_database(request.param, tmp_path, "surveys") as url, migrated_store(url) as fresh:
        yield fresh


START = date(2025, 1, 6)


@pytest.fixture
def paired(store: Store) -> Store:
    """Pairs P1 (active, leader L1, mentor M1) and P2 (closed, L2 and M2), started on START."""
    store.upsert_participants(
        [
            Participant(id="L1", name="Lee Park", role="leader", department="Finance", level=10),
            Participant(id="M1", name="Mo Osei", role="mentor", department="IT", level=2),
            Participant(id="L2", name="Ines Costa", role="leader", department="Sales", level=9),
            Participant(id="M2", name="Wei Das", role="mentor", department="Legal", level=3),
        ]
    )
    store.upsert_pairs(
        [
            Pair(id="P1", leader_id="L1", mentor_id="M1", start_date=START),
            Pair(id="P2", leader_id="L2", mentor_id="M2", start_date=START, status="closed"),
        ]
    )
    return store


def answered(
    pair_id: str, side: str, kind: str, value: int, on: date = START, comment: str = ""
) -> SurveyResponse:
    """A response giving every item the survey asks this side the same value."""
    items = bundled_surveys().items_for(kind, side)  # type: ignore[arg-type]
    return SurveyResponse.model_validate(
        {
            "pair_id": pair_id,
            "side": side,
            "kind": kind,
            "answered_on": on,
            "answers": {item.id: value for _, item in items},
            "comment": comment,
        }
    )
