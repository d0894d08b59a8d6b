"""The rules read each pair's latest sessions in SQL; the report's counts agree with the nudges."""

from collections import Counter
from datetime import date, timedelta

import pytest

from assistant.accountability.due import KIND_ORDER, Tally, due_counts
from assistant.accountability.nudges import Nudge, nudges_for
from assistant.demo import generate, write_programme
from assistant.models import Pair, Participant, Ratings, SessionSummary
from assistant.store import Store

TODAY = date(2025, 6, 30)


def _pair(store: Store, n: int, start: date = date(2025, 5, 1)) -> str:
    store.upsert_participants(
        [
            Participant(id=f"L{n}", name=f"Lena L{n}", role="leader", department="Ops", level=9),
            Participant(id=f"M{n}", name=f"Milo M{n}", role="mentor", department="IT", level=2),
        ]
    )
    store.upsert_pairs([Pair(id=f"P{n}", leader_id=f"L{n}", mentor_id=f"M{n}", start_date=start)])
    return f"P{n}"


def _held(pair_id: str, day: date, leader: tuple[int, int] | None, mentor: tuple[int, int] | None):
    return SessionSummary(
        pair_id=pair_id,
        held_on=day,
        leader_ratings=Ratings(safety=leader[0], usefulness=leader[1]) if leader else None,
        mentor_ratings=Ratings(safety=mentor[0], usefulness=mentor[1]) if mentor else None,
    )


def _found(store: Store, today: date = TODAY) -> dict[tuple[str, str, str], str]:
    return {(n.kind, n.pair_id, n.to[0].role): n.reason for n in nudges_for(store, today)}


def test_a_sides_two_latest_ratings_are_compared_across_a_session_it_did_not_rate(
    any_store: Store,
) -> None:
    pair = _pair(any_store, 1)
    any_store.record_sessions(
        [
            _held(pair, date(2025, 6, 2), (6, 4), (6, 5)),
            _held(pair, date(2025, 6, 12), (6, 4), (3, 5)),
            _held(pair, date(2025, 6, 24), (6, 4), None),
        ]
    )
    assert _found(any_store) == {
        ("debrief-missing", pair, "mentor"): (
            "no mentor debrief (ratings) for the session on 2025-06-24, 6 days ago"
        ),
        ("rating-drop", pair, "mentor"): (
            "mentor's safety rating fell by 2 points or more (2025-06-02 to 2025-06-12)"
        ),
    }


def test_both_measures_can_fall_and_a_one_point_fall_is_no_drop(any_store: Store) -> None:
    pair = _pair(any_store, 1)
    any_store.record_sessions(
        [
            _held(pair, date(2025, 6, 10), (6, 5), (6, 5)),
            _held(pair, date(2025, 6, 24), (4, 3), (5, 4)),
        ]
    )
    assert _found(any_store) == {
        ("rating-drop", pair, "leader"): (
            "leader's safety and usefulness ratings fell by 2 points or more "
            "(2025-06-10 to 2025-06-24)"
        ),
    }


def test_a_cancelled_session_or_one_after_the_date_is_not_the_latest(any_store: Store) -> None:
    pair = _pair(any_store, 1)
    any_store.record_sessions(
        [
            _held(pair, date(2025, 6, 1), (6, 5), (6, 5)),
            SessionSummary(pair_id=pair, held_on=date(2025, 6, 20), status="cancelled"),
            _held(pair, date(2025, 7, 1), (1, 1), None),
        ]
    )
    assert _found(any_store) == {
        ("overdue-session", pair, "leader"): (
            "last session on 2025-06-01: 29 days, planned every 14 days"
        ),
    }


def test_nothing_is_due_on_the_last_day_of_the_cadence_or_within_the_grace(
    any_store: Store,
) -> None:
    on_time, graced = _pair(any_store, 1), _pair(any_store, 2)
    any_store.record_sessions(
        [
            _held(on_time, TODAY - timedelta(days=14), (6, 5), (6, 5)),
            _held(graced, TODAY - timedelta(days=3), (6, 5), None),
        ]
    )
    assert _found(any_store) == {}
    assert set(_found(any_store, TODAY + timedelta(days=1))) == {
        ("overdue-session", on_time, "leader"),
        ("debrief-missing", graced, "mentor"),
    }


def _tallies(found: list[Nudge], cohort: str | None) -> dict[str, Tally]:
    mine = [n for n in found if cohort is None or n.cohort == cohort]
    counts = Counter(n.kind for n in mine)
    pairs = {kind: {n.pair_id for n in mine if n.kind == kind} for kind in KIND_ORDER}
    tallies = {kind: Tally(counts[kind], len(pairs[kind])) for kind in KIND_ORDER}
    tallies["all"] = Tally(len(mine), len({n.pair_id for n in mine}))
    return tallies


@pytest.mark.parametrize("days_later", [-10, 0, 20])
def test_the_reports_counts_are_what_the_nudges_find(any_store: Store, days_later: int) -> None:
    write_programme(any_store, generate(seed=7, pairs=30, months=6, today=TODAY))
    today = TODAY + timedelta(days=days_later)
    found = nudges_for(any_store, today)
    cohorts = sorted({n.cohort for n in found})
    assert len(cohorts) > 1 and len({n.kind for n in found}) > 1  # something to count apart
    for cohort in [None, *cohorts]:
        with any_store.engine.connect() as conn:
            by_kind, every = due_counts(conn, today, cohort)
        assert {**by_kind, "all": every} == _tallies(found, cohort), cohort
