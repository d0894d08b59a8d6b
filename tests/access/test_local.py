"""A local (SQLite) store: one person's notebook, private on disk, with its person chosen once."""

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assistant.cli import main
from assistant.cli.errors import NOT_PERMITTED

# Runs rmcoach in a fresh process under umask 022 and lists every path in the data folder with
# its mode, while the store is still open (SQLite's -wal and -shm exist only then).
_UNDER_UMASK_022 = """
import json, os, sys
from pathlib import Path
os.umask(0o022)
from assistant.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    home = Path(os.environ["RMCOACH_HOME"])
    modes = {str(p.relative_to(home)): oct(p.stat().st_mode & 0o777) for p in home.rglob("*")}
    print(json.dumps({"home": oct(home.stat().st_mode & 0o777), "paths": modes}))
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def under_umask_022(home: Path, *args: str) -> dict:
    env = os.environ | {"RMCOACH_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-c", _UNDER_UMASK_022, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def demo() -> None:
    assert run("demo", "--pairs", "3", "--months", "2", "--today", "2025-09-01").exit_code == 0


def test_the_data_folder_is_0700_and_every_file_0600_under_umask_022(tmp_path: Path) -> None:
    home = tmp_path / "home"
    under_umask_022(home, "demo", "--pairs", "3", "--months", "2", "--today", "2025-09-01")
    seen = under_umask_022(home, "whoami", "--set", "L-001")
    assert seen["home"] == "0o700"
    names = set(seen["paths"])
    assert {"rmcoach.sqlite3", "rmcoach.sqlite3-wal", "rmcoach.sqlite3-shm"} <= names
    assert "identity.json" in names
    wrong = {
        name: mode
        for name, mode in seen["paths"].items()
        if mode != ("0o700" if (home / name).is_dir() else "0o600")
    }
    assert wrong == {}


def own_summary(tmp_path: Path, side: str, note: str) -> str:
    path = tmp_path / f"{side}-{note}.json"
    fields = {"held_on": "2025-08-30", f"{side}_learned": "x", f"{side}_private_note": note}
    path.write_text(json.dumps(fields))
    return str(path)


def test_a_draft_kept_after_a_refused_log_is_0600(tmp_path: Path, demo: None) -> None:
    home = Path(os.environ["RMCOACH_HOME"])
    run("whoami", "--set", "L-001")
    assert (
        run("log", "--pair", "P-001", "--from", own_summary(tmp_path, "leader", "a")).exit_code == 0
    )
    os.umask(0o022)
    try:  # the same day again, now cancelled: refused as a conflict, the answers kept
        refused = CliRunner().invoke(
            main, ["log", "--pair", "P-001"], input="2025-08-30\ncancelled\n\n\n"
        )
    finally:
        os.umask(0o077)
    assert refused.exit_code == 1 and "Your answers are kept in" in refused.output
    drafts = list((home / "drafts").glob("*.json"))
    assert drafts and all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in drafts)


def test_an_older_open_data_folder_is_tightened(tmp_path: Path) -> None:
    home = Path(os.environ["RMCOACH_HOME"])
    home.mkdir(mode=0o755)
    home.chmod(0o755)
    (home / "old.json").write_text("{}")
    (home / "old.json").chmod(0o644)
    assert run("whoami").exit_code == 0
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "old.json").stat().st_mode) == 0o600


@pytest.fixture
def other_user() -> Iterator[str]:
    if os.geteuid() != 0 or not shutil.which("useradd") or not shutil.which("runuser"):
        pytest.skip("needs root with useradd and runuser to create a second user of the machine")
    name = f"rmct{os.getpid()}"
    subprocess.run(["useradd", "--no-create-home", "--shell", "/bin/sh", name], check=True)
    try:
        yield name
    finally:
        subprocess.run(["userdel", name], check=False)


def test_another_user_of_the_machine_cannot_open_the_store(other_user: str) -> None:
    # A parent every user may pass through, as a home folder usually is, so that only the
    # data folder's own modes stand between the other user and the files.
    parent = Path(tempfile.mkdtemp(prefix="rmcoach-modes-"))
    try:
        parent.chmod(0o755)
        home = parent / "home"
        under_umask_022(home, "demo", "--pairs", "2", "--months", "2", "--today", "2025-09-01")
        readable = parent / "readable.txt"
        readable.write_text("control")
        readable.chmod(0o644)

        def can_read(path: Path) -> bool:
            tried = ["runuser", "-u", other_user, "--", "cat", str(path)]
            return subprocess.run(tried, capture_output=True).returncode == 0

        assert can_read(readable)  # the check itself works
        assert not can_read(home / "rmcoach.sqlite3")
        home.chmod(0o755)  # even with the folder opened, the file itself is 0600
        assert not can_read(home / "rmcoach.sqlite3")
    finally:
        shutil.rmtree(parent)


def test_whoami_on_a_local_store_starts_with_nobody_chosen(demo: None) -> None:
    me = json.loads(run("whoami", "--json").output)
    assert (me["mode"], me["role"], me["unrestricted"]) == ("local", None, True)
    assert me["store"].startswith("SQLite file ") and me["store"].endswith("rmcoach.sqlite3")


def test_whoami_set_remembers_the_person_and_commands_act_as_them(demo: None) -> None:
    chosen = run("whoami", "--set", "L-001")
    assert chosen.exit_code == 0 and "leader of P-001" in chosen.output
    me = json.loads(run("whoami", "--json").output)
    assert (me["participant_id"], me["role"], me["pairs"]) == ("L-001", "leader", ["P-001"])
    refused = run("report")
    assert refused.exit_code == NOT_PERMITTED
    assert refused.output.strip().endswith(
        f"`rmcoach report` is for coordinators; you are signed in as {me['login']}: L-001, leader"
    )
    assert run("whoami", "--set", "coordinator").exit_code == 0
    assert run("report").exit_code == 0
    unknown = run("whoami", "--set", "Z-404")
    assert unknown.exit_code == 1 and "Z-404" in unknown.output


def test_notes_show_the_signed_in_persons_own_private_notes(tmp_path: Path, demo: None) -> None:
    run("whoami", "--set", "M-001")
    before = json.loads(run("notes", "--json").output)
    assert (
        run("log", "--pair", "P-001", "--from", own_summary(tmp_path, "mentor", "mine")).exit_code
        == 0
    )
    run("whoami", "--set", "L-001")
    assert (
        run("log", "--pair", "P-001", "--from", own_summary(tmp_path, "leader", "theirs")).exit_code
        == 0
    )
    run("whoami", "--set", "M-001")
    mine = json.loads(run("notes", "--json").output)
    assert mine[0] == {"pair_id": "P-001", "held_on": "2025-08-30", "text": "mine"}
    assert mine[1:] == before
    assert "theirs" not in {note["text"] for note in mine}
    text = run("notes", "--pair", "P-001").output
    assert "2025-08-30  P-001" in text and "mine" in text


def test_a_leader_logs_only_the_leaders_side(tmp_path: Path, demo: None) -> None:
    run("whoami", "--set", "L-001")
    result = run("log", "--pair", "P-001", "--from", own_summary(tmp_path, "mentor", "forged"))
    assert result.exit_code == NOT_PERMITTED
    assert "mentor_learned, mentor_private_note" in result.output and "forged" not in result.output


def test_demo_replace_asks_and_needs_yes_off_a_terminal(demo: None) -> None:
    result = run("demo", "--pairs", "2", "--replace")
    assert result.exit_code == 2 and "--yes" in result.output
    assert len(json.loads(run("pairs", "list", "--json").output)) == 3


def test_access_commands_explain_that_a_local_store_has_no_logins() -> None:
    result = run("access", "list")
    assert result.exit_code == 2 and "a local store has no logins" in result.output
    assert "`rmcoach whoami --set ID` chooses who you are" in result.output
