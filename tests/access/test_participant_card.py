"""Of `participants` a leader or mentor reads their own whole row and only the other side's card
(name, department, side, grade, left date): proved with raw SQL for each login, and through
rmcoach as the leader and the mentor (see conftest for the programme and its logins)."""

import json
from datetime import date
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from assistant.cli import main
from assistant.models import Pair, Participant
from assistant.store import Store
from assistant.store.access_sql import CARD
from assistant.store.store import make_engine

from .shared import NOTES, Shared

EXAMPLES = Path(__file__).parents[2] / "examples"
HIDDEN = ("email", "consent_to_share", "manager_id", "skills", "goals", "availability", "cohort")


@pytest.fixture
def reachable(granted: Shared) -> Shared:
    """The programme with an e-mail address and goals for L1 and M1, which the roster gives."""
    for who in ("L1", "M1"):
        granted.sql(
            "owner",
            "UPDATE participants SET email = %s, goals = %s WHERE id = %s",
            f"{who.lower()}@example.org",
            json.dumps([f"{who} wants to learn"]),
            who,
        )
    return granted


def seed_people(store: Store) -> None:
    store.upsert_participants(
        [
            Participant(id="L1", name="Lena", role="leader", department="Finance", level=9),
            Participant(id="M1", name="Milo", role="mentor", department="IT", level=2),
        ]
    )
    store.upsert_pairs([Pair(id="P1", leader_id="L1", mentor_id="M1", start_date=date(2025, 5, 1))])


def refused(shared: Shared, who: str, statement: str) -> str:
    with pytest.raises(psycopg.Error) as error:
        shared.sql(who, statement)
    return str(error.value)


def test_a_leader_reads_their_own_whole_row(reachable: Shared) -> None:
    mine = reachable.sql("lea1", "SELECT id, email, goals, consent_to_share FROM my_participant")
    assert mine == [("L1", "l1@example.org", ["L1 wants to learn"], True)]


def test_a_leader_reads_the_mentors_card_and_nothing_more(reachable: Shared) -> None:
    card = reachable.sql(
        "lea1", "SELECT name, department, role, level FROM participants ORDER BY id"
    )
    assert card == [("Lena Leader1", "Finance", "leader", 10), ("Milo Mentor1", "IT", "mentor", 2)]
    for column in HIDDEN:
        message = refused(reachable, "lea1", f"SELECT {column} FROM participants WHERE id = 'M1'")
        assert "permission denied for table participants" in message
    assert "permission denied" in refused(reachable, "lea1", "SELECT * FROM participants")
    # A condition on a hidden column is refused too, so no guessing the e-mail letter by letter.
    guess = "SELECT id FROM participants WHERE email LIKE 'm%'"
    assert "permission denied" in refused(reachable, "lea1", guess)


def test_the_own_row_view_shows_no_one_else(reachable: Shared) -> None:
    assert reachable.sql("men1", "SELECT id, email FROM my_participant") == [
        ("M1", "m1@example.org")
    ]
    assert reachable.sql("lea1", "SELECT id FROM my_participant WHERE id = 'M1'") == []
    assert reachable.sql("lea2", "SELECT id FROM my_participant") == [("L2",)]
    assert reachable.sql("coord", "SELECT count(*) FROM participants WHERE email IS NOT NULL") == [
        (2,)
    ]
    assert "permission denied" in refused(reachable, "coord", "SELECT * FROM my_participant")
    assert reachable.sql("admin", "SELECT id FROM my_participant") == []


def test_a_login_never_granted_reads_no_card_and_no_row(reachable: Shared) -> None:
    for statement in ("SELECT name FROM participants", "SELECT * FROM my_participant"):
        # Refused outright: no privilege on the table (or, here, on the programme's schema).
        message = refused(reachable, "nobody", statement)
        assert "permission denied" in message or "does not exist" in message


def test_the_coordinator_still_reads_what_reports_need(reachable: Shared) -> None:
    rows = reachable.sql(
        "coord", "SELECT id, email, consent_to_share, cohort FROM participants ORDER BY id"
    )
    assert [row[0] for row in rows] == ["L1", "L2", "L3", "M1", "M2", "M3"]
    assert ("L3", None, False, "default") in rows
    report = reachable.rmcoach("coord", "report", "--format", "json", "--min-group-size", "1")
    assert report.exit_code == 0, report.output
    listed = reachable.rmcoach("coord", "participants", "list", "--json")
    assert listed.exit_code == 0 and "m1@example.org" in listed.output


def test_the_card_is_the_participants_grant(reachable: Shared) -> None:
    granted_columns = reachable.sql(
        "owner",
        "SELECT column_name FROM information_schema.column_privileges WHERE table_schema = %s "
        "AND table_name = 'participants' AND grantee LIKE '%%_participant' "
        "AND privilege_type = 'SELECT' ORDER BY column_name",
        reachable.schema,
    )
    assert [name for (name,) in granted_columns] == sorted(CARD)


# Through rmcoach, as the leader and the mentor


def test_whoami_and_notes_still_work_as_the_leader_and_the_mentor(reachable: Shared) -> None:
    for who, pid, side in (("lea1", "L1", "leader"), ("men1", "M1", "mentor")):
        me = json.loads(reachable.rmcoach(who, "whoami", "--json").output)
        assert (me["participant_id"], me["role"], me["pairs"]) == (pid, side, ["P1"])
        notes = reachable.rmcoach(who, "notes", "--json")
        assert notes.exit_code == 0, notes.output
        assert [n["text"] for n in json.loads(notes.output)] == [NOTES[("P1", side)]]


def test_prepare_names_the_other_side_and_never_reads_their_email(reachable: Shared) -> None:
    result = reachable.rmcoach("lea1", "prepare", "--pair", "P1", "--json")
    assert result.exit_code == 0, result.output
    assert "m1@example.org" not in result.output
    plan = json.loads(result.stdout)
    assert plan["pair_id"] == "P1"
    mentor_side = reachable.rmcoach("men1", "prepare", "--pair", "P1", "--json")
    assert mentor_side.exit_code == 0, mentor_side.output


def test_each_side_logs_with_the_card_alone(reachable: Shared, tmp_path: Path) -> None:
    summary = json.loads((EXAMPLES / "session.json").read_text())
    for side in ("leader", "mentor"):
        other = "mentor" if side == "leader" else "leader"
        own = {k: v for k, v in summary.items() if not k.startswith(f"{other}_")}
        path = tmp_path / f"{side}.json"
        path.write_text(json.dumps(own | {"held_on": "2025-06-20", "commitments": []}))
        who = "lea1" if side == "leader" else "men1"
        result = reachable.rmcoach(who, "log", "--pair", "P1", "--from", str(path))
        assert result.exit_code == 0, result.output
    assert reachable.sql("owner", "SELECT count(*) FROM sessions WHERE pair_id = 'P1'") == [(2,)]


def test_a_leader_lists_the_cards_of_the_people_they_see(reachable: Shared) -> None:
    listed = reachable.rmcoach("lea1", "participants", "list", "--json")
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.output) == [
        {"id": id, "name": name, "role": role, "department": dept, "level": level, "left": None}
        for id, name, role, dept, level in (
            ("L1", "Lena Leader1", "leader", "Finance", 10),
            ("M1", "Milo Mentor1", "mentor", "IT", 2),
        )
    ]
    table = reachable.rmcoach("men1", "participants", "list").output
    assert "2 participants (cards: what your login may read)" in table
    assert "consent" not in table and "email" not in table
    pairs = reachable.rmcoach("lea1", "pairs", "list")
    assert pairs.exit_code == 0 and "Milo" in pairs.output, pairs.output


def test_the_own_row_view_works_whoever_owns_the_tables(shared: Shared) -> None:
    """The view reads `participants` as its owner, under the owner's policies (FORCEd): here a
    login that may create roles owns the schema and belongs to none of the programme's groups."""
    owner, schema = shared.logins["nobody"] + "_owner", shared.schema + "_own"
    shared.sql("owner", f'CREATE ROLE "{owner}" LOGIN CREATEROLE')
    shared.sql("owner", f'CREATE SCHEMA "{schema}" AUTHORIZATION "{owner}"')
    url = make_url(shared.owner_url).set(username=owner)
    url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    owner_url = url.render_as_string(hide_password=False)
    shared.monkeypatch.setenv("RMCOACH_DATABASE_URL", owner_url)
    leader, coordinator = shared.logins["lea1"], shared.logins["coord"]
    groups = f"SELECT rolname FROM pg_roles WHERE rolname LIKE '%%{schema}%%'"
    try:
        assert CliRunner().invoke(main, ["access", "init"]).exit_code == 0
        assert (
            CliRunner().invoke(main, ["access", "grant", coordinator, "--coordinator"]).exit_code
            == 0
        )
        programme = make_engine(url.set(username=coordinator).render_as_string(hide_password=False))
        seed_people(Store(programme))
        programme.dispose()
        given = CliRunner().invoke(main, ["access", "grant", leader, "--participant", "L1"])
        assert given.exit_code == 0, given.output
        for (group,) in shared.sql("owner", groups):
            shared.sql("owner", f'REVOKE "{group}" FROM "{owner}"')
        mine = psycopg.connect(
            host=url.host, port=url.port, dbname=url.database, user=leader,
            options=f"-csearch_path={schema}",
        )  # fmt: skip
        with mine:
            assert mine.execute("SELECT id FROM my_participant").fetchall() == [("L1",)]
    finally:
        roles = shared.sql("owner", groups)
        shared.sql("owner", f'DROP SCHEMA "{schema}" CASCADE')
        for (role,) in [*roles, (owner,)]:
            shared.sql("owner", f'DROP ROLE "{role}"')


def test_a_database_granted_the_whole_table_before_is_narrowed_again(reachable: Shared) -> None:
    """As `m005_access` left it: participants could SELECT every column of their partner's row.
    The next `rmcoach access init` (or any command) applies `m006_participant_card`."""
    database, schema = reachable.sql("owner", "SELECT current_database(), current_schema()")[0]
    reachable.sql("owner", f'GRANT SELECT ON participants TO "{database}_{schema}_participant"')
    reachable.sql("owner", "DELETE FROM migrations WHERE name = 'm006_participant_card'")
    assert reachable.sql("lea1", "SELECT email FROM participants WHERE id = 'M1'") == [
        ("m1@example.org",)
    ]
    assert reachable.rmcoach("owner", "access", "init").exit_code == 0
    assert "permission denied" in refused(reachable, "lea1", "SELECT email FROM participants")
