"""A guidance store ingested once per session, and a programme of two pairs in a real SQLite store.

The two pairs carry marker strings (OTHER-PAIR-..., ...-PRIVATE-...) so tests can prove that
another pair's data and private notes never reach a model request.
"""

import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from assistant.agent.coach import Coach
from assistant.config import Settings
from assistant.knowledge import KnowledgeBase
from assistant.models import (
    Commitment,
    Objective,
    Pair,
    PairContext,
    Participant,
    SessionSummary,
)
from assistant.store import Store

PAIR = "pair-helen"
OTHER_PAIR = "pair-other"
OTHER_MARKERS = ("OTHER-PAIR-SUMMARY", "OTHER-PAIR-COMMITMENT", "OTHER-PAIR-OBJECTIVE", "Olivia")
PRIVATE_MARKERS = ("HELEN-PRIVATE-NOTE", "SAM-PRIVATE-NOTE", "OLIVIA-PRIVATE-NOTE")


@pytest.fixture(scope="session")
def knowledge(guidance_home: Path) -> KnowledgeBase:
    return KnowledgeBase(guidance_home)


@pytest.fixture
def ingested_home(isolated_home: Path, guidance_home: Path) -> Path:
    """RMCOACH_HOME with the guidance store already built, as after `rmcoach knowledge ingest`."""
    shutil.copytree(guidance_home / "knowledge", isolated_home / "knowledge")
    return isolated_home


def people() -> list[Participant]:
    return [
        Participant(id="helen", name="Helen Carter", role="leader", department="Finance", level=10),
        Participant(id="sam", name="Sam Okafor", role="mentor", department="IT", level=3),
        Participant(id="olivia", name="Olivia Grant", role="leader", department="Legal", level=11),
        Participant(id="priya", name="Priya Shah", role="mentor", department="Sales", level=2),
    ]


def helen_objectives() -> list[Objective]:
    return [
        Objective(
            id="whiteboard",
            title="Run a team meeting on the shared whiteboard",
            kind="digital-fluency",
            progress=25,
            success_criteria=["meeting held", "two team members say it worked"],
        ),
        Objective(
            id="hybrid", title="Understand hybrid meeting habits", kind="inclusion", progress=50
        ),
    ]


def seed(store: Store, start: date) -> None:
    store.upsert_participants(people())
    store.upsert_pairs(
        [
            Pair(
                id=PAIR,
                leader_id="helen",
                mentor_id="sam",
                start_date=start,
                objectives=helen_objectives(),
            ),
            Pair(
                id=OTHER_PAIR,
                leader_id="olivia",
                mentor_id="priya",
                start_date=start,
                objectives=[
                    Objective(
                        id="tiktok",
                        title="OTHER-PAIR-OBJECTIVE short video",
                        kind="digital-fluency",
                    )
                ],
            ),
        ]
    )
    store.record_session(
        SessionSummary(
            pair_id=PAIR,
            held_on=start + timedelta(days=7),
            shared_summary="We explored the shared whiteboard together.",
            commitments=[
                Commitment(owner="leader", text="Run Monday's meeting from the shared whiteboard"),
                Commitment(owner="mentor", text="Send Helen two prompts for board papers"),
            ],
            leader_private_note="HELEN-PRIVATE-NOTE I got defensive",
            mentor_private_note="SAM-PRIVATE-NOTE I held back",
        )
    )
    store.record_session(
        SessionSummary(
            pair_id=OTHER_PAIR,
            held_on=start + timedelta(days=8),
            shared_summary="OTHER-PAIR-SUMMARY restructuring worries",
            commitments=[Commitment(owner="leader", text="OTHER-PAIR-COMMITMENT call the union")],
            leader_private_note="OLIVIA-PRIVATE-NOTE confidential",
        )
    )


@pytest.fixture
def store(isolated_home: Path) -> Store:
    """Both pairs, started a month ago: the next session of each is a middle one."""
    opened = Store.open(Settings())
    seed(opened, date.today() - timedelta(days=30))
    return opened


@pytest.fixture
def make_coach(store: Store, knowledge: KnowledgeBase) -> Callable[..., Coach]:
    """A coach on the seeded store; online when the scripted server's variables are set."""

    def make(**overrides: Any) -> Coach:
        values: dict[str, Any] = {"llm_timeout_seconds": 2.0, "llm_max_retries": 0}
        return Coach(Settings(**(values | overrides)), store, knowledge)

    return make


def context_for(
    *, sessions_held: int, commitments: list[Commitment], start: date = date(2026, 1, 5)
) -> PairContext:
    """A hand-made context for Helen's pair, for the offline engine's pure tests."""
    helen, sam = people()[:2]
    pair = Pair(
        id=PAIR, leader_id="helen", mentor_id="sam", start_date=start, objectives=helen_objectives()
    )
    return PairContext(
        pair=pair,
        leader=helen,
        mentor=sam,
        objectives=helen_objectives(),
        open_commitments=commitments,
        sessions_held=sessions_held,
    )
