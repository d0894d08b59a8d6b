"""`rmcoach prepare --ics FILE [--at ...]` on a demo programme, as a leader would run it."""

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from icalendar import Calendar

from assistant.cli import main
from assistant.demo import generate, write_programme
from assistant.store import Store


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def store(isolated_home: Path, guidance_home: Path) -> Store:
    shutil.copytree(guidance_home / "knowledge", isolated_home / "knowledge")
    store = Store.open()
    write_programme(store, generate(pairs=3, today=date.today()))
    return store


def test_prepare_writes_an_event_both_people_are_invited_to(store: Store, tmp_path: Path) -> None:
    pair = store.pairs()[0]
    path = tmp_path / "next.ics"
    result = run("prepare", "--pair", pair.id, "--ics", str(path), "--at", "2030-03-04 09:15")
    assert result.exit_code == 0, result.output
    leader, mentor = store.participant(pair.leader_id), store.participant(pair.mentor_id)
    assert (
        f"Calendar event written to {path}: Mon 04 Mar 2030 09:15-10:00, attendees "
        f"{leader.email}, {mentor.email}." in result.stdout
    )
    (event,) = Calendar.from_ical(path.read_bytes()).events
    assert event.start == datetime(2030, 3, 4, 9, 15).astimezone(UTC)
    assert {str(a) for a in event.attendees} == {f"mailto:{leader.email}", f"mailto:{mentor.email}"}
    assert "Agenda\n- " in str(event["DESCRIPTION"]) and "Sources\n- " in str(event["DESCRIPTION"])


def test_with_json_the_plan_stays_alone_on_stdout(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "plan.ics"
    result = run("prepare", "--pair", store.pairs()[0].id, "--json", "--ics", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("{") and "Calendar event written" in result.stderr
    (event,) = Calendar.from_ical(path.read_bytes()).events
    assert event.start.date() > date.today() and event.start.weekday() < 5


def test_a_start_without_a_file_or_in_another_format_is_refused(store: Store) -> None:
    pair_id = store.pairs()[0].id
    alone = run("prepare", "--pair", pair_id, "--at", "2030-03-04 09:15")
    assert alone.exit_code == 2 and "give --ics FILE too" in alone.output
    vague = run("prepare", "--pair", pair_id, "--ics", "x.ics", "--at", "next monday")
    assert vague.exit_code == 2 and "'next monday' does not match" in vague.output


def test_an_unwritable_file_is_one_clear_line_and_nothing_is_left(
    store: Store, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    blocker = tmp_path / "out" / "not-a-folder"
    blocker.write_text("")
    result = run("prepare", "--pair", store.pairs()[0].id, "--ics", str(blocker / "x.ics"))
    assert result.exit_code == 1
    assert f"Error: cannot write {blocker / 'x.ics'}: " in result.output
    assert "Traceback" not in result.output and list(blocker.parent.iterdir()) == [blocker]
