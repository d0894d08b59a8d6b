"""Survey responses are recorded once per side and survey, whole or not at all, and read back."""

from datetime import date

import pytest
from sqlalchemy import func, select

from assistant.models import SessionSummary
from assistant.store import NotFound, Store, schema
from assistant.store.surveys import SurveyRefused
from assistant.surveys.catalogue import bundled_surveys
from assistant.surveys.service import owed_surveys, record_surveys, survey_responses
from tests.surveys.conftest import START, answered


def _count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(schema.survey_answers)) or 0)


def test_a_response_is_recorded_with_its_answers_and_read_back(paired: Store) -> None:
    response = answered("P1", "mentor", "baseline", 3, comment="to speak up more")
    [recorded] = record_surveys(paired, [response])
    assert recorded.outcome == "created"
    assert survey_responses(paired, "P1") == [response]
    assert _count(paired) == 11  # 7 candour items and 4 safety items for a mentor
    assert response.scale_scores(bundled_surveys()) == {"candour": 21, "safety": 12}


def test_answering_again_the_same_changes_nothing_and_differently_is_refused(paired: Store) -> None:
    record_surveys(paired, [answered("P1", "leader", "baseline", 4)])
    [again] = record_surveys(paired, [answered("P1", "leader", "baseline", 4)])
    assert again.outcome == "unchanged"
    with pytest.raises(SurveyRefused, match="already answered on 2025-01-06"):
        record_surveys(paired, [answered("P1", "leader", "baseline", 2)])
    assert [r.answers["openness.1"] for r in survey_responses(paired)] == [4]


def test_a_batch_with_one_bad_response_records_nothing(paired: Store) -> None:
    bad = answered("P1", "mentor", "pairing-fit", 9)
    with pytest.raises(SurveyRefused, match=r"answers.fit.1: 9 is outside 1-5"):
        record_surveys(paired, [answered("P1", "leader", "baseline", 4), bad])
    with pytest.raises(NotFound, match="no pair 'P9'"):
        record_surveys(paired, [answered("P9", "leader", "baseline", 4)])
    assert survey_responses(paired) == []


def test_items_another_side_is_asked_are_refused(paired: Store) -> None:
    response = answered("P1", "mentor", "baseline", 3)
    wrong = response.model_copy(update={"answers": response.answers | {"openness.1": 3}})
    with pytest.raises(SurveyRefused, match="openness.1: not an item the baseline survey asks"):
        record_surveys(paired, [wrong])


def test_owed_surveys_follow_the_pairs_life(paired: Store) -> None:
    def owed(day: date) -> set[tuple[str, str, str]]:
        return {(o.pair_id, o.participant_id, o.kind) for o in owed_surveys(paired, day)}

    closing = {
        ("P2", person, kind) for person in ("L2", "M2") for kind in ("closing", "recommendation")
    }
    assert owed(START) == {("P1", "L1", "baseline"), ("P1", "M1", "baseline")} | closing
    paired.record_session(SessionSummary(pair_id="P1", held_on=date(2025, 1, 20)))
    record_surveys(paired, [answered("P1", "mentor", "baseline", 3, on=date(2025, 1, 21))])
    assert owed(date(2025, 1, 19)) == owed(START)
    assert (
        owed(date(2025, 1, 21))
        == {
            ("P1", "L1", "baseline"),
            ("P1", "L1", "pairing-fit"),
            ("P1", "M1", "pairing-fit"),
        }
        | closing
    )
    [fit] = [o for o in owed_surveys(paired, date(2025, 1, 21)) if o.participant_id == "M1"]
    assert (fit.name, fit.side, fit.due_since) == ("Mo Osei", "mentor", date(2025, 1, 20))


def test_someone_who_left_owes_nothing(paired: Store) -> None:
    mentor = paired.participant("M1").model_copy(update={"left": date(2025, 2, 1)})
    paired.upsert_participants([mentor])
    owed = {o.participant_id for o in owed_surveys(paired, date(2025, 2, 1)) if o.pair_id == "P1"}
    assert owed == {"L1"}
