"""The demo answers surveys believably: baseline for most, fit after a first session, closing for
closed pairs, some never answering, and mentors ending more confident than they began."""

from datetime import date
from pathlib import Path
from statistics import mean

import pytest

from assistant.config import Settings
from assistant.demo import DemoProgramme, generate, write_programme
from assistant.store import Store
from assistant.surveys.catalogue import bundled_surveys
from assistant.surveys.responses import SurveyResponse
from assistant.surveys.service import owed_surveys, survey_responses

TODAY = date(2025, 9, 1)


@pytest.fixture(scope="module")
def programme() -> DemoProgramme:
    return generate(seed=11, pairs=40, months=6, today=TODAY)


def answers(programme: DemoProgramme) -> list[SurveyResponse]:
    return [response for history in programme.histories() for response in history.surveys]


def test_who_answers_what_follows_each_pairs_life(programme: DemoProgramme) -> None:
    status = {pair.id: pair.status for pair in programme.pairs}
    kinds = {(r.pair_id, r.side, r.kind) for r in answers(programme)}
    baselines = sum(kind == "baseline" for _, _, kind in kinds)
    assert 0.7 * 80 <= baselines < 80  # most people, never everyone
    assert "closed" in status.values()
    assert {status[pair] for pair, _, kind in kinds if kind == "closing"} == {"closed"}
    sessions = {history.pair.id: history.sessions for history in programme.histories()}
    for response in answers(programme):
        held = [s.summary.held_on for s in sessions[response.pair_id]]
        assert response.answered_on <= TODAY
        if response.kind == "pairing-fit":
            assert min(held) < response.answered_on


def test_mentors_of_closed_pairs_end_more_confident_than_they_began(
    programme: DemoProgramme,
) -> None:
    catalogue = bundled_surveys()
    scores = {
        (r.pair_id, r.kind): r.scale_scores(catalogue)["candour"]
        for r in answers(programme)
        if r.side == "mentor" and r.kind in ("baseline", "closing")
    }
    change = [
        scores[(pair, "closing")] - scores[(pair, "baseline")]
        for pair, kind in scores
        if kind == "closing" and (pair, "baseline") in scores
    ]
    assert len(change) >= 5 and mean(change) >= 3
    assert 18 <= mean(s for (_, kind), s in scores.items() if kind == "baseline") <= 26


def test_the_written_demo_holds_every_answer_and_still_owes_the_missing_ones(
    programme: DemoProgramme, tmp_path: Path
) -> None:
    store = Store.open(Settings(home=tmp_path))
    write_programme(store, programme)
    assert len(survey_responses(store)) == len(answers(programme))
    owed = owed_surveys(store, TODAY)
    assert owed and all(o.kind != "closing" or o.pair_id in {
        p.id for p in programme.pairs if p.status == "closed"} for o in owed)  # fmt: skip
