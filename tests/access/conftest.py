"""Fixtures: the shared programme of `shared.py` with its logins, and with access granted."""

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from databases import database_url
from sqlalchemy import text
from sqlalchemy.engine import make_url

from assistant.store import Store
from assistant.store.migrations import migrate
from assistant.store.store import make_engine

from .shared import Shared, seed

_runs = itertools.count()


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Shared]:
    prefix = f"rmt{os.getpid()}x{next(_runs)}"
    names = {who: f"{prefix}_{who}" for who in ("lea1", "men1", "lea2", "coord", "admin", "nobody")}
    with database_url("postgresql", tmp_path, "access") as owner_url:
        engine = make_engine(owner_url)
        migrate(engine)
        seed(Store(engine))
        schema = make_url(owner_url).query["options"].removeprefix("-csearch_path=")
        try:
            with engine.begin() as conn:
                for login in names.values():
                    conn.execute(text(f'CREATE ROLE "{login}" LOGIN'))
            yield Shared(owner_url, schema, names, monkeypatch)
        finally:
            engine.dispose()
            with make_engine(owner_url).begin() as conn:
                for login in names.values():
                    conn.execute(text(f'DROP ROLE IF EXISTS "{login}"'))


@pytest.fixture
def granted(shared: Shared) -> Shared:
    """The programme with access on: every login but `nobody` granted through rmcoach."""
    assert shared.rmcoach("owner", "access", "init").exit_code == 0
    grants = {
        "lea1": ["--participant", "L1"],
        "men1": ["--participant", "M1"],
        "lea2": ["--participant", "L2"],
        "coord": ["--coordinator"],
        "admin": ["--admin"],
    }
    for who, how in grants.items():
        result = shared.rmcoach("owner", "access", "grant", shared.logins[who], *how)
        assert result.exit_code == 0, result.output
    return shared
