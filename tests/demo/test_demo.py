"""The demo programme: the same seed gives the same programme, and it looks like a real one."""

from collections import Counter
from datetime import date
from pathlib import Path
from statistics import mean

import pytest

from assistant.config import Settings
from assistant.demo import DemoProgramme, generate, write_programme
from assistant.models import SessionSummary
from assistant.store import Store, StoreError

TODAY = date(2025, 9, 1)


@pytest.fixture(scope="module")
def programme() -> DemoProgramme:
    return generate(seed=11, pairs=24, months=6, today=TODAY)


@pytest.fixture(scope="module")
def loaded(programme: DemoProgramme, tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(Settings(home=tmp_path_factory.mktemp("demo")))
    write_programme(store, programme)
    return store


def summaries(programme: DemoProgramme, pair_id: str) -> list[SessionSummary]:
    [history] = [h for h in programme.histories() if h.pair.id == pair_id]
    return [session.summary for session in history.sessions]


def test_the_same_seed_and_date_give_the_same_programme(programme: DemoProgramme) -> None:
    assert generate(seed=11, pairs=24, months=6, today=TODAY) == programme
    assert generate(seed=12, pairs=24, months=6, today=TODAY) != programme


def test_people_span_departments_and_levels_and_pairs_cross_departments(
    programme: DemoProgramme,
) -> None:
    people = {p.id: p for p in programme.participants}
    assert len({p.department for p in people.values()}) >= 6
    assert Counter(p.role for p in people.values())["coordinator"] >= 1
    for pair in programme.pairs:
        leader, mentor = people[pair.leader_id], people[pair.mentor_id]
        assert leader.level >= 9 and mentor.level <= 4
        assert leader.department != mentor.department
        assert mentor.manager_id != leader.id
        assert pair.objectives


def test_everyone_has_their_own_address_under_example_org(
    programme: DemoProgramme, loaded: Store
) -> None:
    emails = [p.email for p in programme.participants]
    assert all(email and email.endswith("@example.org") for email in emails)
    assert len(set(emails)) == len(emails)
    mentor = loaded.participant(programme.pairs[0].mentor_id)
    first, *_, last = mentor.name.lower().replace("'", "").split()
    assert mentor.email is not None and mentor.email.startswith(f"{first}.")
    assert {p.email for p in loaded.participants()} == set(emails)


def test_namesakes_get_numbered_addresses() -> None:
    crowd = generate(seed=3, pairs=800, months=6, today=TODAY).participants
    emails = [p.email for p in crowd]
    assert len(set(emails)) == len(emails) == len(crowd)
    assert any(email and email.split("@")[0][-1].isdigit() for email in emails)


def test_every_session_is_before_today_and_dates_never_repeat(programme: DemoProgramme) -> None:
    for pair in programme.pairs:
        days = [s.held_on for s in summaries(programme, pair.id)]
        assert days == sorted(set(days))
        assert all(pair.start_date <= day < TODAY for day in days)


def test_some_pairs_drift_into_trouble_while_most_thrive(programme: DemoProgramme) -> None:
    arcs = Counter(programme.arcs.values())
    assert arcs["drifting"] >= 1 and arcs["lopsided"] >= 1
    assert arcs["thriving"] + arcs["steady"] > len(programme.pairs) / 2
    for pair_id, arc in programme.arcs.items():
        if arc == "drifting":
            assert max(s.held_on for s in summaries(programme, pair_id)) < date(
                2025, 8, 1
            )  # gone quiet


def test_a_lopsided_pair_has_the_mentor_rating_safety_far_below_the_leader(
    programme: DemoProgramme,
) -> None:
    [pair_id] = [p for p, arc in programme.arcs.items() if arc == "lopsided"][:1]
    held = [s for s in summaries(programme, pair_id) if s.leader_ratings and s.mentor_ratings]
    gap = mean(s.leader_ratings.safety - s.mentor_ratings.safety for s in held)
    assert gap >= 1.5


def test_cancellations_are_common_where_health_is_low(programme: DemoProgramme) -> None:
    def cancelled_share(arcs: set[str]) -> float:
        chosen = [
            s for p, arc in programme.arcs.items() if arc in arcs for s in summaries(programme, p)
        ]
        return sum(s.status == "cancelled" for s in chosen) / len(chosen)

    assert cancelled_share({"thriving"}) < cancelled_share({"drifting", "slow-start"})
    assert cancelled_share({"thriving", "steady", "slow-start", "drifting", "lopsided"}) > 0


def test_the_store_holds_the_programme_with_followed_up_and_overdue_commitments(
    programme: DemoProgramme, loaded: Store
) -> None:
    assert len(loaded.participants()) == len(programme.participants)
    made = sum(len(history.sessions) for history in programme.histories())
    assert sum(len(loaded.sessions(p.id)) for p in loaded.pairs()) == made
    done = [
        c
        for p in loaded.pairs()
        for s in loaded.sessions(p.id)
        for c in s.commitments
        if c.status == "done"
    ]
    overdue = [
        c for p in loaded.pairs() for c in loaded.open_commitments(p.id) if c.due and c.due < TODAY
    ]
    assert done and overdue
    assert any(o.progress > 0 for p in loaded.pairs() for o in p.objectives)
    assert any(loaded.private_notes(p.id, "mentor") for p in loaded.pairs())


def test_the_demo_never_mixes_with_an_existing_programme(
    programme: DemoProgramme, loaded: Store
) -> None:
    with pytest.raises(StoreError, match="--replace"):
        write_programme(loaded, programme)
    smaller = generate(seed=1, pairs=3, months=2, today=TODAY)
    write_programme(loaded, smaller, replace=True)
    assert [p.id for p in loaded.pairs()] == [p.id for p in smaller.pairs]
    write_programme(loaded, programme, replace=True)  # leave the module's store as it was


def test_the_demo_written_to_a_fresh_store_equals_the_generated_summaries(tmp_path: Path) -> None:
    small = generate(seed=5, pairs=4, months=3, today=TODAY)
    store = Store.open(Settings(home=tmp_path))
    write_programme(store, small)
    for pair in small.pairs:
        stored = list(reversed(store.sessions(pair.id)))
        generated = summaries(small, pair.id)
        assert [s.held_on for s in stored] == [s.held_on for s in generated]
        assert [s.leader_ratings for s in stored] == [s.leader_ratings for s in generated]


def test_written_a_few_pairs_at_a_time_the_store_holds_the_same_programme(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A 5,000-pair demo is made and written 250 pairs at a time; three pairs a group here.
    from assistant.demo import writer

    small = generate(seed=5, pairs=8, months=6, today=TODAY)
    whole = Store.open(Settings(home=tmp_path / "whole"))
    assert write_programme(whole, small) == sum(len(h.sessions) for h in small.histories())
    monkeypatch.setattr(writer, "_GROUP", 3)
    grouped = Store.open(Settings(home=tmp_path / "grouped"))
    assert write_programme(grouped, small) == write_programme(whole, small, replace=True)

    def held(store: Store, pair_id: str) -> list[tuple[object, ...]]:
        return [
            (s.held_on, s.status, [(c.text, c.status, c.due) for c in s.commitments])
            for s in store.sessions(pair_id)
        ]

    def still_open(store: Store, pair_id: str) -> list[tuple[object, ...]]:
        return [(c.text, c.due) for c in store.open_commitments(pair_id)]

    for pair in small.pairs:
        assert held(grouped, pair.id) == held(whole, pair.id)
        assert still_open(grouped, pair.id) == still_open(whole, pair.id)
    statuses = {c[1] for p in small.pairs for s in held(grouped, p.id) for c in s[2]}
    assert {"done", "open"} <= statuses
