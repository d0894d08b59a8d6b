"""`rmcoach prepare` and `rmcoach ask` on a demo programme, offline and against a scripted model."""

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from scripted_openai import ScriptedOpenAI

from assistant.cli import main
from assistant.demo import generate, write_programme
from assistant.models import COMMITMENT_CHECK_IN, SessionPlan
from assistant.store import Store


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def pair_id(isolated_home: Path, guidance_home: Path) -> str:
    """A demo programme in this test's home, with the guidance store already built."""
    shutil.copytree(guidance_home / "knowledge", isolated_home / "knowledge")
    store = Store.open()
    write_programme(store, generate(pairs=3, today=date.today()))
    with_commitments = [p.id for p in store.pairs() if store.open_commitments(p.id)]
    return with_commitments[0]


def test_prepare_json_prints_a_valid_plan_opening_with_the_open_commitments(pair_id: str) -> None:
    result = run("prepare", "--pair", pair_id, "--minutes", "60", "--json")
    assert result.exit_code == 0, result.output
    plan = SessionPlan.model_validate_json(result.stdout)
    assert plan.pair_id == pair_id and sum(item.minutes for item in plan.agenda) == 60
    assert plan.agenda[0].serves == COMMITMENT_CHECK_IN
    assert "Offline guide" in result.stderr


def test_prepare_prints_a_readable_plan_labelled_as_the_offline_guide(pair_id: str) -> None:
    result = run("prepare", "--pair", pair_id)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Offline guide")
    for heading in ("Agenda", "Before the session", "Making candour safe", "Sources"):
        assert heading in result.stdout


def test_prepare_for_an_unknown_pair_says_so_and_exits_1(pair_id: str) -> None:
    result = run("prepare", "--pair", "no-such-pair")
    assert result.exit_code == 1
    assert "no-such-pair" in result.output and "Traceback" not in result.output


def test_prepare_refuses_a_session_too_short_to_plan(pair_id: str) -> None:
    result = run("prepare", "--pair", pair_id, "--minutes", "5")
    assert result.exit_code == 2 and "15<=x<=240" in result.output


def test_ask_offline_answers_and_lists_its_sources(pair_id: str) -> None:
    result = run("ask", "How do I tell my leader their emails are too long?", "--as", "mentor")
    assert result.exit_code == 0, result.output
    answer, sources = result.stdout.split("\nSources:\n")
    assert answer.startswith("Offline guide")
    cited = [line.strip() for line in sources.splitlines() if line.startswith("  [")]
    assert cited and all(source in answer for source in cited)
    assert "Answered by: offline guide" in result.stdout


def test_ask_streams_the_models_answer(pair_id: str, scripted_llm: ScriptedOpenAI) -> None:
    scripted_llm.reply_text("Thank them, then ask for an example.")
    result = run("ask", "How should I react to criticism?", "--pair", pair_id)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Thank them, then ask for an example.\n")
    assert f"Answered by: gpt-4o-mini at {scripted_llm.base_url}" in result.stdout
    assert json.dumps(scripted_llm.requests).count(pair_id) >= 1


def test_ask_with_an_unreachable_model_answers_from_the_offline_guide_saying_why(
    pair_id: str, scripted_llm: ScriptedOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("RMCOACH_LLM_MAX_RETRIES", "0")
    result = run("ask", "How do I start?")
    assert result.exit_code == 0
    first = result.output.splitlines()[0]
    assert first == (
        "Offline guide: could not reach the model server at http://127.0.0.1:9/v1 (1 try). "
        "Check it is running, or unset OPENAI_BASE_URL to use the offline guide."
    )
    assert "press Enter" not in result.output and "Traceback" not in result.output
    assert "Answered by: offline guide, as the model did not answer" in result.output


def test_a_servers_raw_error_body_stays_out_of_the_terminal(
    pair_id: str, scripted_llm: ScriptedOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RMCOACH_LLM_MAX_RETRIES", "0")
    scripted_llm.fail(500, message="1 validation error: {'type': 'literal_error', RAW-BODY}")
    # A process of its own: under pytest the root logger has handlers, which would hide
    # Python's habit of printing unhandled warnings to stderr.
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "How do I start?"],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"Offline guide: the model server at {scripted_llm.base_url} failed (HTTP 500, 1 try)"
    )
    for shown in (done.stdout, done.stderr):
        assert "RAW-BODY" not in shown and "literal_error" not in shown
