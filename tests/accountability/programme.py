"""A hand-built programme where each pair triggers one nudge rule, or sits just short of it.

Report date TODAY = 2025-06-30; every pair meets every 14 days and starts on 2025-05-01 unless
noted.

  P1 healthy: sessions 06-06 and 06-20, both sides rated, nothing overdue -> no nudge
  P2 last session 06-10 (20 days): overdue session; its missing mentor rating is not nudged
     because the pair is already past its cadence
  P3 started 06-01 and never met (29 days): overdue session
  P4 commitments from 06-16: the leader's (due 06-25) is closed only on 07-02, after TODAY, so it
     counts as open; the mentor's (due 06-26) was done on 06-27; one is due 07-10 -> one nudge
  P5 sessions 06-12 and 06-24: the leader did not rate 06-24 (debrief missing), the mentor's
     safety fell from 6 to 3 (rating drop)
  P6 the leader did not consent to share summaries: overdue, but not assessed
  P7 started 06-16, exactly one cadence ago: not yet overdue
  P8 last session 06-28 without the leader's rating: inside the 3-day grace
  P9 paused and long silent: no nudge
"""

from datetime import date

from assistant.models import Commitment, Pair, Participant, Ratings, SessionSummary
from assistant.store import Store

TODAY = date(2025, 6, 30)
START = date(2025, 5, 1)
STARTS = {"P3": date(2025, 6, 1), "P7": date(2025, 6, 16)}
BOTH = {
    "leader_ratings": Ratings(safety=6, usefulness=4),
    "mentor_ratings": Ratings(safety=6, usefulness=5),
}


def _people() -> list[Participant]:
    people = []
    for n in range(1, 10):
        people.append(
            Participant(
                id=f"L{n}",
                name=f"Lena Leader{n}",
                role="leader",
                department="Finance",
                level=10,
                consent_to_share=n != 6,
            )
        )
        people.append(
            Participant(id=f"M{n}", name=f"Milo Mentor{n}", role="mentor", department="IT", level=2)
        )
    return people


def _pairs() -> list[Pair]:
    return [
        Pair(
            id=f"P{n}",
            leader_id=f"L{n}",
            mentor_id=f"M{n}",
            start_date=STARTS.get(f"P{n}", START),
            status="paused" if n == 9 else "active",
        )
        for n in range(1, 10)
    ]


def _held(pair_id: str, day: date, **fields: object) -> SessionSummary:
    values: dict[str, object] = {"pair_id": pair_id, "held_on": day, **BOTH}
    values.update(fields)
    return SessionSummary.model_validate(values)


def seed(store: Store) -> None:
    store.upsert_participants(_people())
    store.upsert_pairs(_pairs())
    store.record_sessions(
        [
            _held("P1", date(2025, 6, 6)),
            _held("P1", date(2025, 6, 20)),
            _held("P2", date(2025, 6, 10), mentor_ratings=None),
            _held("P5", date(2025, 6, 12)),
            _held(
                "P5",
                date(2025, 6, 24),
                leader_ratings=None,
                mentor_ratings=Ratings(safety=3, usefulness=5),
            ),
            _held("P6", date(2025, 5, 2)),
            _held("P8", date(2025, 6, 28), leader_ratings=None),
            _held("P9", date(2025, 5, 2)),
        ]
    )
    store.record_session(
        _held(
            "P4",
            date(2025, 6, 16),
            commitments=[
                Commitment(owner="leader", text="Post in the team channel", due=date(2025, 6, 25)),
                Commitment(owner="mentor", text="Bring two examples", due=date(2025, 6, 26)),
                Commitment(owner="leader", text="Read the survey", due=date(2025, 7, 10)),
            ],
        )
    )
    post, examples, _ = store.open_commitments("P4")
    store.record_session(
        _held("P4", date(2025, 6, 27), commitments=[examples.model_copy(update={"status": "done"})])
    )
    store.record_session(
        _held("P4", date(2025, 7, 2), commitments=[post.model_copy(update={"status": "done"})])
    )
