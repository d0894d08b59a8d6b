"""Several SQLite connections reading one committed state, so work can be shared between them.

In WAL mode each connection's read transaction sees the database as of its first read. Taking
the write lock first (BEGIN IMMEDIATE on a connection of its own) means no other writer can
commit until every reader has taken its snapshot; the lock is then let go at once, so writers
wait microseconds, not for the whole report.
"""

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from sqlalchemy import Connection, Engine


@contextmanager
def one_snapshot(engine: Engine, count: int) -> Iterator[list[Connection]]:
    """`count` connections of a SQLite `engine`, each in a read transaction on the same state."""
    with ExitStack() as stack:
        readers = [stack.enter_context(engine.connect()) for _ in range(count)]
        with engine.connect() as holder:
            holder.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                for reader in readers:
                    reader.exec_driver_sql("BEGIN")
                    # The first read of the main database fixes what this transaction sees.
                    reader.exec_driver_sql("SELECT 1 FROM sqlite_schema LIMIT 1").all()
            finally:
                holder.exec_driver_sql("ROLLBACK")
        yield readers
