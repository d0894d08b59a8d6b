"""Survey nudges: whoever owes a survey is nudged once per pair, and a poor pairing fit reaches
the coordinator while it is news and stays on the report's at-risk list."""

from datetime import timedelta

from assistant.accountability.survey_nudges import POOR_FIT_NUDGE_DAYS, survey_nudges
from assistant.models import Participant, SessionSummary
from assistant.reports import build_report
from assistant.store import Store
from assistant.surveys.service import record_surveys
from tests.surveys.conftest import START, answered

FIRST = START + timedelta(days=7)
FIT_DAY = FIRST + timedelta(days=2)


def _with_a_first_session(store: Store) -> Store:
    coordinator = Participant(id="C1", name="Cleo Grant", role="coordinator",
                              department="People", level=6)  # fmt: skip
    store.upsert_participants([coordinator])
    store.record_session(SessionSummary(pair_id="P1", held_on=FIRST))
    return store


def test_each_person_gets_one_nudge_naming_every_survey_they_owe(paired: Store) -> None:
    store = _with_a_first_session(paired)
    nudges = [n for n in survey_nudges(store, FIT_DAY) if n.kind == "survey-due"]
    by_person = {n.to[0].id: n for n in nudges}
    assert set(by_person) == {"L1", "M1", "L2", "M2"}
    mentor = by_person["M1"]
    assert "the baseline survey and the pairing-fit survey" in mentor.reason
    assert "rmcoach survey take --pair P1 --as mentor" in mentor.message
    assert "the closing survey and the recommendation question" in by_person["L2"].reason
    record_surveys(store, [answered("P1", "mentor", "baseline", 3, FIT_DAY)])
    later = {n.to[0].id: n.reason for n in survey_nudges(store, FIT_DAY) if n.kind == "survey-due"}
    assert "baseline" not in later["M1"] and "pairing-fit" in later["M1"]


def test_a_poor_fit_nudges_the_coordinator_then_stays_on_the_at_risk_list(paired: Store) -> None:
    store = _with_a_first_session(paired)
    record_surveys(store, [answered("P1", "mentor", "pairing-fit", 2, FIT_DAY),
                           answered("P1", "leader", "pairing-fit", 4, FIT_DAY)])  # fmt: skip
    [poor] = [n for n in survey_nudges(store, FIT_DAY) if n.kind == "poor-fit"]
    assert [(r.id, r.role) for r in poor.to] == [("C1", "coordinator")]
    assert poor.reason == f"the mentor's pairing-fit answers were 2.5 of 5 or lower on {FIT_DAY}"
    assert "2.0" not in poor.message, "a coordinator never reads a person's own answer"
    later = FIT_DAY + timedelta(days=POOR_FIT_NUDGE_DAYS)
    assert not [n for n in survey_nudges(store, later) if n.kind == "poor-fit"]
    report = build_report(store, today=later, min_group_size=1)
    [pair] = report.at_risk.pairs
    assert [(r.code, r.detail) for r in pair.reasons if r.code == "poor-fit"] == [
        ("poor-fit", f"mentor's pairing-fit answers 2.5 of 5 or lower ({FIT_DAY})")
    ]
    assert (
        report.nudges.by_kind["survey-due"] == 4
    )  # both of P1 owe the baseline, both of P2 closing
    assert "poor-fit" not in report.nudges.by_kind


def test_a_fair_fit_is_no_risk(paired: Store) -> None:
    store = _with_a_first_session(paired)
    record_surveys(store, [answered("P1", "mentor", "pairing-fit", 3, FIT_DAY)])
    assert not [n for n in survey_nudges(store, FIT_DAY) if n.kind == "poor-fit"]
    report = build_report(store, today=FIT_DAY, min_group_size=1)
    assert all(r.code != "poor-fit" for p in report.at_risk.pairs for r in p.reasons)
