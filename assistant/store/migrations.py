"""Named schema migrations, each applied once and recorded in the `migrations` table.

Add a change as a new function at the end of `MIGRATIONS` and update `schema.py` to match; never
edit one that has shipped. `tests/store/test_migrations.py` checks that the migrated database
equals `schema.py`. The first migration builds the tables from `schema.py` because nothing has
changed since; once a later migration alters a table, give the first one a frozen copy.
"""

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, select

from assistant.store import schema

Migration = Callable[[Connection], None]


def m001_initial(conn: Connection) -> None:
    tables = [table for table in schema.metadata.sorted_tables if table is not schema.migrations]
    schema.metadata.create_all(conn, tables=tables)


MIGRATIONS: list[Migration] = [m001_initial]


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
