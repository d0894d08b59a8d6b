"""The missing-debrief nudge can be acted on: the late side's debrief completes the session."""

from datetime import date

from assistant.accountability.nudges import nudges_for
from assistant.models import Ratings, SessionSummary
from assistant.store import Store

from .programme import TODAY, seed


def test_the_late_leaders_debrief_answers_the_nudge_without_a_second_session() -> None:
    store = Store.open()
    seed(store)
    assert ("debrief-missing", "P5") in {(n.kind, n.pair_id) for n in nudges_for(store, TODAY)}
    sessions = len(store.sessions("P5"))
    debrief = SessionSummary(
        pair_id="P5",
        held_on=date(2025, 6, 24),
        leader_ratings=Ratings(safety=6, usefulness=4),
        leader_private_note="I was distracted",
    )
    assert store.record_session_result(debrief).outcome == "merged"
    found = {(n.kind, n.pair_id) for n in nudges_for(store, TODAY)}
    assert ("debrief-missing", "P5") not in found and ("rating-drop", "P5") in found
    assert len(store.sessions("P5")) == sessions
