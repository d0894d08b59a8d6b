"""Several SQLite connections reading one committed state, so work can be shared between them.

In WAL mode each connection's read transaction sees the database as of its first read. Taking
the write lock first (BEGIN IMMEDIATE on a connection of its own) means no other writer can
commit until every reader has taken its snapshot; the lock is then let go at once, so writers
wait microseconds, not for the whole report. A reader never waits for writers, so when another
command holds the write lock (a long import) this does not wait for it either: it gives up
after LOCK_WAIT_MS and the caller reads on one connection.
"""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from sqlalchemy import Connection, Engine

from assistant.store.busy import StoreBusy

LOCK_WAIT_MS = 100


@contextmanager
def one_snapshot(engine: Engine, count: int) -> Iterator[list[Connection] | None]:
    """`count` connections of a SQLite `engine`, each in a read transaction on the same state;
    None when another writer holds the lock."""
    with ExitStack() as stack:
        readers = [stack.enter_context(engine.connect()) for _ in range(count)]
        yield readers if _snapshots_taken(engine, readers) else None


def _snapshots_taken(engine: Engine, readers: list[Connection]) -> bool:
    with engine.connect() as holder:
        waits = holder.exec_driver_sql("PRAGMA busy_timeout").scalar()
        holder.exec_driver_sql(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
        try:
            holder.exec_driver_sql("BEGIN IMMEDIATE")
        except StoreBusy:
            return False
        finally:
            holder.exec_driver_sql(f"PRAGMA busy_timeout = {int(waits or 0)}")
        try:
            for reader in readers:
                reader.exec_driver_sql("BEGIN")
                # The first read of the main database fixes what this transaction sees.
                reader.exec_driver_sql("SELECT 1 FROM sqlite_schema LIMIT 1").all()
        finally:
            holder.exec_driver_sql("ROLLBACK")
    return True
