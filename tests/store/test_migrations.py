"""Migrations run once each, are recorded, and leave exactly the schema that schema.py describes."""

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, inspect, select, text

from assistant.config import Settings
from assistant.store import Store, schema
from assistant.store.migrations import MIGRATIONS, m003_participant_email, migrate
from assistant.store.store import make_engine


def test_each_migration_is_applied_once_and_recorded(database_url: str) -> None:
    engine = make_engine(database_url)
    assert migrate(engine) == [m.__name__ for m in MIGRATIONS]
    assert migrate(engine) == []
    with engine.connect() as conn:
        names = list(conn.scalars(select(schema.migrations.c.name)))
    assert names == [m.__name__ for m in MIGRATIONS]


def test_migrated_database_has_exactly_the_tables_and_columns_of_schema_py(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    inspector = inspect(engine)
    assert set(inspector.get_table_names()) == set(schema.metadata.tables)
    for name, table in schema.metadata.tables.items():
        columns = {column["name"]: column for column in inspector.get_columns(name)}
        assert set(columns) == set(table.columns.keys()), name
        for column in table.columns:
            assert columns[column.name]["nullable"] == column.nullable, f"{name}.{column.name}"


def test_session_table_holds_the_shared_fields_and_no_private_text(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    inspector = inspect(engine)
    assert [c["name"] for c in inspector.get_columns("sessions")] == [
        "id", "pair_id", "held_on", "status", "duration_minutes", "topics", "agenda_covered",
        "leader_learned", "mentor_learned", "shared_summary", "leader_safety", "leader_usefulness",
        "mentor_safety", "mentor_usefulness", "recorded_at",
    ]  # fmt: skip
    private_columns = [
        (table, column["name"])
        for table in inspector.get_table_names()
        for column in inspector.get_columns(table)
        if column["name"] == "text" or "private" in column["name"]
    ]
    assert sorted(private_columns) == [("commitments", "text"), ("private_notes", "text")]
    uniques = inspector.get_unique_constraints("sessions")
    assert [u["column_names"] for u in uniques] == [["pair_id", "held_on"]]


def test_open_creates_the_sqlite_file_under_home_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    store = Store.open(Settings(home=tmp_path / "new-home"))
    assert (tmp_path / "new-home" / "rmcoach.sqlite3").is_file()
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_an_existing_database_is_not_migrated_twice(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    Store.open(settings)
    Store.open(settings)
    engine = create_engine(settings.sqlalchemy_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM migrations")).scalar() == len(MIGRATIONS)


def test_an_older_database_keeps_its_people_and_gains_an_empty_email(database_url: str) -> None:
    engine = make_engine(database_url)
    older = MIGRATIONS[: MIGRATIONS.index(m003_participant_email)]
    with engine.begin() as conn:
        schema.migrations.create(conn)
        for migration in older:
            migration(conn)
            conn.execute(
                schema.migrations.insert().values(
                    name=migration.__name__, applied_at=datetime.now(UTC)
                )
            )
        conn.execute(
            text(
                "INSERT INTO participants (id, name, role, department, level, skills, interests,"
                " goals, availability, cohort, consent_to_share)"
                " VALUES ('L-1', 'Ada Lovelace', 'leader', 'IT', 10, '[]', '[]', '[]', '[]',"
                " 'default', true)"
            )
        )
    assert m003_participant_email.__name__ in migrate(engine)
    person = Store(engine).participant("L-1")
    assert (person.name, person.email) == ("Ada Lovelace", None)
    updated = person.model_copy(update={"email": "ada@example.org"})
    Store(engine).upsert_participants([updated])
    assert Store(engine).participant("L-1").email == "ada@example.org"
