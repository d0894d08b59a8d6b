"""How fast the store takes session summaries in bulk: 10,000 pairs x 10 sessions on SQLite.

Prints the time to build the summaries, to write them with `Store.record_sessions` in one
transaction, and to load the same-sized demo programme with `write_programme`. Target: writing
100,000 summaries in at most 30 s.
"""

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

from assistant.config import Settings
from assistant.demo import generate, write_programme
from assistant.models import (
    Commitment,
    Objective,
    ObjectiveProgress,
    Pair,
    Participant,
    Ratings,
    SessionSummary,
)
from assistant.store import Store

T = TypeVar("T")

PAIRS, SESSIONS = 10_000, 10
START = date(2024, 1, 1)


def people_and_pairs() -> tuple[list[Participant], list[Pair]]:
    people, pairs = [], []
    for n in range(PAIRS):
        leader = Participant(
            id=f"L{n}", name=f"Leader {n}", role="leader", department="Finance", level=10
        )
        mentor = Participant(
            id=f"M{n}", name=f"Mentor {n}", role="mentor", department="IT", level=2
        )
        objective = Objective(id="O1", title="Use AI tools", kind="digital-fluency")
        people += [leader, mentor]
        pairs.append(
            Pair(
                id=f"P{n}",
                leader_id=leader.id,
                mentor_id=mentor.id,
                start_date=START,
                objectives=[objective],
            )
        )
    return people, pairs


def summaries() -> list[SessionSummary]:
    return [
        SessionSummary(
            pair_id=f"P{n}",
            held_on=START + timedelta(days=14 * k),
            topics=["digital-fluency", "feedback"],
            agenda_covered=["Try the tool on a real task"],
            leader_learned="Prompting is briefing.",
            commitments=[
                Commitment(
                    owner="leader", text="Try it weekly", due=START + timedelta(days=14 * k + 14)
                )
            ],
            leader_ratings=Ratings(safety=5, usefulness=4),
            mentor_ratings=Ratings(safety=4, usefulness=4),
            objective_progress=[ObjectiveProgress(objective_id="O1", progress=min(100, 10 * k))],
            shared_summary="Hands-on session.",
            mentor_private_note="Still nervous." if k % 3 == 0 else "",
        )
        for n in range(PAIRS)
        for k in range(SESSIONS)
    ]


def timed(label: str, action: Callable[[], T]) -> T:
    began = time.perf_counter()
    result = action()
    print(f"{label}: {time.perf_counter() - began:.1f} s", flush=True)
    return result


def main() -> int:
    with tempfile.TemporaryDirectory() as home:
        store = Store.open(Settings(home=Path(home)))
        people, pairs = timed("build 20,000 participants and 10,000 pairs", people_and_pairs)
        timed(
            "upsert participants and pairs",
            lambda: (store.upsert_participants(people), store.upsert_pairs(pairs)),
        )
        batch = timed(f"build {PAIRS * SESSIONS:,} summaries", summaries)
        seconds = time.perf_counter()
        timed(
            f"record_sessions({len(batch):,}) in one transaction",
            lambda: store.record_sessions(batch),
        )
        seconds = time.perf_counter() - seconds
    with tempfile.TemporaryDirectory() as home:
        store = Store.open(Settings(home=Path(home)))
        programme = timed(
            "generate demo: 10,000 pairs over 5 months",
            lambda: generate(seed=1, pairs=PAIRS, months=5, today=date(2025, 6, 1)),
        )
        timed(
            "make and write its sessions and survey answers",
            lambda: write_programme(store, programme),
        )
    print(
        f"record_sessions: {PAIRS * SESSIONS / seconds:,.0f} summaries/s (target: 100,000 in 30 s)"
    )
    return 0 if seconds <= 30 else 1


if __name__ == "__main__":
    sys.exit(main())
