"""A small hand-built programme whose report figures are worked out by hand in the tests.

Cohort c1 has seven pairs, all starting 2024-04-01 with a 14-day cadence; the report date is
2024-06-30. The usual rhythm is six held sessions on the dates in `DATES`, each with the
topics in `TOPICS_BY_DATE`. The pairs differ only where a test needs them to:

  P1 active  healthy: the full rhythm, steady ratings, one cancelled session on 06-25
  P2 active  stopped after 05-01 (missed cadence), ratings 5/3
  P3 active  both sides' safety 6,6,6,5,5,5 (falling by exactly 1 point)
  P4 active  one commitment open past its due date
  P5 active  latest safety leader 3 against mentor 6 (rating gap)
  P6 paused  two sessions only, ratings 4/2, its 04-15 session covered "inclusion"
  P7 active  the leader did not consent: extreme ratings, "pitfalls" topic, overdue work
  P8 closed  cohort c2, counted only when no cohort is asked for

Every session carries private notes with PRIVATE_MARKER and a shared summary with
SHARED_MARKER; neither may reach any report.
"""

from datetime import date

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

TODAY = date(2024, 6, 30)
START = date(2024, 4, 1)
PRIVATE_MARKER = "PRIVATE-MARKER-7f3a9c"
SHARED_MARKER = "SHARED-MARKER-51be04"
DATES = [
    date(2024, 4, 1),
    date(2024, 4, 15),
    date(2024, 5, 1),
    date(2024, 5, 15),
    date(2024, 6, 1),
    date(2024, 6, 15),
]
TOPICS_BY_DATE = {
    date(2024, 4, 1): ["objectives", "ground-rules"],
    date(2024, 4, 15): ["feedback"],
    date(2024, 5, 1): ["feedback", "digital-fluency"],
    date(2024, 5, 15): ["digital-fluency"],
    date(2024, 6, 1): ["digital-fluency"],
    date(2024, 6, 15): ["reflection"],
}

# Safety per session for (leader, mentor); usefulness is constant per pair and side.
SAFETY = {
    "P1": ([6] * 6, [6] * 6),
    "P2": ([5] * 3, [5] * 3),
    "P3": ([6, 6, 6, 5, 5, 5], [6, 6, 6, 5, 5, 5]),
    "P4": ([6] * 6, [6] * 6),
    "P5": ([5, 5, 5, 6, 6, 3], [6] * 6),
    "P6": ([4] * 2, [4] * 2),
    "P7": ([1] * 2, [1] * 2),
    "P8": ([7] * 2, [7] * 2),
}
USEFULNESS = {
    "P1": (4, 4),
    "P2": (3, 3),
    "P3": (4, 4),
    "P4": (4, 4),
    "P5": (4, 5),
    "P6": (2, 2),
    "P7": (1, 1),
    "P8": (5, 5),
}


def _people() -> list[Participant]:
    veteran = date(2023, 6, 1)
    people = []
    for n in range(1, 9):
        cohort = "c2" if n == 8 else "c1"
        leader_joined = {6: date(2024, 1, 15), 7: date(2024, 3, 1)}.get(n, veteran)
        people.append(
            Participant(
                id=f"L{n}",
                name=f"Leader {n}",
                role="leader",
                department="Ops",
                level=10,
                cohort=cohort,
                joined=leader_joined,
                consent_to_share=n != 7,
            )
        )
        mentor_joined = date(2024, 1, 1) if n <= 5 else None
        people.append(
            Participant(
                id=f"M{n}",
                name=f"Mentor {n}",
                role="mentor",
                department="IT",
                level=2,
                cohort=cohort,
                joined=mentor_joined,
            )
        )
    # Two leaders who left: one after 61 days, one after 214.
    people.append(
        Participant(
            id="X1",
            name="Left early",
            role="leader",
            department="Ops",
            level=9,
            cohort="c1",
            joined=veteran,
            left=date(2023, 8, 1),
        )
    )
    people.append(
        Participant(
            id="X2",
            name="Left later",
            role="leader",
            department="Ops",
            level=9,
            cohort="c1",
            joined=veteran,
            left=date(2024, 1, 1),
        )
    )
    return people


OBJECTIVES = {
    "P1": [Objective(id="o1", title="Use the team chat well", kind="digital-fluency")],
    "P2": [Objective(id="o1", title="Try the AI assistant", kind="digital-fluency")],
    "P3": [Objective(id="o1", title="Hear quieter voices", kind="inclusion", progress=25)],
    "P4": [Objective(id="o1", title="Automate a report", kind="digital-fluency")],
    "P5": [
        Objective(id="o1", title="Read dashboards", kind="digital-fluency"),
        Objective(id="o2", title="Understand new joiners", kind="generational"),
    ],
    "P6": [Objective(id="o1", title="Run a hybrid meeting", kind="digital-fluency")],
    "P7": [Objective(id="o1", title="Learn the wiki", kind="digital-fluency")],
    "P8": [Objective(id="o1", title="Learn the wiki", kind="digital-fluency")],
}
STATUS = {"P6": "paused", "P8": "closed"}
# (pair, session date) -> objective readings made in that session.
READINGS = {
    ("P1", date(2024, 5, 1)): [("o1", 50)],
    ("P1", date(2024, 6, 15)): [("o1", 75)],
    ("P2", date(2024, 4, 15)): [("o1", 25)],
    ("P4", date(2024, 6, 1)): [("o1", 100)],
    ("P5", date(2024, 5, 15)): [("o1", 50)],
    ("P7", date(2024, 4, 15)): [("o1", 100)],
}


def _pairs() -> list[Pair]:
    return [
        Pair(
            id=f"P{n}",
            leader_id=f"L{n}",
            mentor_id=f"M{n}",
            cohort="c2" if n == 8 else "c1",
            start_date=START,
            cadence_days=14,
            status=STATUS.get(f"P{n}", "active"),
            objectives=OBJECTIVES[f"P{n}"],
        )
        for n in range(1, 9)
    ]


def _summary(pair_id: str, index: int, held_on: date) -> SessionSummary:
    leader_safety, mentor_safety = SAFETY[pair_id]
    leader_use, mentor_use = USEFULNESS[pair_id]
    topics = TOPICS_BY_DATE[held_on]
    if pair_id == "P6" and held_on == date(2024, 4, 15):
        topics = ["inclusion"]
    if pair_id == "P7":
        topics = ["pitfalls"]
    return SessionSummary(
        pair_id=pair_id,
        held_on=held_on,
        topics=topics,
        leader_ratings=Ratings(safety=leader_safety[index], usefulness=leader_use),
        mentor_ratings=Ratings(safety=mentor_safety[index], usefulness=mentor_use),
        objective_progress=[
            ObjectiveProgress(objective_id=o, progress=p, note=f"{SHARED_MARKER} note")
            for o, p in READINGS.get((pair_id, held_on), [])
        ],
        shared_summary=f"We talked. {SHARED_MARKER}",
        leader_learned=SHARED_MARKER,
        leader_private_note=f"leader secret {PRIVATE_MARKER}",
        mentor_private_note=f"mentor secret {PRIVATE_MARKER}",
    )


def _new(owner: str, due: date | None, status: str = "open") -> Commitment:
    return Commitment(owner=owner, text=f"Do the thing {SHARED_MARKER}", due=due, status=status)


# (pair, session date) -> commitments made in that session; closing happens in `_close`.
MADE = {
    ("P1", date(2024, 4, 1)): [_new("leader", date(2024, 4, 15))],  # C1, done 04-15
    ("P1", date(2024, 4, 15)): [_new("mentor", date(2024, 5, 1))],  # C2, done 05-01
    ("P2", date(2024, 4, 1)): [_new("mentor", None)],  # C6, open, no due date
    ("P3", date(2024, 4, 15)): [_new("leader", date(2024, 4, 30))],  # C7, done 05-01
    ("P4", date(2024, 4, 1)): [_new("leader", date(2024, 6, 10))],  # C3, open and overdue
    ("P4", date(2024, 5, 1)): [_new("mentor", date(2024, 7, 15))],  # C4, open, not yet due
    ("P4", date(2024, 5, 15)): [_new("leader", None, "dropped")],  # C5, dropped at once
    ("P5", date(2024, 4, 1)): [_new("leader", date(2024, 4, 10))],  # C8, done 04-15
    ("P7", date(2024, 4, 1)): [_new("leader", date(2024, 4, 10))],  # not consented: never counted
    ("P8", date(2024, 4, 1)): [_new("leader", date(2024, 4, 10))],  # cohort c2
}
# (pair, session date) on which every commitment still open is marked done.
CLOSES = {
    ("P1", date(2024, 4, 15)),
    ("P1", date(2024, 5, 1)),
    ("P3", date(2024, 5, 1)),
    ("P5", date(2024, 4, 15)),
}


def seed(store: Store) -> None:
    store.upsert_participants(_people())
    store.upsert_pairs(_pairs())
    for pair_id, (leader_safety, _) in SAFETY.items():
        for index, held_on in enumerate(DATES[: len(leader_safety)]):
            summary = _summary(pair_id, index, held_on)
            closing = []
            if (pair_id, held_on) in CLOSES:
                closing = [
                    c.model_copy(update={"status": "done"}) for c in store.open_commitments(pair_id)
                ]
            made = MADE.get((pair_id, held_on), [])
            store.record_session(summary.model_copy(update={"commitments": closing + made}))
    cancelled = SessionSummary(
        pair_id="P1",
        held_on=date(2024, 6, 25),
        status="cancelled",
        leader_private_note=PRIVATE_MARKER,
    )
    store.record_session(cancelled)
