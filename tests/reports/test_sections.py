"""Every report section on the hand-built programme (see programme.py), with figures worked out
by hand in the comments rather than by the code under test."""

from datetime import date

import pytest

from assistant.reports import Suppressed, build_report
from assistant.reports.model import ProgrammeReport
from assistant.store import Store

from .programme import TODAY

HIDDEN = Suppressed()


@pytest.fixture(scope="module")
def report(programme: Store) -> ProgrammeReport:
    return build_report(programme, today=TODAY, cohort="c1")


def test_pair_counts_include_every_pair_in_the_cohort_whatever_their_consent(report):
    pairs = report.totals.pairs
    # P1-P5 and P7 active, P6 paused; P8 is in cohort c2. P7's leader did not consent.
    assert (pairs.active, pairs.paused, pairs.closed, pairs.total) == (6, 1, 0, 7)
    assert pairs.consenting == 6


def test_totals_count_held_sessions_of_consenting_pairs_only(report):
    totals = report.totals
    # P1 6 (its cancelled session not counted), P2 3, P3 6, P4 6, P5 6, P6 2; P7's 2 left out.
    assert totals.sessions_held == 29
    # Per pair [6, 3, 6, 6, 6, 2] -> sorted [2, 3, 6, 6, 6, 6] -> (6 + 6) / 2.
    assert totals.sessions_per_pair_median == 6.0
    # Each pair's mean interval: 75 days / 5 for the four full pairs, 30 / 2 for P2,
    # 14 / 1 for P6 -> [15, 15, 15, 15, 15, 14].
    assert totals.median_days_between_sessions == 15.0
    # Active consenting P1-P5: 90 days since 04-01 // 14 = 6 sessions due; P2 held 3 -> 4 of 5.
    assert totals.cadence_met_share == 0.8


def test_ratings_are_means_per_side_over_consenting_pairs(report):
    ratings = report.ratings
    # Leader safety: P1 36 + P2 15 + P3 33 + P4 36 + P5 30 + P6 8 = 158 over 29 sessions.
    assert ratings.leader.safety_mean == round(158 / 29, 2) == 5.45
    # Mentor usefulness: 24 + 9 + 24 + 24 + 30 + 4 = 115 over 29.
    assert ratings.mentor.usefulness_mean == round(115 / 29, 2)
    assert ratings.mentor.safety_mean == round(164 / 29, 2)
    assert ratings.leader.usefulness_mean == round(109 / 29, 2)


def test_monthly_ratings_show_months_with_five_pairs_and_suppress_months_with_four(report):
    months = {m.month: m for m in report.ratings.by_month}
    assert list(months) == ["2024-04", "2024-05", "2024-06"]
    # April: all six pairs twice; leader safety 2 * (6 + 5 + 6 + 6 + 5 + 4) = 64 over 12.
    assert months["2024-04"].leader.safety_mean == round(64 / 12, 2)
    # May: P1-P5 (five pairs), nine sessions; leader safety 12 + 5 + 11 + 12 + 11 = 51.
    assert months["2024-05"].leader.safety_mean == round(51 / 9, 2)
    # June: only P1, P3, P4 and P5 met (four pairs): every figure withheld.
    june = months["2024-06"]
    assert [june.leader.safety_mean, june.leader.usefulness_mean] == [HIDDEN, HIDDEN]
    assert [june.mentor.safety_mean, june.mentor.usefulness_mean] == [HIDDEN, HIDDEN]


def test_accountability_counts_commitments_where_they_stand_today(report):
    a = report.accountability
    # Made: C1-C8 (P7's is not counted). Done C1 C2 C7 C8; dropped C5; open C3 C4 C6.
    assert (a.made, a.done, a.dropped, a.open) == (8, 4, 1, 3)
    # Only C3 (due 06-10) is open and past due; C6 has no due date, C4 is due in July.
    assert a.overdue == 1
    assert a.completion_rate == round(4 / 7, 3)


def test_commitments_stand_as_they_did_on_the_report_date(programme):
    earlier = build_report(programme, today=date(2024, 4, 20), cohort="c1").accountability
    # Made by 04-20: C1 C2 C3 C6 C7 C8 (five pairs). C1 and C8 were done on 04-15; C2 and C7
    # were done only on 05-01, so on 04-20 they were still open, like C3 and C6.
    assert (earlier.made, earlier.done, earlier.open, earlier.overdue) == (6, 2, 4, 0)
    assert earlier.completion_rate == round(2 / 6, 3)


def test_objectives_roll_up_the_latest_progress_reading_per_objective(report):
    kinds = {o.kind: o for o in report.objectives}
    fluency = kinds["digital-fluency"]
    # P1 75 (its 06-15 reading), P2 25, P4 100, P5 50, P6 0 (no reading): five pairs.
    # P7's objective reached 100, but P7 did not consent: one completed of five.
    assert (fluency.pairs, fluency.objectives) == (5, 5)
    assert fluency.mean_progress == 50.0
    assert fluency.completed_share == 0.2
    # One pair each: withheld whole.
    for kind in ("inclusion", "generational"):
        assert kinds[kind].pairs == kinds[kind].mean_progress == HIDDEN


def test_retention_counts_people_who_stayed_each_window_by_role(report):
    table = {(r.role, r.months): (r.eligible, r.still_active_share) for r in report.retention}
    # Leaders: L1-L5, X1, X2 joined 2023-06-01; L6 2024-01-15; L7 2024-03-01.
    # X1 left after 61 days, X2 after 214 days.
    assert table[("leader", 3)] == (9, round(8 / 9, 3))
    assert table[("leader", 6)] == (7, round(6 / 7, 3))
    assert table[("leader", 12)] == (7, round(5 / 7, 3))
    # Mentors M1-M5 joined 2024-01-01; M6, M7 have no date and their pairs began 90 days ago.
    assert table[("mentor", 3)] == (5, 1.0)
    assert table[("mentor", 6)] == (HIDDEN, HIDDEN)
    assert table[("mentor", 12)] == (HIDDEN, HIDDEN)


def test_themes_count_sessions_per_topic_and_month_gated_by_pairs(report):
    months = {m.month: m for m in report.themes}
    april, may, june = months["2024-04"], months["2024-05"], months["2024-06"]
    assert april.sessions == 12
    assert april.topics == {"objectives": 6, "ground-rules": 6, "feedback": 5, "inclusion": HIDDEN}
    assert may.sessions == 9
    assert may.topics == {"feedback": 5, "digital-fluency": 9}
    assert june.sessions == HIDDEN
    assert set(june.topics.values()) == {HIDDEN}


def test_since_limits_session_figures_to_the_window(programme):
    windowed = build_report(programme, today=TODAY, cohort="c1", since=date(2024, 5, 1))
    # From 05-01: P1, P3, P4, P5 four sessions each, P2 one -> 17 sessions over five pairs.
    assert windowed.totals.sessions_held == 17
    assert [m.month for m in windowed.themes] == ["2024-05", "2024-06"]
    # Commitments made from 05-01: only P4's C4 and C5 -> one pair, withheld.
    assert windowed.accountability.made == HIDDEN


def test_smaller_minimum_group_size_reveals_what_larger_hides(programme):
    open_report = build_report(programme, today=TODAY, cohort="c1", min_group_size=4)
    june = next(m for m in open_report.ratings.by_month if m.month == "2024-06")
    # June: P1 6+6, P3 5+5, P4 6+6, P5 6+3 -> 43 over 8 sessions (four pairs).
    assert june.leader.safety_mean == round(43 / 8, 2)
    assert (
        open_report.meta.suppressed_values
        < build_report(programme, today=TODAY, cohort="c1").meta.suppressed_values
    )


def test_all_cohorts_add_the_other_cohorts_pairs(programme):
    everyone = build_report(programme, today=TODAY)
    assert (everyone.totals.pairs.total, everyone.totals.pairs.closed) == (8, 1)
    # P8's two sessions join the 29.
    assert everyone.totals.sessions_held == 31


def test_report_records_what_it_was_asked(report):
    meta = report.meta
    assert (meta.generated_for, meta.cohort, meta.since, meta.min_group_size) == (
        TODAY,
        "c1",
        None,
        5,
    )
    assert report.schema_version == 1
    # 4 June ratings + 4 per suppressed objective kind (8) + 4 mentor retention
    # + April inclusion + June sessions and its two topics.
    # + the overdue-commitment nudges. No one answered a survey: 5 scales x 6 outcome figures,
    # pairing fit's 3 and the NPS's 2 are counts of nothing, withheld too.
    assert meta.suppressed_values == 4 + 8 + 4 + 1 + 3 + 1 + 30 + 3 + 2


def test_an_empty_programme_reports_nothing_but_zero_pairs(empty_store):
    report = build_report(empty_store, today=TODAY)
    assert report.totals.pairs.total == 0
    assert report.totals.sessions_held == HIDDEN
    assert report.themes == [] and report.at_risk.pairs == []


def test_nudges_are_counted_by_kind_and_gated_by_pairs(report):
    # As of 06-30, P1, P3, P4 and P5 last met on 06-15 (15 days, cadence 14) and P2 on 05-01:
    # five overdue-session nudges over five pairs. P4's C3 is the one overdue commitment.
    # P6 is paused and P7 did not consent: neither is nudged about sessions. No one answered a
    # survey, and owing one reveals nothing written: all 7 pairs' 14 people owe the baseline.
    assert report.nudges.by_kind == {
        "overdue-session": 5,
        "overdue-commitment": HIDDEN,
        "survey-due": 14,
    }
    assert report.nudges.total == 6 + 14


def test_nudges_follow_the_cohort(programme):
    other = build_report(programme, today=TODAY, cohort="c2", min_group_size=1)
    # P8, the only pair in c2, is closed: no session nudge is due, only its two people's
    # closing surveys (one nudge each).
    assert other.nudges.by_kind == {"survey-due": 2}
    assert other.nudges.total == 2
