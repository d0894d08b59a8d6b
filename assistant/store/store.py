"""The programme store: participants, pairs, objectives and session summaries in one SQL database.

Every write method runs in one transaction. Reads that return summaries never include private
notes; `private_notes` is the one method that reads them, for their author's own view.
"""

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Connection,
    Engine,
    Text,
    bindparam,
    cast,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError

from assistant.config import Settings, load_settings
from assistant.files import create_private
from assistant.models import (
    Commitment,
    Objective,
    Pair,
    PairContext,
    Participant,
    SessionSummary,
    Side,
)
from assistant.store import schema
from assistant.store.busy import BUSY_TIMEOUT_SECONDS, lock_for_writing, raise_busy, retried
from assistant.store.errors import NotFound, StoreError, refused_by_database
from assistant.store.migrations import migrate
from assistant.store.pair_rules import check_pairs
from assistant.store.people import read_people, reads_whole_rows
from assistant.store.read import summaries_for_pair
from assistant.store.record import Recorded, record_summaries
from assistant.store.rows import (
    chunks,
    objective_from_row,
    objective_rows,
    pair_from_row,
    pair_row,
    participant_row,
)

P, PR, OBJ, S, C = (
    schema.participants,
    schema.pairs,
    schema.objectives,
    schema.sessions,
    schema.commitments,
)


@dataclass(frozen=True)
class ChangeCount:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged"

    def __add__(self, other: "ChangeCount") -> "ChangeCount":
        return ChangeCount(
            self.created + other.created,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
        )


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the app read while a command writes; SQLite checks foreign keys only when asked.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, busy_timeout: float = BUSY_TIMEOUT_SECONDS) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True)
    else:
        if parsed.database and parsed.database != ":memory:":
            # SQLite gives its -wal and -shm files the database file's mode: make that 0600.
            create_private(Path(parsed.database).expanduser())
        engine = create_engine(url, connect_args={"timeout": busy_timeout})
        event.listen(engine, "connect", _sqlite_pragmas)
    raise_busy(engine, busy_timeout)
    return engine


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._whole_rows: bool | None = None

    @classmethod
    def open(cls, settings: Settings | None = None) -> "Store":
        """The store named by the settings (SQLite under RMCOACH_HOME by default), migrated."""
        settings = settings or load_settings()
        engine = make_engine(settings.sqlalchemy_url, settings.busy_timeout)
        try:
            retried(migrate)(engine)
        except DBAPIError as error:
            # A login with no access to a shared store may still ask who it is; everything
            # else it tries is refused by the database, and by the commands first.
            if not refused_by_database(error):
                raise
        return cls(engine)

    # People and pairs

    @retried
    def upsert_participants(self, people: Sequence[Participant]) -> ChangeCount:
        with self.engine.begin() as conn:
            lock_for_writing(conn)
            existing = stored_participants(conn, [p.id for p in people])
            return write_participants(conn, people, existing)

    @retried
    def upsert_pairs(
        self, pairs: Sequence[Pair], before_commit: Callable[[], None] | None = None
    ) -> ChangeCount:
        """Create or update pairs; a pair given with objectives gets exactly those objectives.
        What `before_commit()` raises, once everything is written, rolls it all back."""
        with self.engine.begin() as conn:
            check_pairs(conn, pairs)
            existing = self._existing(conn, PR, [p.id for p in pairs], pair_from_row)
            objectives = self._objectives(conn, list(existing))
            existing = {
                k: p.model_copy(update={"objectives": objectives[k]}) for k, p in existing.items()
            }
            # A pair given without objectives keeps its own, so re-importing pairs changes nothing.
            wanted = [
                p if p.objectives else p.model_copy(update={"objectives": objectives[p.id]})
                for p in pairs
            ]
            count = _upsert(conn, PR, wanted, existing, pair_row)
            changed = {
                pair.id: pair.objectives
                for pair in pairs
                if pair.objectives and pair.objectives != objectives.get(pair.id)
            }
            _replace_objectives(conn, changed)
            if before_commit is not None:
                before_commit()
            return count

    def participants(self, cohort: str | None = None) -> list[Participant]:
        """Everyone this login may see, ordered by id; see `people.py` for what a leader or
        mentor reads of the other side on a shared store."""
        with self.engine.connect() as conn:
            return list(read_people(conn, self._reads_whole_rows(conn), cohort=cohort).values())

    def participant(self, participant_id: str) -> Participant:
        with self.engine.connect() as conn:
            found = read_people(conn, self._reads_whole_rows(conn), [participant_id])
        if participant_id not in found:
            raise NotFound(
                f"there is no participant {participant_id!r}; `rmcoach participants list` shows all"
            )
        return found[participant_id]

    def pairs(self, status: str | None = None, cohort: str | None = None) -> list[Pair]:
        query = select(PR).order_by(PR.c.id)
        if status is not None:
            query = query.where(PR.c.status == status)
        if cohort is not None:
            query = query.where(PR.c.cohort == cohort)
        with self.engine.connect() as conn:
            rows = list(conn.execute(query).mappings())
            objectives = self._objectives(conn, [row["id"] for row in rows])
        return [pair_from_row(row, objectives[row["id"]]) for row in rows]

    def pair(self, pair_id: str) -> Pair:
        with self.engine.connect() as conn:
            return self._pair(conn, pair_id)

    @retried
    def set_objectives(self, pair_id: str, objectives: Sequence[Objective]) -> None:
        with self.engine.begin() as conn:
            self._pair(conn, pair_id)
            _replace_objectives(conn, {pair_id: objectives})

    # Sessions

    def record_session(self, summary: SessionSummary) -> int:
        """Write one summary, its commitments, progress and private notes; return the session id.

        A summary for a day that already has a session (the other side's debrief) is merged into
        it, and that session's id returned; see `record_session_result`.
        """
        return self.record_session_result(summary).session_id

    def record_session_result(self, summary: SessionSummary) -> Recorded:
        """Write one summary and say what it did: created a session, added to the day's session
        (merged, by the rules in `assistant/store/merge.py`), or found it all there already.

        Raises `SessionConflict`, naming each field, when the summary contradicts what is
        recorded for that day; nothing is written then.
        """
        return self._record([summary])[0]

    def record_sessions(self, summaries: Sequence[SessionSummary]) -> int:
        """Write many summaries in one transaction with executemany; return how many.

        Summaries for a day that already has a session, in the store or earlier in the batch,
        are merged into it as `record_session` does.
        """
        return len(self._record(summaries))

    @retried
    def _record(self, summaries: Sequence[SessionSummary]) -> list[Recorded]:
        try:
            with self.engine.begin() as conn:
                return record_summaries(conn, summaries)
        except IntegrityError:
            # Both sides may save a new day's debrief at once: the later insert meets the unique
            # (pair, day) and, tried again, finds that session and merges into it.
            with self.engine.begin() as conn:
                return record_summaries(conn, summaries)

    def sessions(self, pair_id: str, limit: int | None = None) -> list[SessionSummary]:
        """The pair's summaries, newest first, with private notes left empty."""
        with self.engine.connect() as conn:
            self._pair(conn, pair_id)
            return summaries_for_pair(conn, pair_id, limit)

    def open_commitments(self, pair_id: str) -> list[Commitment]:
        with self.engine.connect() as conn:
            self._pair(conn, pair_id)
            return _open_commitments(conn, pair_id)

    def private_notes(self, pair_id: str, side: Side) -> list[tuple[date, str]]:
        """One side's private notes for this pair, newest first, for their author's eyes only."""
        notes = schema.private_notes
        query = (
            select(S.c.held_on, notes.c.text)
            .join(S, S.c.id == notes.c.session_id)
            .where(S.c.pair_id == pair_id, notes.c.side == side)
            .order_by(S.c.held_on.desc(), S.c.id.desc())
        )
        with self.engine.connect() as conn:
            self._pair(conn, pair_id)
            return [(row.held_on, row.text) for row in conn.execute(query)]

    def pair_context(self, pair_id: str, recent: int = 3) -> PairContext:
        """Everything a session starts from, shared fields only."""
        with self.engine.connect() as conn:
            pair = self._pair(conn, pair_id)
            ids = [pair.leader_id, pair.mentor_id]
            people = read_people(conn, self._reads_whole_rows(conn), ids)
            held = (
                select(func.count())
                .select_from(S)
                .where(S.c.pair_id == pair_id, S.c.status == "held")
            )
            return PairContext(
                pair=pair,
                leader=people[pair.leader_id],
                mentor=people[pair.mentor_id],
                objectives=pair.objectives,
                recent_summaries=summaries_for_pair(conn, pair_id, recent),
                open_commitments=_open_commitments(conn, pair_id),
                sessions_held=conn.scalar(held) or 0,
            )

    @property
    def is_shared(self) -> bool:
        """A PostgreSQL store, shared by a programme; SQLite is one person's local notebook."""
        return self.engine.dialect.name != "sqlite"

    def is_empty(self) -> bool:
        with self.engine.connect() as conn:
            return programme_is_empty(conn)

    @retried
    def clear(self) -> None:
        """Delete the whole programme (people, pairs, sessions, notes) in one transaction."""
        with self.engine.begin() as conn:
            delete_programme(conn)

    # Helpers

    def _reads_whole_rows(self, conn: Connection) -> bool:
        if self._whole_rows is None:
            self._whole_rows = reads_whole_rows(conn)
        return self._whole_rows

    def reads_whole_rows(self) -> bool:
        """Whether this login reads everyone's whole participant row (a coordinator, a local
        store); otherwise only cards (`access_sql.CARD`), and its own row whole."""
        with self.engine.connect() as conn:
            return self._reads_whole_rows(conn)

    def _pair(self, conn: Connection, pair_id: str) -> Pair:
        row = conn.execute(select(PR).where(PR.c.id == pair_id)).mappings().first()
        if row is None:
            raise NotFound(f"there is no pair {pair_id!r}; `rmcoach pairs list` shows them")
        return pair_from_row(row, self._objectives(conn, [pair_id])[pair_id])

    @staticmethod
    def _existing(conn: Connection, table: Any, ids: Sequence[str], convert: Any) -> dict[str, Any]:
        found = {}
        for batch in chunks(set(ids)):
            for row in conn.execute(select(table).where(table.c.id.in_(batch))).mappings():
                found[row["id"]] = convert(row)
        return found

    @staticmethod
    def _objectives(conn: Connection, pair_ids: Sequence[str]) -> dict[str, list[Objective]]:
        found: dict[str, list[Objective]] = defaultdict(list)
        for batch in chunks(pair_ids):
            query = (
                select(OBJ).where(OBJ.c.pair_id.in_(batch)).order_by(OBJ.c.pair_id, OBJ.c.position)
            )
            for row in conn.execute(query).mappings():
                found[row["pair_id"]].append(objective_from_row(row))
        return found


def stored_participants(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The rows of those of `ids` the store holds, by id: one query per 500 ids.

    Rows, not models: comparing a row costs a tenth of rebuilding and validating a Participant,
    which made re-importing an unchanged roster slower than the first import. The rows are
    locked until the transaction ends (PostgreSQL), so a pairs import checking these people's
    roles waits for the new ones.
    """
    # The lists come as text and are decoded here, each distinct text once: decoding every
    # cell (as SQLAlchemy's JSON type does) took 60% of an unchanged 100,000-row re-import, and
    # a roster repeats the same skills, interests and availability on many rows.
    columns = [cast(c, Text).label(c.name) if isinstance(c.type, JSON) else c for c in P.c]
    lists = [c.name for c in P.c if isinstance(c.type, JSON)]
    found = {}
    for batch in chunks(sorted(set(ids))):
        query = select(*columns).where(P.c.id.in_(batch)).order_by(P.c.id).with_for_update()
        result = conn.execute(query)
        names = list(result.keys())
        for values in result:
            row = dict(zip(names, values, strict=True))
            row.update((name, list(_json_list(row[name]))) for name in lists)
            found[row["id"]] = row
    return found


@lru_cache(maxsize=10_000)
def _json_list(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


def write_participants(
    conn: Connection, people: Sequence[Participant], stored: dict[str, dict[str, Any]]
) -> ChangeCount:
    """Insert the new, update those whose row differs from `stored`; count what was not."""
    rows = [participant_row(person) for person in people]
    new = [row for row in rows if row["id"] not in stored]
    changed = [row for row in rows if row["id"] in stored and stored[row["id"]] != row]
    if new:
        conn.execute(P.insert(), new)
    if changed:
        conn.execute(
            P.update().where(P.c.id == bindparam("b_id")),
            [row | {"b_id": row["id"]} for row in changed],
        )
    return ChangeCount(len(new), len(changed), len(rows) - len(new) - len(changed))


def programme_is_empty(conn: Connection) -> bool:
    return all(conn.execute(select(table.c.id).limit(1)).first() is None for table in (P, PR, S))


def delete_programme(conn: Connection) -> None:
    """Delete the programme's data; who may use the database (`access_logins`) stays."""
    for table in reversed(schema.metadata.sorted_tables):
        if table not in (schema.migrations, schema.access_logins):
            conn.execute(table.delete())


def _upsert(
    conn: Connection, table: Any, items: Sequence[Any], existing: dict[str, Any], to_row: Any
) -> ChangeCount:
    new = [to_row(item) for item in items if item.id not in existing]
    changed = [to_row(item) for item in items if item.id in existing and existing[item.id] != item]
    if new:
        conn.execute(table.insert(), new)
    if changed:
        rows = [row | {"b_id": row["id"]} for row in changed]
        conn.execute(table.update().where(table.c.id == bindparam("b_id")), rows)
    return ChangeCount(len(new), len(changed), len(items) - len(new) - len(changed))


def _replace_objectives(conn: Connection, by_pair: Mapping[str, Sequence[Objective]]) -> None:
    """Give each pair exactly these objectives, in bulk: one delete per chunk, one insert."""
    rows = []
    for pair_id, objectives in by_pair.items():
        ids = [o.id for o in objectives]
        if len(set(ids)) != len(ids):
            raise StoreError(f"pair {pair_id}: two objectives share an id; give each its own")
        rows += objective_rows(pair_id, objectives)
    for batch in chunks(by_pair):
        conn.execute(OBJ.delete().where(OBJ.c.pair_id.in_(batch)))
    if rows:
        conn.execute(OBJ.insert(), rows)


def _open_commitments(conn: Connection, pair_id: str) -> list[Commitment]:
    query = select(C.c.id, C.c.owner, C.c.text, C.c.due, C.c.status).where(
        C.c.pair_id == pair_id, C.c.status == "open"
    )
    return [Commitment(**row) for row in conn.execute(query.order_by(C.c.id)).mappings()]
