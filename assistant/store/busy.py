"""A database another writer holds: wait, retry what was transient, else say so in one line.

A long `rmcoach demo` or a big import holds SQLite's single write lock for many seconds. Each
connection waits up to the busy timeout (`Settings.busy_timeout`, 30 s by default) for it. A lock
error that comes sooner than that was transient (a PostgreSQL deadlock or serialization failure,
SQLite's checkpoint or recovery), so the whole write runs again; one that comes after waiting the
full timeout becomes `StoreBusy`, a `StoreError` whose message says what to do.
"""

import functools
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy import Connection, Engine, event
from sqlalchemy.engine import ExceptionContext

from assistant.store.errors import StoreError

BUSY_TIMEOUT_SECONDS = 30.0
ATTEMPTS = 3
# PostgreSQL: deadlock_detected, serialization_failure, lock_not_available.
_PG_TRANSIENT = {"40P01", "40001", "55P03"}

P = ParamSpec("P")
R = TypeVar("R")


class StoreBusy(StoreError):
    """Another writer held the database for longer than the busy timeout; nothing was written."""

    def __init__(self, seconds: float) -> None:
        super().__init__(
            f"the database is busy: another rmcoach command (a demo, an import?) has been "
            f"writing to it for over {seconds:g} seconds, so nothing was written; run this "
            "again when it has finished"
        )
        self.seconds = seconds


def _is_lock_error(error: BaseException) -> bool:
    code = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    text = str(error).lower()
    return code in _PG_TRANSIENT or "database is locked" in text or "database is busy" in text


def raise_busy(engine: Engine, seconds: float) -> None:
    """Make every lock error on `engine` a StoreBusy, wherever the write came from."""

    @event.listens_for(engine, "handle_error")
    def _busy(context: ExceptionContext) -> None:
        if _is_lock_error(context.original_exception):
            raise StoreBusy(seconds) from context.sqlalchemy_exception


def retried(method: Callable[P, R]) -> Callable[P, R]:
    """Run a write again when it failed on a lock sooner than the busy timeout."""

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(1, ATTEMPTS + 1):
            started = time.monotonic()
            try:
                return method(*args, **kwargs)
            except StoreBusy as busy:
                waited = time.monotonic() - started
                if attempt == ATTEMPTS or waited >= busy.seconds / 2:
                    raise
                time.sleep(0.1 * attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    return run


def lock_for_writing(conn: Connection) -> None:
    """Take SQLite's write lock now, before the transaction reads what it will check, so no
    other writer can change it between the check and the write. (PostgreSQL locks rows instead:
    `SELECT ... FOR UPDATE`.)"""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("UPDATE participants SET id = id WHERE 0")
