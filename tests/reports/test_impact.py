"""The impact section: change for people who answered both surveys, NPS, pairing fit and feedback
themes, all from consenting pairs only, withheld under the group size, and never a quote."""

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from databases import KINDS, database_url, migrated_store

from assistant.models import Pair, Participant
from assistant.reports import build_report
from assistant.reports.model import ProgrammeReport, Suppressed
from assistant.reports.render import render
from assistant.store import Store
from assistant.surveys.service import record_surveys
from tests.surveys.conftest import answered

START, TODAY = date(2025, 1, 6), date(2025, 7, 1)
#: Per pair: mentor candour item value at baseline and closing, and the 0-10 recommendation.
#: P7's leader did not consent: its extreme answers must count nowhere.
CANDOUR = {"P1": (2, 4), "P2": (3, 4), "P3": (3, 5), "P4": (2, 3), "P5": (3, 4), "P6": (4, 5),
           "P7": (1, 1)}  # fmt: skip
RECOMMEND = {"P1": 10, "P2": 10, "P3": 9, "P4": 8, "P5": 5, "P6": 3, "P7": 0}
COMMENTS = [
    "I now use the AI assistant for drafting papers every week.",
    "Drafting with an AI assistant saves me hours each week.",
    "The AI assistant is part of my weekly drafting now.",
    "Weekly drafting with the AI assistant changed how I write.",
    "I rely on the AI assistant for drafting every week.",
    "Zanzibar Quillfeather told me something nobody else would.",
]


@pytest.fixture(params=KINDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with database_url(request.param, tmp_path, "impact") as url, migrated_store(url) as fresh:
        people, pairs, responses = [], [], []
        for n, pair_id in enumerate(CANDOUR, start=1):
            people += [
                Participant(id=f"L{n}", name=f"Leader {n}", role="leader", department="Sales",
                            level=9, consent_to_share=pair_id != "P7"),
                Participant(id=f"M{n}", name=f"Mentor {n}", role="mentor", department="IT",
                            level=2),
            ]  # fmt: skip
            pairs.append(Pair(id=pair_id, leader_id=f"L{n}", mentor_id=f"M{n}", start_date=START,
                              status="closed"))  # fmt: skip
            before, after = CANDOUR[pair_id]
            comment = COMMENTS[n - 1] if n <= len(COMMENTS) else ""
            responses += [
                answered(pair_id, "mentor", "baseline", before),
                answered(pair_id, "mentor", "closing", after, date(2025, 6, 1), comment),
                answered(pair_id, "leader", "recommendation", RECOMMEND[pair_id]),
            ]
        fresh.upsert_participants(people)
        fresh.upsert_pairs(pairs)
        record_surveys(fresh, responses)
        yield fresh


@pytest.fixture
def report(store: Store) -> ProgrammeReport:
    return build_report(store, today=TODAY)


def test_change_counts_consenting_people_who_answered_both(report: ProgrammeReport) -> None:
    [candour] = [o for o in report.outcomes if (o.scale, o.side) == ("candour", "mentor")]
    # Seven candour items: a score is 7 x the item value. P1-P6 only.
    assert candour.people == 6
    assert candour.before_mean == round(7 * (2 + 3 + 3 + 2 + 3 + 4) / 6, 2)
    assert candour.after_mean == round(7 * (4 + 4 + 5 + 3 + 4 + 5) / 6, 2)
    assert candour.change == round(7 * 8 / 6, 2)
    # Six rises out of six: the exact two-sided signed-rank p is 2 / 2**6.
    assert candour.p_value == round(2 / 64, 4)
    assert candour.effect_size == 1.0


def test_groups_under_the_threshold_are_withheld(store: Store, report: ProgrammeReport) -> None:
    leader = [o for o in report.outcomes if o.side == "leader"]
    assert leader and all(o.people == Suppressed() and o.change == Suppressed() for o in leader)
    strict = build_report(store, today=TODAY, min_group_size=7)
    [candour] = [o for o in strict.outcomes if o.scale == "candour"]
    assert candour.people == Suppressed() and candour.p_value == Suppressed()
    assert strict.nps.score == Suppressed()


def test_nps_is_promoters_minus_detractors_among_consenting_respondents(
    report: ProgrammeReport,
) -> None:
    # P1-P6: promoters 10, 10, 9; passive 8; detractors 5, 3.
    assert (report.nps.respondents, report.nps.score) == (6, round(100 * (3 - 2) / 6))


def test_themes_name_words_from_enough_pairs_and_never_quote_anyone(
    report: ProgrammeReport,
) -> None:
    [theme] = [t for t in report.feedback_themes if t.label != "other"]
    assert {"assistant", "drafting"} <= set(theme.words) and theme.pairs == 5
    every_format = "".join(render(report, f) for f in ("json", "csv", "md", "table"))  # type: ignore[arg-type]
    assert "Zanzibar" not in every_format and "zanzibar" not in every_format
    for comment in COMMENTS:
        assert comment not in every_format


def test_every_format_carries_the_impact_figures(report: ProgrammeReport) -> None:
    csv = render(report, "csv")
    assert "outcomes.people,scale=candour;side=mentor,,6" in csv
    assert (
        "nps.score,,,17" in csv and "outcomes.change,scale=openness;side=leader,,suppressed" in csv
    )
    table = render(report, "table", width=140)
    assert "Impact by Kirkpatrick level" in table and "mentor confidence in giving" in table
    assert "## Learning: baseline to closing" in render(report, "md")


def test_p_values_and_themes_need_no_scipy(store: Store) -> None:
    # Importing scipy.stats and scipy.cluster cost over a second of CPU: the report computes
    # both itself (test_signed_rank.py, test_linkage.py). A fresh interpreter shows what loads.
    probe = (
        "import sys, datetime\n"
        "from assistant.reports import build_report\n"
        "from assistant.store.store import make_engine\n"
        "engine = make_engine(sys.argv[1])\n"
        f"report = build_report(engine, today=datetime.date.fromisoformat('{TODAY}'))\n"
        "print([o.p_value for o in report.outcomes])\n"
        "print(len(report.feedback_themes))\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith('scipy')}))\n"
    )
    url = store.engine.url.render_as_string(hide_password=False)
    result = subprocess.run(
        [sys.executable, "-c", probe, url], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    p_values, themes, scipy = result.stdout.splitlines()
    assert str(round(2 / 64, 4)) in p_values and int(themes) > 0
    assert scipy == "[]"
