"""The programme commands end to end: roster, pairs, participants, log and demo."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assistant.cli import main
from assistant.models import Objective
from assistant.store import Store

EXAMPLES = Path(__file__).parents[2] / "examples"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def imported() -> Store:
    assert run("roster", "import", str(EXAMPLES / "roster.csv")).exit_code == 0
    assert run("pairs", "import", str(EXAMPLES / "pairs.csv")).exit_code == 0
    return Store.open()


def test_imports_report_what_changed_and_lists_show_ids_first(imported: Store) -> None:
    again = run("roster", "import", str(EXAMPLES / "roster.csv"))
    assert again.output.strip().endswith("0 new, 0 updated, 12 unchanged participants.")
    table = run("pairs", "list")
    assert table.exit_code == 0 and "5 pairs" in table.output and "P-01" in table.output
    pairs = json.loads(run("pairs", "list", "--json", "--status", "paused").output)
    assert [p["id"] for p in pairs] == ["P-05"]
    people = json.loads(run("participants", "list", "--json").output)
    assert list(people[0])[0] == "id" and len(people) == 12


def test_a_bad_roster_exits_1_with_each_problem_and_imports_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "roster.csv"
    bad.write_text(
        "id,name,role,department,level,manager_id,skills,interests,goals\nx,X,boss,IT,3,,,,\n"
    )
    result = run("roster", "import", str(bad))
    assert result.exit_code == 1
    assert "roster.csv: line 2, column role: 'boss' is not one of" in result.output
    assert "Traceback" not in result.output
    assert run("participants", "list").output.startswith("No participants yet")


def test_log_from_a_json_file_records_the_session_once(imported: Store) -> None:
    first = run("log", "--pair", "P-01", "--from", str(EXAMPLES / "session.json"))
    assert first.exit_code == 0, first.output
    assert first.output.startswith("Recorded session")
    before = imported.sessions("P-01")
    again = run("log", "--pair", "P-01", "--from", str(EXAMPLES / "session.json"))
    assert again.exit_code == 0 and again.output.startswith(
        "Nothing new: the session of 2025-03-24"
    )
    assert imported.sessions("P-01") == before and len(before) == 1


def _debrief(tmp_path: Path, name: str, **fields: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps({"held_on": "2025-03-24"} | fields), encoding="utf-8")
    return str(path)


def test_each_side_logs_its_own_debrief_of_the_same_session(
    imported: Store, tmp_path: Path
) -> None:
    leader = _debrief(tmp_path, "leader.json", leader_ratings={"safety": 5, "usefulness": 4})
    mentor = _debrief(
        tmp_path,
        "mentor.json",
        mentor_ratings={"safety": 3, "usefulness": 5},
        mentor_private_note="MENTOR-PRIVATE",
    )
    assert run("log", "--pair", "P-01", "--from", leader).output.startswith("Recorded session")
    added = run("log", "--pair", "P-01", "--from", mentor)
    assert added.exit_code == 0, added.output
    assert added.output.startswith("Added the mentor's debrief to the session of 2025-03-24")
    [session] = imported.sessions("P-01")
    assert session.leader_ratings.safety == 5 and session.mentor_ratings.safety == 3
    clash = _debrief(tmp_path, "clash.json", mentor_ratings={"safety": 6, "usefulness": 5})
    refused = run("log", "--pair", "P-01", "--from", clash)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert "mentor_ratings.safety: recorded as 3, this summary says 6" in refused.output
    assert imported.sessions("P-01") == [session]


def test_log_reads_standard_input_and_names_bad_fields(imported: Store) -> None:
    result = run(
        "log", "--pair", "P-01", "--from", "-", input='{"held_on": "2025-03-24", "topics": ["x"]}'
    )
    assert result.exit_code == 1
    assert "topics[0]: 'x' is not one of" in result.output
    assert imported.sessions("P-01") == []


def test_log_asks_field_by_field_re_asks_bad_answers_and_updates_commitments(
    imported: Store,
) -> None:
    imported.set_objectives(
        "P-01", [Objective(id="O1", title="Try AI assistants", kind="digital-fluency")]
    )
    first = {"held_on": "2025-03-10", "commitments": [{"owner": "mentor", "text": "Bring prompts"}]}
    run("log", "--pair", "P-01", "--from", "-", input=json.dumps(first))
    answers = [
        "2025-02-30", "0001-01-01", "2025-03-24",  # impossible, out of range, then a good date
        "", "50", "nonsense", "agenda, feedback", "Ground rules; Tools",
        "Prompting is briefing", "", "A good start",
        "9", "5", "4",  # leader safety out of range, then 5; usefulness 4
        "",  # mentor does not rate
        "done",  # the open commitment from the first session
        "Try the assistant", "leader", "2025-04-07", "",  # one new commitment
        "25", "First try",  # objective progress
        "LEADER-PRIVATE words", "",  # private notes
        "y",
    ]  # fmt: skip
    result = run("log", "--pair", "P-01", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "'2025-02-30' is not a date" in result.output
    assert "0001-01-01 is outside the dates rmcoach accepts" in result.output
    assert "PRIVATE: only the leader will ever see this note" in result.output
    latest = imported.sessions("P-01")[0]
    assert (str(latest.held_on), latest.duration_minutes, latest.topics) == (
        "2025-03-24",
        50,
        ["agenda", "feedback"],
    )
    assert latest.leader_ratings.safety == 5 and latest.mentor_ratings is None
    assert [(c.text, c.status) for c in latest.commitments] == [
        ("Bring prompts", "done"),
        ("Try the assistant", "open"),
    ]
    assert imported.pair("P-01").objectives[0].progress == 25
    assert imported.private_notes("P-01", "leader")[0][1] == "LEADER-PRIVATE words"
    assert "LEADER-PRIVATE" not in run("pairs", "list", "--json").output


def test_log_asked_for_a_day_already_logged_adds_the_answers_to_that_session(
    imported: Store,
) -> None:
    first = {"held_on": "2025-03-10", "leader_ratings": {"safety": 5, "usefulness": 4}}
    run("log", "--pair", "P-01", "--from", "-", input=json.dumps(first))
    answers = [
        "2025-03-10", "", "", "feedback", "", "", "How board papers work", "",
        "",  # the leader's rating is already there
        "3", "5",  # the mentor's
        "", "",  # no new commitment, no leader note
        "MENTOR-PRIVATE words", "y",
    ]  # fmt: skip
    result = run("log", "--pair", "P-01", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "This pair already has a session on 2025-03-10: your answers are added" in result.output
    assert "Added the mentor's debrief to the session of 2025-03-10" in result.output
    [session] = imported.sessions("P-01")
    assert (session.leader_ratings.safety, session.mentor_ratings.safety) == (5, 3)
    assert session.mentor_learned == "How board papers work"
    assert imported.private_notes("P-01", "mentor")[0][1] == "MENTOR-PRIVATE words"


def test_log_for_an_unknown_pair_says_where_to_look() -> None:
    result = run("log", "--pair", "nope", "--from", str(EXAMPLES / "session.json"))
    assert result.exit_code == 1 and "`rmcoach pairs list`" in result.output


def test_demo_loads_once_and_replaces_only_when_asked() -> None:
    first = run("demo", "--pairs", "6", "--months", "3", "--seed", "2", "--today", "2025-09-01")
    assert first.exit_code == 0, first.output
    assert "6 pairs" in first.output
    refused = run("demo")
    assert refused.exit_code == 1 and "--replace" in refused.output
    replaced = run(
        "demo", "--pairs", "4", "--months", "2", "--today", "2025-09-01", "--replace", "--yes"
    )
    assert replaced.exit_code == 0
    assert len(json.loads(run("pairs", "list", "--json").output)) == 4


def test_help_teaches_with_examples() -> None:
    for command in (
        ["roster", "import"],
        ["pairs", "list"],
        ["participants", "list"],
        ["log"],
        ["demo"],
    ):
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Example" in result.output, command


def test_an_interactive_log_that_cannot_record_keeps_the_answers_and_offers_them_back(
    imported: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [
        "2025-03-24", "", "50", "feedback", "", "", "", "", "5", "4", "", "",
        "LEADER-PRIVATE words", "", "y",
    ]  # fmt: skip
    monkeypatch.setenv("RMCOACH_BUSY_TIMEOUT", "0.3")
    holder = imported.engine.connect()
    holder.exec_driver_sql("BEGIN IMMEDIATE")  # another process, mid-write
    try:
        failed = run("log", "--pair", "P-01", input="\n".join(answers) + "\n")
    finally:
        holder.rollback()
        holder.close()
    assert failed.exit_code == 1 and "Traceback" not in failed.output
    assert "the database is busy" in failed.output
    assert "`rmcoach log --pair P-01` offers them back" in failed.output
    assert imported.sessions("P-01") == []
    again = run("log", "--pair", "P-01", input="y\n")
    assert again.exit_code == 0, again.output
    assert "were not recorded last time" in again.output
    [session] = imported.sessions("P-01")
    assert (session.duration_minutes, session.leader_ratings.safety) == (50, 5)
    assert imported.private_notes("P-01", "leader")[0][1] == "LEADER-PRIVATE words"
    assert "not recorded last time" not in run("log", "--pair", "P-01", input="\n" * 3).output


def test_an_unexpected_failure_while_recording_keeps_the_answers_too(
    imported: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Store, summary: object) -> None:
        raise RuntimeError("disk on fire")

    answers = ["2025-03-24", "cancelled", "Leader travelling", "y"]
    with monkeypatch.context() as patch:
        patch.setattr(Store, "record_session_result", broken)
        failed = run("log", "--pair", "P-01", input="\n".join(answers) + "\n")
    assert isinstance(failed.exception, RuntimeError)
    assert "Your answers are kept in" in failed.output
    again = run("log", "--pair", "P-01", input="y\n")
    assert again.exit_code == 0, again.output
    assert imported.sessions("P-01")[0].status == "cancelled"
