"""Open commitments open every next session plan until they are done or dropped."""

from datetime import date

import pytest

from assistant import locations
from assistant.agent.guide.guidebook import Guidebook
from assistant.agent.guide.plan import offline_plan
from assistant.knowledge.chunking import chunk_document
from assistant.knowledge.documents import Document, discover, read_document
from assistant.models import COMMITMENT_CHECK_IN, Commitment, Pair, Participant, SessionSummary
from assistant.store import Store


@pytest.fixture(scope="module")
def guidebook() -> Guidebook:
    root = locations.bundled_knowledge()
    documents = [read_document(path, root) for path in discover(root)]
    return Guidebook(c for d in documents if isinstance(d, Document) for c in chunk_document(d))


@pytest.fixture
def store() -> Store:
    opened = Store.open()
    opened.upsert_participants(
        [
            Participant(id="L1", name="Helen Park", role="leader", department="Finance", level=11),
            Participant(id="M1", name="Sam Okoro", role="mentor", department="IT", level=2),
        ]
    )
    opened.upsert_pairs(
        [Pair(id="P1", leader_id="L1", mentor_id="M1", start_date=date(2025, 3, 3))]
    )
    return opened


def check_in(store: Store, guidebook: Guidebook, today: date) -> str:
    plan = offline_plan(store.pair_context("P1"), guidebook, minutes=60, today=today)
    first = plan.agenda[0]
    assert first.serves == COMMITMENT_CHECK_IN
    return first.purpose


def session(day: date, *commitments: Commitment) -> SessionSummary:
    return SessionSummary(pair_id="P1", held_on=day, commitments=list(commitments))


def test_each_open_commitment_is_on_every_next_plan_until_done_or_dropped(
    store: Store, guidebook: Guidebook
) -> None:
    due = date(2025, 3, 31)
    store.record_session(
        session(
            date(2025, 3, 17),
            Commitment(owner="leader", text="Run Monday's meeting from the whiteboard", due=due),
            Commitment(owner="mentor", text="Send two prompts for board papers", due=due),
        )
    )
    first = check_in(store, guidebook, date(2025, 3, 30))
    assert "Run Monday's meeting from the whiteboard" in first
    assert "Send two prompts for board papers" in first

    meeting, prompts = store.open_commitments("P1")
    store.record_session(
        session(
            date(2025, 3, 31),
            meeting.model_copy(update={"status": "done"}),
            Commitment(owner="leader", text="Post one update in the team channel"),
        )
    )
    second = check_in(store, guidebook, date(2025, 4, 13))
    assert "Run Monday's meeting" not in second
    assert "Send two prompts for board papers" in second  # not reviewed, so still carried
    assert "Post one update in the team channel" in second

    store.record_session(
        session(date(2025, 4, 14), prompts.model_copy(update={"status": "dropped"}))
    )
    third = check_in(store, guidebook, date(2025, 4, 27))
    assert "Send two prompts" not in third
    assert "Post one update in the team channel" in third
