"""`rmcoach rehearse`: the --check card and JSON, and a rehearsal in the terminal."""

import json
from datetime import date

import pytest
from click.testing import CliRunner, Result

from assistant.agent.rubric import CRITERIA
from assistant.cli import main
from assistant.models import Objective, Pair, Participant
from assistant.store import Store

ABSOLUTE = "You always send emails at midnight."
GOOD = (
    "Last week you sent the project team four emails after midnight. Two of the juniors told me "
    "they felt they had to reply before morning. Would you be willing to schedule them for 8am?"
)


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, ["rehearse", *args], input=input)


@pytest.fixture
def pair() -> Pair:
    store = Store.open()
    store.upsert_participants(
        [
            Participant(id="L-1", name="Ann Lead", role="leader", department="Ops", level=11),
            Participant(id="M-1", name="Bo Mentor", role="mentor", department="IT", level=2),
        ]
    )
    objective = Objective(id="O-1", title="Hear candid views on my emails", kind="custom")
    pair = Pair(
        id="P-1",
        leader_id="L-1",
        mentor_id="M-1",
        start_date=date(2025, 3, 1),
        objectives=[objective],
    )
    store.upsert_pairs([pair])
    return pair


def test_check_json_has_exactly_the_documented_schema() -> None:
    result = run("--check", ABSOLUTE, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["criteria", "rewrite"]
    assert [c["id"] for c in data["criteria"]] == list(CRITERIA)
    for criterion in data["criteria"]:
        assert list(criterion) == ["id", "passed", "score", "reason", "quote"]
        assert isinstance(criterion["passed"], bool) and criterion["score"] in (0, 1, 2)
        assert isinstance(criterion["reason"], str) and criterion["reason"]
        assert criterion["quote"] in ABSOLUTE
    absolutes = data["criteria"][CRITERIA.index("absolutes")]
    assert absolutes == {**absolutes, "passed": False, "score": 0, "quote": "always"}
    assert isinstance(data["rewrite"], str) and "always" not in data["rewrite"]


def test_check_prints_a_card_with_marks_reasons_quotes_and_the_rewrite() -> None:
    result = run("--check", ABSOLUTE)
    assert result.exit_code == 0
    assert "Score 6/14" in result.output
    assert "✗ absolutes" in result.output and '"always"' in result.output
    assert "✓ behaviour" in result.output
    assert "Suggested rewrite:" in result.output and "You send emails at midnight." in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give either --check"),
        (("--check", "x", "--pair", "P-1"), "give either --check"),
        (("--check", "  "), "needs the feedback"),
        (("--pair", "P-1", "--json"), "--json goes with --check"),
        (("--check", "x", "--persona", "Helen"), "go with --pair"),
    ],
)
def test_wrong_option_combinations_exit_2_with_a_message(
    args: tuple[str, ...], message: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2 and message in result.output


def test_an_unknown_pair_exits_1_and_says_how_to_find_pairs() -> None:
    result = run("--pair", "P-404", "--persona", "Helen", "--topic", "emails")
    assert result.exit_code == 1
    assert "there is no pair 'P-404'" in result.output and "Traceback" not in result.output


def test_a_rehearsal_answers_in_character_labelled_offline_and_shows_progress(pair: Pair) -> None:
    result = run("--pair", pair.id, "--persona", "Helen", input=f"\n{ABSOLUTE}\n\n{GOOD}\n:q\n")
    assert result.exit_code == 0, result.output
    output = result.output
    assert "Hear candid views on my emails" in output  # the objective is offered as the topic
    assert "Helen Ward (offline guide): I've got ten minutes." in output
    assert 'Helen Ward (offline guide): "Always"? I doubt that.' in output
    assert "Attempt 1: 6/14" in output and "Attempt 2: 14/14" in output
    assert "+8 since your first attempt" in output


def test_a_persona_can_be_chosen_by_number_or_described(pair: Pair) -> None:
    by_number = run("--pair", pair.id, "--topic", "emails", input="2\n:q\n")
    assert "with Richard Hale, Chief Financial Officer (defensive)" in by_number.output
    custom = "Sam Lee, Chief Technology Officer, sceptical"
    described = run("--pair", pair.id, "--persona", custom, "--topic", "emails", input=":q\n")
    assert "with Sam Lee, Chief Technology Officer (sceptical)" in described.output
    assert "No attempts this time" in described.output


def test_an_unknown_persona_exits_2_with_the_choices(pair: Pair) -> None:
    result = run("--pair", pair.id, "--persona", "Nobody", "--topic", "emails")
    assert result.exit_code == 2 and "Helen Ward" in result.output


def test_end_of_input_finishes_the_rehearsal_with_its_summary(pair: Pair) -> None:
    result = run("--pair", pair.id, "--persona", "Tom", "--topic", "emails", input=f"{GOOD}\n")
    assert result.exit_code == 0 and "Attempt 1: 14/14" in result.output


def test_with_a_model_configured_the_rehearsal_asks_it(
    pair: Pair, scripted_llm, isolated_home, guidance_home
) -> None:
    """The command used to answer with the offline guide even when a model was configured."""
    import shutil

    shutil.copytree(guidance_home / "knowledge", isolated_home / "knowledge")
    scripted_llm.reply_text("Midnight emails? Nobody ever told me.")
    scripted_llm.fail(400, message="no refinement")
    result = run("--pair", pair.id, "--persona", "Helen", input=f"\n{ABSOLUTE}\n:q\n")
    assert result.exit_code == 0, result.output
    assert "Helen Ward: Midnight emails? Nobody ever told me." in result.output
    assert "offline guide" not in result.output
    assert "Attempt 1:" in result.output
    asked = [request for request in scripted_llm.requests if ABSOLUTE in json.dumps(request)]
    assert asked, "the model was never asked"
