"""Empty test databases: a SQLite file, or PostgreSQL when RMCOACH_TEST_POSTGRES_URL names a server.

Each PostgreSQL database is a schema of its own, dropped afterwards with the group roles its
migrations made, so tests sharing a server never disturb each other; without the variable the
PostgreSQL variants are skipped, not failed.
"""

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from assistant.store import Store
from assistant.store.access_sql import group_roles
from assistant.store.migrations import migrate
from assistant.store.store import make_engine

# Read at import: the autouse fixture clears RMCOACH_* variables before each test runs.
POSTGRES_URL = os.environ.get("RMCOACH_TEST_POSTGRES_URL")
KINDS = ["sqlite", "postgresql"]
_numbers = itertools.count()


@contextmanager
def database_url(kind: str, folder: Path, purpose: str) -> Iterator[str]:
    """A URL to an empty database of `kind`; `purpose` names the file or schema."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / f'{purpose}.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip(f"set RMCOACH_TEST_POSTGRES_URL to run the {purpose} tests on PostgreSQL")
    schema = f"{purpose}_test_{os.getpid()}_{next(_numbers)}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"SET search_path TO {schema}"))
            roles = group_roles(conn)
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            # Its migrations made group roles, which outlive it: roles are cluster-wide.
            for role in roles.values():
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


@contextmanager
def migrated_store(url: str) -> Iterator[Store]:
    """A store on `url` with every migration applied."""
    engine = make_engine(url)
    migrate(engine)
    try:
        yield Store(engine)
    finally:
        engine.dispose()
