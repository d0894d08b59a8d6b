"""One seeded demo programme gives one report JSON, byte for byte: on SQLite, on PostgreSQL, and
as the report code gave it before issue 13's speed work.

`golden/demo_report.json` was written by that code (commit b898740) from the programme below:
three reports (everything; one cohort since a date; a smaller group size), so every section,
the suppression rule and the impact figures are compared, not only the totals. Each database
must produce the file's exact text. After a deliberate change to the demo or to what a report
says, rewrite it with
`PYTHONPATH=tests .venv/bin/python tests/reports/test_identical_json.py` and say why in
the commit.
"""

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from databases import database_url, migrated_store

from assistant.demo import generate, write_programme
from assistant.reports import build_report
from assistant.store import Store

SEED, PAIRS, MONTHS, TODAY = 7, 60, 12, date(2026, 11, 20)
GOLDEN = Path(__file__).parent / "golden" / "demo_report.json"


def reports_json(store: Store) -> str:
    """The three reports, as one JSON document with each report's own JSON inside."""
    cohort = sorted({p.cohort for p in store.pairs()})[0]
    asked = {
        "all": {},
        "cohort_since": {"cohort": cohort, "since": date(2026, 6, 1)},
        "min_group_size_3": {"min_group_size": 3},
    }
    found = {
        name: json.loads(build_report(store, today=TODAY, **options).model_dump_json())  # type: ignore[arg-type]
        for name, options in asked.items()
    }
    return json.dumps(found, indent=1) + "\n"


def seeded(store: Store) -> Store:
    write_programme(store, generate(seed=SEED, pairs=PAIRS, months=MONTHS, today=TODAY))
    return store


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp(request.param)
    with database_url(request.param, folder, "golden") as url, migrated_store(url) as store:
        yield seeded(store)


def test_each_database_gives_the_golden_report_byte_for_byte(demo_store: Store) -> None:
    found = reports_json(demo_store)
    assert json.loads(found)["all"]["feedback_themes"], "the programme must exercise themes"
    assert found == GOLDEN.read_text(encoding="utf-8")


def test_the_same_report_while_another_command_writes(demo_store: Store) -> None:
    """SQLite shares the work between two connections only when no one holds the write lock;
    with a long write under way it reads on one connection, and the report is the same."""
    with demo_store.engine.connect() as writing:
        if demo_store.engine.dialect.name == "sqlite":
            writing.exec_driver_sql("BEGIN IMMEDIATE")
        found = reports_json(demo_store)
        writing.rollback()
    assert found == GOLDEN.read_text(encoding="utf-8")


if __name__ == "__main__":
    from tempfile import TemporaryDirectory

    from assistant.store.migrations import migrate
    from assistant.store.store import make_engine

    with TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'golden.sqlite3'}")
        migrate(engine)
        GOLDEN.write_text(reports_json(seeded(Store(engine))), encoding="utf-8")
    sys.exit(0)
