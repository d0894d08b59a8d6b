"""What each role may do in a shared programme, proved from the outside: through rmcoach and
through raw SQL with each database login (see conftest for the programme and its logins)."""

import json
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from assistant.cli import main
from assistant.cli.errors import NOT_PERMITTED

from .shared import NOTES, Shared

EXAMPLES = Path(__file__).parents[2] / "examples"


def own_side(tmp_path: Path, side: str, **extra: object) -> str:
    """examples/session.json as one side alone would log it, for 2025-06-20."""
    summary = json.loads((EXAMPLES / "session.json").read_text())
    other = "mentor" if side == "leader" else "leader"
    kept = {k: v for k, v in summary.items() if not k.startswith(f"{other}_")}
    kept |= {"held_on": "2025-06-20", "commitments": []} | extra
    path = tmp_path / f"{side}.json"
    path.write_text(json.dumps(kept))
    return str(path)


def refused(shared: Shared, who: str, statement: str) -> str:
    with pytest.raises(psycopg.Error) as error:
        shared.sql(who, statement)
    return str(error.value)


# Leaders and mentors


def test_whoami_names_the_login_participant_role_pairs_and_store(granted: Shared) -> None:
    result = granted.rmcoach("lea1", "whoami", "--json")
    assert result.exit_code == 0, result.output
    me = json.loads(result.output)
    assert me["login"] == granted.logins["lea1"]
    assert (me["participant_id"], me["role"], me["pairs"], me["mode"]) == (
        "L1",
        "leader",
        ["P1"],
        "shared",
    )
    assert "PostgreSQL database" in me["store"]
    text = granted.rmcoach("men1", "whoami").output
    assert "Signed in as Milo Mentor1, mentor of P1" in text


def test_a_leader_reads_only_their_pair_and_their_own_private_notes(granted: Shared) -> None:
    assert granted.sql("lea1", "SELECT DISTINCT pair_id FROM sessions") == [("P1",)]
    assert granted.sql("lea1", "SELECT side, text FROM private_notes") == [
        ("leader", NOTES[("P1", "leader")])
    ]
    people = granted.sql("lea1", "SELECT id FROM participants ORDER BY id")
    assert people == [("L1",), ("M1",)]
    notes = granted.rmcoach("lea1", "notes", "--json")
    assert [n["text"] for n in json.loads(notes.output)] == [NOTES[("P1", "leader")]]


def test_the_second_leader_finds_nothing_of_the_first_pair(granted: Shared) -> None:
    assert granted.sql("lea2", "SELECT * FROM sessions WHERE pair_id = 'P1'") == []
    assert granted.sql("lea2", "SELECT * FROM pairs WHERE id = 'P1'") == []
    assert granted.sql("lea2", "SELECT * FROM commitments WHERE pair_id = 'P1'") == []
    result = granted.rmcoach("lea2", "notes", "--pair", "P1")
    assert result.exit_code != 0 and "not one of your pairs" in result.output
    logged = granted.rmcoach("lea2", "log", "--pair", "P1", "--from", str(EXAMPLES / "x.json"))
    assert logged.exit_code != 0


def test_the_mentor_cannot_read_or_change_the_leaders_private_note(granted: Shared) -> None:
    assert granted.sql("men1", "SELECT text FROM private_notes WHERE side = 'leader'") == []
    changed = granted.sql("men1", "UPDATE private_notes SET text = 'x' WHERE side = 'leader'")
    assert changed == [(0,)]
    steal = (
        "INSERT INTO private_notes (session_id, side, text) SELECT id, 'leader', 'x' FROM sessions"
    )
    assert "row-level security" in refused(granted, "men1", steal)
    kept = granted.sql("owner", "SELECT text FROM private_notes WHERE side = 'leader' ORDER BY id")
    assert (NOTES[("P1", "leader")],) in kept


def test_a_side_cannot_write_the_other_sides_learning_or_ratings(granted: Shared) -> None:
    message = refused(granted, "men1", "UPDATE sessions SET leader_learned = 'forged'")
    assert "the leader's learning and ratings are the leader's to record" in message
    assert granted.sql("lea1", "UPDATE sessions SET leader_safety = 6") == [(1,)]


def test_each_side_logs_its_own_debrief_and_no_more(granted: Shared, tmp_path: Path) -> None:
    mine = own_side(tmp_path, "leader")
    assert granted.rmcoach("lea1", "log", "--pair", "P1", "--from", mine).exit_code == 0
    theirs = granted.rmcoach("men1", "log", "--pair", "P1", "--from", own_side(tmp_path, "mentor"))
    assert theirs.exit_code == 0 and "Added the mentor's debrief" in theirs.output
    both = granted.rmcoach("men1", "log", "--pair", "P1", "--from", str(EXAMPLES / "session.json"))
    assert both.exit_code == NOT_PERMITTED
    assert "leader_learned, leader_ratings, leader_private_note" in both.output
    assert "signed in as" in both.output and "M1, mentor" in both.output


def test_a_private_note_is_compared_only_with_its_authors_own(
    granted: Shared, tmp_path: Path
) -> None:
    """The old guessing oracle: "nothing new" for a right guess, "differs" for a wrong one."""
    mine = own_side(tmp_path, "leader", leader_private_note="first")
    assert granted.rmcoach("lea1", "log", "--pair", "P1", "--from", mine).exit_code == 0
    guess = own_side(tmp_path, "mentor", leader_private_note="first")
    result = granted.rmcoach("men1", "log", "--pair", "P1", "--from", guess)
    assert result.exit_code == NOT_PERMITTED and "leader_private_note" in result.output
    assert "first" not in result.output
    again = own_side(tmp_path, "leader", leader_private_note="second")
    conflict = granted.rmcoach("lea1", "log", "--pair", "P1", "--from", again)
    assert conflict.exit_code == 1 and "already recorded, and differs" in conflict.output
    assert "first" not in conflict.output


def test_participants_may_not_import_report_match_or_nudge(granted: Shared) -> None:
    for args in (
        ["report"],
        ["nudges"],
        ["match"],
        ["roster", "import", str(EXAMPLES / "roster.csv")],
        ["pairs", "import", str(EXAMPLES / "pairs.csv")],
        ["access", "list"],
    ):
        result = granted.rmcoach("lea1", *args)
        assert result.exit_code == NOT_PERMITTED, (args, result.output)
        assert "signed in as" in result.output and "Traceback" not in result.output
    assert "is for coordinators" in granted.rmcoach("men1", "report").output
    for statement in (
        "INSERT INTO participants (id, name, role, department, level, skills, interests, goals,"
        " availability, cohort, consent_to_share) VALUES ('X', 'X', 'leader', 'X', 1, '[]', '[]',"
        " '[]', '[]', 'c', true)",
        "UPDATE pairs SET status = 'ended'",
        "INSERT INTO access_logins VALUES ('x', 'admin', NULL, now())",
    ):
        assert "permission denied" in refused(granted, "lea1", statement)


# Coordinators


def test_a_coordinator_reads_no_private_note_by_any_path(granted: Shared) -> None:
    assert "permission denied" in refused(granted, "coord", "SELECT * FROM private_notes")
    readers = granted.sql(
        "owner",
        "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = %s AND p.prosrc ILIKE '%%private_notes%%'",
        granted.schema,
    )
    assert readers == []
    assert granted.rmcoach("coord", "notes").exit_code == NOT_PERMITTED


def test_a_coordinator_sees_consenting_pairs_sessions_only(granted: Shared) -> None:
    pairs = granted.sql("coord", "SELECT DISTINCT pair_id FROM sessions ORDER BY 1")
    assert pairs == [("P1",), ("P2",)]
    assert granted.sql("coord", "SELECT count(*) FROM pairs") == [(3,)]


def test_a_coordinator_imports_reports_and_may_not_log(granted: Shared, tmp_path: Path) -> None:
    imported = granted.rmcoach("coord", "roster", "import", str(EXAMPLES / "roster.csv"))
    assert imported.exit_code == 0, imported.output
    report = granted.rmcoach("coord", "report", "--format", "json", "--min-group-size", "1")
    assert report.exit_code == 0, report.output
    assert "P1 leader: I talked" not in report.output
    logged = granted.rmcoach("coord", "log", "--pair", "P1", "--from", own_side(tmp_path, "leader"))
    assert logged.exit_code == NOT_PERMITTED and "is for leaders and mentors" in logged.output
    forged = "INSERT INTO sessions (pair_id, held_on, status, duration_minutes, topics, "
    forged += "agenda_covered, leader_learned, mentor_learned, shared_summary, recorded_at) "
    forged += "VALUES ('P1', '2025-07-01', 'held', 5, '[]', '[]', '', '', '', now())"
    assert "permission denied" in refused(granted, "coord", forged)


# Admins, and a login never granted


def test_an_admin_grants_lists_and_revokes_but_reads_no_notes(granted: Shared) -> None:
    nobody = granted.logins["nobody"]
    given = granted.rmcoach("admin", "access", "grant", nobody, "--participant", "M2")
    assert given.exit_code == 0, given.output
    listed = json.loads(granted.rmcoach("admin", "access", "list", "--json").output)
    assert {"login": nobody, "participant_id": "M2"}.items() <= next(
        row for row in listed if row["login"] == nobody
    ).items()
    assert granted.sql("nobody", "SELECT text FROM private_notes") == [(NOTES[("P2", "mentor")],)]
    taken = granted.rmcoach("admin", "access", "revoke", nobody, "--yes")
    assert taken.exit_code == 0, taken.output
    # An admin holds the other roles WITH ADMIN OPTION to grant them; their policies still
    # admit only the role the mapping names, so the privileges that come along show nothing.
    assert granted.sql("admin", "SELECT * FROM private_notes") == []
    assert granted.sql("admin", "SELECT * FROM sessions") == []
    assert granted.rmcoach("admin", "report").exit_code == NOT_PERMITTED


def test_revoking_asks_first_and_needs_yes_off_a_terminal(granted: Shared) -> None:
    result = granted.rmcoach("admin", "access", "revoke", granted.logins["lea1"])
    assert result.exit_code == 2 and "--yes" in result.output
    assert granted.sql("lea1", "SELECT count(*) FROM pairs") == [(1,)]


def test_a_login_never_granted_reads_nothing(granted: Shared) -> None:
    for table in ("sessions", "private_notes", "participants", "pairs", "access_logins"):
        refused(granted, "nobody", f"SELECT * FROM {table}")
    me = granted.rmcoach("nobody", "whoami")
    assert me.exit_code == 0 and "has no access to this programme" in me.output
    listed = granted.rmcoach("nobody", "pairs", "list")
    assert listed.exit_code == NOT_PERMITTED
    assert f"rmcoach access grant {granted.logins['nobody']}" in listed.output


def test_create_login_keeps_no_password(shared: Shared) -> None:
    assert shared.rmcoach("owner", "access", "init").exit_code == 0
    login = shared.logins["nobody"] + "_new"
    try:
        result = shared.rmcoach(
            "owner",
            "access",
            "grant",
            login,
            "--coordinator",
            "--create-login",
            input="s3cret-horse\ns3cret-horse\n",
        )
        assert result.exit_code == 0, result.output
        assert "s3cret-horse" not in result.output
        stored = shared.sql("owner", "SELECT rolpassword FROM pg_authid WHERE rolname = %s", login)
        assert stored[0][0].startswith("SCRAM-SHA-256$") and "s3cret" not in stored[0][0]
    finally:
        shared.sql("owner", f'DROP ROLE IF EXISTS "{login}"')


def test_demo_is_refused_on_a_shared_store(granted: Shared) -> None:
    result = granted.rmcoach("owner", "demo")
    assert result.exit_code == NOT_PERMITTED and "local store" in result.output


# The database side


def test_every_per_person_table_forces_row_level_security(granted: Shared) -> None:
    rows = granted.sql(
        "owner",
        "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r' "
        "AND c.relname <> 'migrations'",
        granted.schema,
    )
    assert rows and all(enabled and forced for _, enabled, forced in rows), rows


def test_access_init_runs_again_unchanged(granted: Shared) -> None:
    again = granted.rmcoach("owner", "access", "init")
    assert again.exit_code == 0, again.output
    assert granted.sql("lea1", "SELECT DISTINCT pair_id FROM sessions") == [("P1",)]


def test_a_participant_answers_surveys_as_themselves_only(granted: Shared, tmp_path: Path) -> None:
    from assistant.surveys.catalogue import bundled_surveys

    items = bundled_surveys().items_for("baseline", "mentor")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"answers": {item.id: 3 for _, item in items}}))
    take = ["survey", "take", "--pair", "P1", "--kind", "baseline", "--from", str(answers)]
    as_leader = granted.rmcoach("lea1", *take, "--as", "mentor")
    assert as_leader.exit_code == NOT_PERMITTED and "as the leader only" in as_leader.output
    mine = granted.rmcoach("men1", *take, "--as", "mentor")
    assert mine.exit_code == 0, mine.output
    forged = (
        "INSERT INTO survey_responses (pair_id, participant_id, side, kind, version, answered_on,"
        " comment, recorded_at)"
        " VALUES ('P1', 'L1', 'leader', 'closing', 1, '2025-07-01', '', now())"
    )
    assert "row-level security" in refused(granted, "men1", forged)
    assert granted.sql("lea2", "SELECT * FROM survey_responses") == []


def test_a_database_owner_who_is_no_superuser_sets_access_up(shared: Shared) -> None:
    """The usual deployment: the programme's schema belongs to a login that may create roles."""
    owner, schema = shared.logins["nobody"] + "_owner", shared.schema + "_own"
    shared.sql("owner", f'CREATE ROLE "{owner}" LOGIN CREATEROLE')
    shared.sql("owner", f'CREATE SCHEMA "{schema}" AUTHORIZATION "{owner}"')
    url = make_url(shared.owner_url).set(username=owner)
    url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    shared.monkeypatch.setenv("RMCOACH_DATABASE_URL", url.render_as_string(hide_password=False))
    try:
        result = CliRunner().invoke(main, ["access", "init"])
        assert result.exit_code == 0, result.output
        assert f"{owner} is an admin" in result.output
        me = json.loads(CliRunner().invoke(main, ["whoami", "--json"]).output)
        assert (me["login"], me["role"]) == (owner, "admin")
    finally:
        roles = shared.sql(
            "owner", "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", f"%{schema}%"
        )
        shared.sql("owner", f'DROP SCHEMA "{schema}" CASCADE')
        for (role,) in roles:
            shared.sql("owner", f'DROP ROLE "{role}"')
        shared.sql("owner", f'DROP ROLE "{owner}"')


def test_a_login_the_server_does_not_know_is_one_line(shared: Shared) -> None:
    url = make_url(shared.owner_url).set(username="rmcoach_no_such_login")
    shared.monkeypatch.setenv("RMCOACH_DATABASE_URL", url.render_as_string(hide_password=False))
    result = CliRunner().invoke(main, ["whoami"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "cannot reach the programme database" in result.output
