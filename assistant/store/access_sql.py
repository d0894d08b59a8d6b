"""PostgreSQL's side of a shared programme: group roles, grants and row-level security.

Three NOLOGIN group roles carry the table privileges (participant, coordinator, admin); each
login is made a member of one by `rmcoach access grant`, which also maps the login to a
participant or role in `access_logins`. The policies read that mapping for `session_user`, the
authenticated login, which `SET ROLE` cannot change. Every table with per-person rows has row
level security FORCEd, so not even the tables' owner reads past the policies by accident (a
superuser still does: PostgreSQL exempts superusers from every policy).

`private_notes` is granted to participants alone, and only their own side's rows pass its
policy; no function here reads it. Of `participants` a participant reads the other side's card
(`CARD`) alone; their own whole row comes through the `my_participant` view. Every statement is
idempotent, so each later migration that changes them runs them all again (as
`m006_participant_card` did); `rmcoach access init` applies the migrations a database lacks.
"""

import hashlib

from sqlalchemy import Connection, inspect, text

from assistant.store.errors import StoreError

KINDS = ("participant", "coordinator", "admin")

CARD = ("id", "name", "role", "department", "level", "left_on")
"""The columns of `participants` a leader or mentor may read of the other side of their pair:
who they are (name, department, side), the grades between them that the coach names as the power
gap, and whether they have left (someone who left owes no survey). Column privileges hold for
every row, so their own row's other columns come through the `my_participant` view."""

_PER_PERSON = (
    "participants",
    "pairs",
    "objectives",
    "sessions",
    "session_topics",
    "commitments",
    "objective_progress",
    "private_notes",
    "access_logins",
    "survey_responses",
    "survey_answers",
    "mail_sent",
)

# table -> privileges per group role; "migrations" is read by every connection to see that the
# schema is current.
_GRANTS: dict[str, dict[str, str]] = {
    "migrations": {"participant": "SELECT", "coordinator": "SELECT", "admin": "SELECT"},
    "participants": {
        "participant": f"SELECT ({', '.join(CARD)})",
        "coordinator": "SELECT, INSERT, UPDATE",
        "admin": "SELECT (id, name, role)",
    },
    "pairs": {"participant": "SELECT", "coordinator": "SELECT, INSERT, UPDATE"},
    "objectives": {
        "participant": "SELECT, UPDATE (progress)",
        "coordinator": "SELECT, INSERT, UPDATE, DELETE",
    },
    "sessions": {"participant": "SELECT, INSERT, UPDATE", "coordinator": "SELECT"},
    "session_topics": {"participant": "SELECT, INSERT", "coordinator": "SELECT"},
    "commitments": {"participant": "SELECT, INSERT, UPDATE", "coordinator": "SELECT"},
    "objective_progress": {"participant": "SELECT, INSERT, UPDATE", "coordinator": "SELECT"},
    "private_notes": {"participant": "SELECT, INSERT, UPDATE (text)"},
    "access_logins": {
        "participant": "SELECT",
        "coordinator": "SELECT",
        "admin": "SELECT, INSERT, UPDATE, DELETE",
    },
    "survey_responses": {"participant": "SELECT, INSERT", "coordinator": "SELECT"},
    "survey_answers": {"participant": "SELECT, INSERT", "coordinator": "SELECT"},
    "mail_sent": {"coordinator": "SELECT, INSERT"},
}

_SERIALS = ("sessions", "commitments", "private_notes", "survey_responses")


def group_roles(conn: Connection) -> dict[str, str]:
    """The three group roles of the programme in this database (and schema, when not public).

    Roles are cluster-wide in PostgreSQL, so their names carry the database's: two programmes
    on one server never share a role, nor a membership.
    """
    database, schema = conn.execute(text("SELECT current_database(), current_schema()")).one()
    base = database if schema == "public" else f"{database}_{schema}"
    if len(base) > 48:
        base = f"{base[:39]}_{hashlib.sha1(base.encode()).hexdigest()[:8]}"
    return {kind: f"{base}_{kind}" for kind in KINDS}


def install(conn: Connection) -> None:
    """Create or refresh the roles, grants, helper functions, policies and trigger."""
    roles = group_roles(conn)
    _create_roles(conn, roles)
    schema = conn.execute(text("SELECT quote_ident(current_schema())")).scalar_one()
    tables = set(inspect(conn).get_table_names())
    for statement in _statements(schema, roles, tables):
        conn.exec_driver_sql(statement)


def _create_roles(conn: Connection, roles: dict[str, str]) -> None:
    existing = set(
        conn.scalars(
            text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"),
            {"names": list(roles.values())},
        )
    )
    missing = [name for name in roles.values() if name not in existing]
    if not missing:
        return
    may_create = conn.execute(
        text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    ).scalar_one()
    if not may_create:
        raise StoreError(
            f"this database has no rmcoach roles yet ({', '.join(missing)}), and your login "
            "may not create roles; ask the database administrator to run `rmcoach access init`"
        )
    for name in missing:
        conn.execute(text(f'CREATE ROLE "{name}" NOLOGIN'))


def _statements(schema: str, roles: dict[str, str], tables: set[str]) -> list[str]:
    """The DDL for the `tables` that exist: an older database migrates through this before the
    migrations that add the rest, which install again."""
    group = {kind: f'"{name}"' for kind, name in roles.items()}
    everyone = ", ".join(group.values())
    statements = [f"GRANT USAGE ON SCHEMA {schema} TO {everyone}"]
    for table, privileges in _GRANTS.items():
        if table not in tables:
            continue
        statements.append(f"REVOKE ALL ON {schema}.{table} FROM PUBLIC, {everyone}")
        statements += [
            f"GRANT {what} ON {schema}.{table} TO {group[kind]}"
            for kind, what in privileges.items()
        ]
    statements += [
        f"GRANT USAGE ON SEQUENCE {schema}.{table}_id_seq TO {group['participant']}"
        for table in _SERIALS
        if table in tables
    ]
    statements += _functions(schema, roles)
    for table in _PER_PERSON:
        if table in tables:
            statements.append(f"ALTER TABLE {schema}.{table} ENABLE ROW LEVEL SECURITY")
            statements.append(f"ALTER TABLE {schema}.{table} FORCE ROW LEVEL SECURITY")
    for table, kind, rule, *check in _policies():
        if table not in tables:
            continue
        name = f"rmcoach_{kind}"
        statements.append(f"DROP POLICY IF EXISTS {name} ON {schema}.{table}")
        statements.append(
            f"CREATE POLICY {name} ON {schema}.{table} FOR ALL TO {group[kind]} "
            f"USING ({rule}) WITH CHECK ({check[0] if check else rule})"
        )
    if "participants" in tables:
        statements += _own_row(schema, group["participant"])
    statements += _side_guard(schema)
    return statements


def _own_row(schema: str, participant: str) -> list[str]:
    """The signed-in participant's whole row of `participants`, through a view.

    The view reads the table with its owner's privileges, and PostgreSQL applies the policies
    of the view's owner too, which FORCEd row level security holds to them like anyone: the
    policy for PUBLIC lets every role read the row of the participant the login is mapped to,
    and no other (a coordinator, an admin or an ungranted login is mapped to none). The security
    barrier keeps a caller's own conditions from running before the view's, so a leaky function
    in a WHERE clause never sees another row's e-mail.
    """
    return [
        f"DROP POLICY IF EXISTS rmcoach_own_row ON {schema}.participants",
        f"CREATE POLICY rmcoach_own_row ON {schema}.participants FOR SELECT TO PUBLIC "
        "USING (id = rmcoach_me())",
        f"CREATE OR REPLACE VIEW {schema}.my_participant WITH (security_barrier) AS "
        f"SELECT * FROM {schema}.participants WHERE id = {schema}.rmcoach_me()",
        f"REVOKE ALL ON {schema}.my_participant FROM PUBLIC",
        f"GRANT SELECT ON {schema}.my_participant TO {participant}",
    ]


def _functions(schema: str, roles: dict[str, str]) -> list[str]:
    """Small helpers the policies call; each reads the mapping or pairs, never private notes."""
    stable = "LANGUAGE sql STABLE"
    return [
        f"CREATE OR REPLACE FUNCTION {schema}.rmcoach_my_role() RETURNS text {stable} AS $$ "
        f"SELECT role FROM {schema}.access_logins WHERE login = session_user $$",
        f"CREATE OR REPLACE FUNCTION {schema}.rmcoach_me() RETURNS text {stable} AS $$ "
        f"SELECT participant_id FROM {schema}.access_logins "
        f"WHERE login = session_user AND role = 'participant' $$",
        f"CREATE OR REPLACE FUNCTION {schema}.rmcoach_my_pairs() RETURNS SETOF text {stable} "
        f"AS $$ SELECT id FROM {schema}.pairs "
        f"WHERE {schema}.rmcoach_me() IN (leader_id, mentor_id) $$",
        # The sessions of my pairs where I am `side`: the rows of private_notes I may touch.
        f"CREATE OR REPLACE FUNCTION {schema}.rmcoach_my_sessions_as(side text) "
        f"RETURNS SETOF integer {stable} AS $$ SELECT s.id FROM {schema}.sessions s "
        f"JOIN {schema}.pairs p ON p.id = s.pair_id WHERE "
        f"CASE side WHEN 'leader' THEN p.leader_id WHEN 'mentor' THEN p.mentor_id END "
        f"= {schema}.rmcoach_me() $$",
        f"CREATE OR REPLACE FUNCTION {schema}.rmcoach_consenting_pairs() RETURNS SETOF text "
        f"{stable} AS $$ SELECT p.id FROM {schema}.pairs p "
        f"JOIN {schema}.participants l ON l.id = p.leader_id "
        f"JOIN {schema}.participants m ON m.id = p.mentor_id "
        f"WHERE l.consent_to_share AND m.consent_to_share $$",
        f"CREATE OR REPLACE FUNCTION {schema}.rmcoach_is_admin() RETURNS boolean {stable} AS $$ "
        f"SELECT pg_has_role(session_user, '{roles['admin']}', 'MEMBER') $$",
    ]


def _policies() -> list[tuple[str, ...]]:
    """(table, group, rule[, check]): which rows each group sees, and writes when no check."""
    mine = "pair_id IN (SELECT rmcoach_my_pairs())"
    my_sessions = "session_id IN (SELECT id FROM sessions)"  # sessions' own policy narrows it
    coordinator = "rmcoach_my_role() = 'coordinator'"
    shared = f"{coordinator} AND pair_id IN (SELECT rmcoach_consenting_pairs())"
    shared_sessions = (
        f"{coordinator} AND session_id IN (SELECT s.id FROM sessions s "
        "WHERE s.pair_id IN (SELECT rmcoach_consenting_pairs()))"
    )
    partners = (
        "id = rmcoach_me() OR id IN (SELECT leader_id FROM pairs UNION SELECT mentor_id FROM pairs)"
    )
    return [
        ("participants", "participant", partners),
        ("participants", "coordinator", coordinator),
        ("participants", "admin", "rmcoach_my_role() = 'admin'"),
        # Direct, not through rmcoach_my_pairs(), which reads pairs: a policy that reads its own
        # table recurses.
        ("pairs", "participant", "rmcoach_me() IN (leader_id, mentor_id)"),
        ("pairs", "coordinator", coordinator),
        ("objectives", "participant", mine),
        ("objectives", "coordinator", coordinator),
        ("sessions", "participant", mine),
        ("sessions", "coordinator", shared),
        ("session_topics", "participant", my_sessions),
        ("session_topics", "coordinator", shared_sessions),
        ("commitments", "participant", mine),
        ("commitments", "coordinator", shared),
        ("objective_progress", "participant", my_sessions),
        ("objective_progress", "coordinator", shared_sessions),
        ("private_notes", "participant", "session_id IN (SELECT rmcoach_my_sessions_as(side))"),
        ("access_logins", "participant", "login = session_user"),
        ("access_logins", "coordinator", "login = session_user"),
        ("access_logins", "admin", "rmcoach_is_admin()"),
        # Both sides read their pair's surveys; each answers only as itself.
        ("survey_responses", "participant", mine, f"{mine} AND participant_id = rmcoach_me()"),
        ("survey_responses", "coordinator", shared),
        (
            "survey_answers",
            "participant",
            "response_id IN (SELECT id FROM survey_responses)",
            "response_id IN (SELECT id FROM survey_responses WHERE participant_id = rmcoach_me())",
        ),
        (
            "survey_answers",
            "coordinator",
            f"{coordinator} AND response_id IN (SELECT id FROM survey_responses)",
        ),
        ("mail_sent", "coordinator", coordinator),
    ]


def _side_guard(schema: str) -> list[str]:
    """A trigger that keeps each side of a pair to its own fields of a session.

    Row level security decides which rows a participant reaches, not which columns of a row:
    both sides write the same session row, so this trigger refuses a change to the other
    side's ratings or learning, naming the field.
    """
    checks = "\n".join(
        f"""
  IF side = '{me}' THEN
    IF NEW.{other}_learned IS DISTINCT FROM before_learned
       OR NEW.{other}_safety IS DISTINCT FROM before_safety
       OR NEW.{other}_usefulness IS DISTINCT FROM before_usefulness THEN
      RAISE EXCEPTION 'the {other}''s learning and ratings are the {other}''s to record'
        USING ERRCODE = '42501';
    END IF;
  END IF;"""
        for me, other in (("leader", "mentor"), ("mentor", "leader"))
    )
    befores = {
        side: (
            f"IF TG_OP = 'UPDATE' THEN before_learned := OLD.{side}_learned; "
            f"before_safety := OLD.{side}_safety; before_usefulness := OLD.{side}_usefulness; "
            "END IF;"
        )
        for side in ("leader", "mentor")
    }
    function = f"""
CREATE OR REPLACE FUNCTION {schema}.rmcoach_own_side_only() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  side text;
  before_learned text := '';
  before_safety integer;
  before_usefulness integer;
BEGIN
  SELECT CASE {schema}.rmcoach_me() WHEN p.leader_id THEN 'leader' WHEN p.mentor_id THEN 'mentor'
         END INTO side
    FROM {schema}.pairs p WHERE p.id = NEW.pair_id;
  IF side = 'leader' THEN {befores["mentor"]} END IF;
  IF side = 'mentor' THEN {befores["leader"]} END IF;
  {checks}
  RETURN NEW;
END $$"""
    return [
        function,
        f"DROP TRIGGER IF EXISTS rmcoach_own_side_only ON {schema}.sessions",
        f"CREATE TRIGGER rmcoach_own_side_only BEFORE INSERT OR UPDATE ON {schema}.sessions "
        f"FOR EACH ROW EXECUTE FUNCTION {schema}.rmcoach_own_side_only()",
    ]
