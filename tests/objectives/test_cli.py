"""`rmcoach objectives` over a real SQLite store in the test's home folder."""

import json
from datetime import date

import pytest
from click.testing import CliRunner, Result

from assistant.cli import main
from assistant.models import ObjectiveProgress, Pair, Participant, SessionSummary
from assistant.store import Store


@pytest.fixture
def store() -> Store:
    opened = Store.open()
    opened.upsert_participants(
        [
            Participant(id="L1", name="Lee", role="leader", department="Finance", level=10),
            Participant(id="M1", name="Mo", role="mentor", department="IT", level=2),
        ]
    )
    opened.upsert_pairs(
        [Pair(id="P1", leader_id="L1", mentor_id="M1", start_date=date(2025, 3, 3))]
    )
    return opened


def rmcoach(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_list_filters_templates_by_kind() -> None:
    result = rmcoach("objectives", "list", "--kind", "inclusion", "--json")
    assert result.exit_code == 0, result.output
    kinds = {t["kind"] for t in json.loads(result.output)}
    assert kinds == {"inclusion"}


def test_list_refuses_an_unknown_kind() -> None:
    result = rmcoach("objectives", "list", "--kind", "hobbies")
    assert result.exit_code == 2
    assert "'hobbies' is not a kind; use one of digital-fluency" in result.output


def test_set_adds_templates_and_own_objectives_and_keeps_progress(store: Store) -> None:
    result = rmcoach("objectives", "set", "--pair", "P1", "--template", "df-generative-ai")
    assert result.exit_code == 0, result.output
    store.record_session(
        SessionSummary(
            pair_id="P1",
            held_on=date(2025, 3, 17),
            objective_progress=[ObjectiveProgress(objective_id="df-generative-ai", progress=25)],
        )
    )
    result = rmcoach(
        "objectives", "set", "--pair", "P1", "--template", "df-generative-ai",
        "--title", "Build a learning routine", "--criteria", "Routine written", "--kind", "custom",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    objectives = {o.id: o for o in store.pair("P1").objectives}
    assert objectives["df-generative-ai"].progress == 25
    assert objectives["build-a-learning-routine"].success_criteria == ["Routine written"]


def test_show_gives_progress_session_by_session_and_topic_ideas(store: Store) -> None:
    rmcoach("objectives", "set", "--pair", "P1", "--template", "gen-channels")
    for held_on, progress in ((date(2025, 3, 17), 25), (date(2025, 3, 31), 50)):
        store.record_session(
            SessionSummary(
                pair_id="P1",
                held_on=held_on,
                objective_progress=[
                    ObjectiveProgress(objective_id="gen-channels", progress=progress)
                ],
            )
        )
    result = rmcoach("objectives", "show", "--pair", "P1")
    assert result.exit_code == 0, result.output
    assert "progress 50/100" in result.output
    assert "by session: 2025-03-17: 25, 2025-03-31: 50" in result.output
    assert "session idea: Design the ten-person poll together" in result.output


def test_removing_an_objective_and_the_two_or_three_note(store: Store) -> None:
    many = ["df-generative-ai", "gen-channels", "in-belonging", "lp-all-hands"]
    result = rmcoach(
        "objectives", "set", "--pair", "P1", *[a for t in many for a in ("--template", t)]
    )
    assert result.exit_code == 0
    assert "Note: 4 objectives; the guidance suggests two or three" in result.output
    result = rmcoach("objectives", "set", "--pair", "P1", "--remove", "lp-all-hands", "--yes")
    assert result.exit_code == 0 and "now has 3 objectives" in result.output
    assert [o.id for o in store.pair("P1").objectives] == many[:3]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--template", "nope"], 2, "no objective template 'nope'"),
        (["--remove", "nope"], 2, "--remove nope: the pair has no such objective; it has none"),
        (["--title", "Own"], 2, "give the --title objective its success criteria with --criteria"),
        (["--criteria", "x"], 2, "--criteria belongs to an objective of your own"),
        ([], 2, "say what to change"),
    ],
)
def test_set_explains_what_is_wrong_and_changes_nothing(
    store: Store, args: list[str], code: int, message: str
) -> None:
    result = rmcoach("objectives", "set", "--pair", "P1", *args)
    assert result.exit_code == code
    assert message in result.output
    assert store.pair("P1").objectives == []


def test_an_unknown_pair_is_a_message_not_a_traceback(store: Store) -> None:
    result = rmcoach("objectives", "show", "--pair", "P9")
    assert result.exit_code == 1
    assert "there is no pair 'P9'" in result.output
