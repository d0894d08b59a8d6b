"""Named schema migrations, each applied once and recorded in the `migrations` table.

Add a change as a new function at the end of `MIGRATIONS` and update `schema.py` to match; never
edit one that has shipped. `tests/store/test_migrations.py` checks that the migrated database
equals `schema.py`. A migration builds new tables from `schema.py`, naming them; once a later
migration alters one of them, the migrations before it build the frozen copy in `frozen.py`
instead (as `m001_initial` does for `participants`, which `m003_participant_email` altered).

On PostgreSQL a table with per-person rows also needs its grants and row-level security: add
them to `access_sql.py` and call `access_sql.install(conn)` again at the end of the migration
(it is idempotent and covers the tables that exist).
"""

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.schema import CreateColumn

from assistant.store import access_sql, frozen, schema

Migration = Callable[[Connection], None]


def _create(conn: Connection, *names: str) -> None:
    tables = [table for table in schema.metadata.sorted_tables if table.name in names]
    schema.metadata.create_all(conn, tables=tables)


def _add_column(conn: Connection, table: str, column: str) -> None:
    """Add a column as `schema.py` defines it; SQLite and PostgreSQL both take this ALTER."""
    definition = CreateColumn(schema.metadata.tables[table].c[column]).compile(dialect=conn.dialect)
    conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {definition}"))


def m001_initial(conn: Connection) -> None:
    frozen.participants_v1.create(conn)
    _create(
        conn,
        "pairs",
        "objectives",
        "sessions",
        "session_topics",
        "commitments",
        "objective_progress",
        "private_notes",
    )


def m002_surveys(conn: Connection) -> None:
    """Survey answers (baseline, pairing fit, closing, recommendation), one response a survey."""
    _create(conn, "survey_responses", "survey_answers")


def m003_participant_email(conn: Connection) -> None:
    """An optional e-mail address per participant: calendar attendees and e-mailed nudges."""
    _add_column(conn, "participants", "email")


def m004_mail_sent(conn: Connection) -> None:
    """What `rmcoach nudges --send` has e-mailed to whom, so each item is sent once."""
    _create(conn, "mail_sent")


def m005_access(conn: Connection) -> None:
    """Who each login is, and on PostgreSQL the roles, grants and policies that enforce it."""
    _create(conn, "access_logins")
    if conn.dialect.name == "postgresql":
        access_sql.install(conn)


def m006_participant_card(conn: Connection) -> None:
    """On PostgreSQL a leader or mentor reads only the other side's card of `participants`
    (`access_sql.CARD`), and their own whole row through the `my_participant` view."""
    if conn.dialect.name == "postgresql":
        access_sql.install(conn)


#: The report's passes over sessions (`reports/scope.py`, `reports/feedback.py`), each read in
#: index order instead of sorted or read from the wide rows: (name, columns).
REPORT_INDEXES = [
    (
        "ix_sessions_report_scope",
        "pair_id, held_on, status, leader_safety, leader_usefulness, mentor_safety, "
        "mentor_usefulness",
    ),
    *[(f"ix_sessions_{field}_pair", f"{field}, pair_id") for field in schema.PASSAGE_FIELDS],
]


def m007_report_indexes(conn: Connection) -> None:
    """Indexes that let a SQLite report read sessions in the order it groups them (half the
    cost of its feedback themes at 5,000 pairs). Not on PostgreSQL, whose B-tree entries are
    limited to about 2,700 bytes (a long passage would fail to save) and which hashes its
    groups anyway; `schema.py` leaves them out for that reason."""
    if conn.dialect.name == "sqlite":
        for name, columns in REPORT_INDEXES:
            conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON sessions ({columns})"))


MIGRATIONS: list[Migration] = [
    m001_initial,
    m002_surveys,
    m003_participant_email,
    m004_mail_sent,
    m005_access,
    m006_participant_card,
    m007_report_indexes,
]


def applied(conn: Connection) -> set[str]:
    return set(conn.scalars(select(schema.migrations.c.name)))


def migrate(engine: Engine) -> list[str]:
    """Apply the migrations this database lacks, each in its own transaction; return their names."""
    with engine.begin() as conn:
        schema.migrations.create(conn, checkfirst=True)
        done = applied(conn)
    newly: list[str] = []
    for migration in MIGRATIONS:
        if migration.__name__ in done:
            continue
        with engine.begin() as conn:
            migration(conn)
            record = {"name": migration.__name__, "applied_at": datetime.now(UTC)}
            conn.execute(schema.migrations.insert().values(record))
        newly.append(migration.__name__)
    return newly
