"""Pairs at risk: which pairs are flagged, for what, and who is never assessed."""

from datetime import date, timedelta

import pytest

from assistant.models import Pair, Participant, Ratings, SessionSummary
from assistant.reports import build_report
from assistant.reports.model import ProgrammeReport

from .programme import TODAY


@pytest.fixture(scope="module")
def report(programme) -> ProgrammeReport:
    return build_report(programme, today=TODAY, cohort="c1")


def _codes(report: ProgrammeReport) -> dict[str, list[str]]:
    return {pair.pair_id: [r.code for r in pair.reasons] for pair in report.at_risk.pairs}


def test_each_rule_flags_the_pair_built_to_break_it_and_no_other(report):
    assert _codes(report) == {
        "P2": ["missed-cadence"],
        "P3": ["falling-safety", "falling-safety"],
        "P4": ["overdue-commitments"],
        "P5": ["rating-gap"],
    }


def test_pairs_with_most_reasons_come_first(report):
    assert [pair.pair_id for pair in report.at_risk.pairs] == ["P3", "P2", "P4", "P5"]


def test_reasons_give_the_figures_behind_them(report):
    details = {p.pair_id: [r.detail for r in p.reasons] for p in report.at_risk.pairs}
    # P2's last session was 05-01: 60 days before 06-30, over 1.5 x 14 = 21.
    assert details["P2"] == ["no session for 60 days (planned every 14 days)"]
    assert details["P3"] == [
        "leader's mean safety rating fell from 6.0 to 5.0 over the last 3 sessions",
        "mentor's mean safety rating fell from 6.0 to 5.0 over the last 3 sessions",
    ]
    assert details["P4"] == ["1 open commitment past due"]
    assert details["P5"] == ["leader's latest safety rating is 3 points below the mentor's"]


def test_a_pair_without_consent_is_counted_not_named(report):
    # P7 broke every rule, but its leader did not consent to share summaries.
    assert "P7" not in _codes(report)
    assert report.at_risk.not_assessed_without_consent == 1


def test_paused_pairs_are_not_assessed(report):
    # P6 last met on 04-15, 76 days ago, but it is paused.
    assert "P6" not in _codes(report)


def test_missed_cadence_follows_the_report_date(programme):
    # On 05-20 P2 had been idle 19 days: under 21, so not yet at risk.
    earlier = build_report(programme, today=date(2024, 5, 20), cohort="c1")
    assert "P2" not in _codes(earlier)


@pytest.fixture
def one_pair(empty_store):
    empty_store.upsert_participants(
        [
            Participant(id="L", name="L", role="leader", department="D", level=9),
            Participant(id="M", name="M", role="mentor", department="D", level=2),
        ]
    )
    empty_store.upsert_pairs(
        [Pair(id="P", leader_id="L", mentor_id="M", start_date=date(2024, 1, 1), cadence_days=7)]
    )
    return empty_store


def _record(store, safety: list[tuple[int, int]]) -> None:
    for week, (leader, mentor) in enumerate(safety):
        store.record_session(
            SessionSummary(
                pair_id="P",
                held_on=date(2024, 1, 1) + timedelta(days=7 * week),
                leader_ratings=Ratings(safety=leader, usefulness=3),
                mentor_ratings=Ratings(safety=mentor, usefulness=3),
            )
        )


def _reasons(store, today: date) -> list[str]:
    report = build_report(store, today=today, min_group_size=1)
    return [r.code for pair in report.at_risk.pairs for r in pair.reasons]


def test_a_drop_just_under_one_point_is_not_falling(one_pair):
    # Before 6, 6, 6; last 5, 5, 6: the mean fell by 2/3 of a point.
    _record(one_pair, [(6, 6), (6, 6), (6, 6), (5, 6), (5, 6), (6, 6)])
    assert _reasons(one_pair, date(2024, 2, 8)) == []


def test_falling_needs_an_earlier_rating_to_compare_with(one_pair):
    # Three ratings only: nothing came before the last three.
    _record(one_pair, [(7, 7), (3, 7), (3, 7)])
    assert _reasons(one_pair, date(2024, 1, 16)) == ["rating-gap"]


def test_falling_compares_with_what_there_is_when_fewer_than_three_came_before(one_pair):
    # Ratings 7, 5, 5, 5: the last three (mean 5) against the single one before (7).
    _record(one_pair, [(7, 7), (5, 7), (5, 7), (5, 7)])
    assert _reasons(one_pair, date(2024, 1, 23)) == ["falling-safety", "rating-gap"]


def test_a_gap_of_one_point_is_not_a_rating_gap(one_pair):
    _record(one_pair, [(5, 6)])
    assert _reasons(one_pair, date(2024, 1, 2)) == []


def test_cadence_slack_is_one_and_a_half_cadences(one_pair):
    _record(one_pair, [(6, 6)])
    # Cadence 7: 10 days idle is within 10.5, 11 is not.
    assert _reasons(one_pair, date(2024, 1, 11)) == []
    assert _reasons(one_pair, date(2024, 1, 12)) == ["missed-cadence"]
