"""The programme's people as far as this connection may read them.

A local (SQLite) store, a coordinator and the database owner read whole rows of `participants`.
On a shared (PostgreSQL) store a leader or mentor holds SELECT on the card columns alone
(`access_sql.CARD`: name, department, side, grade, left date) for themselves and the other sides
of their pairs, and reads their own whole row through the `my_participant` view. Another
person's other fields (e-mail, consent, goals, skills, manager...) are never read, so their
model keeps the defaults: no e-mail, no goals.
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, RowMapping, Select, column, select, table, text

from assistant.models import Participant
from assistant.store import schema
from assistant.store.access_sql import CARD
from assistant.store.rows import chunks, participant_from_row

P = schema.participants
MINE = table("my_participant", *(column(c.name, c.type) for c in P.columns))
"""The signed-in participant's own row (`access_sql._own_row`); PostgreSQL only."""


def reads_whole_rows(conn: Connection) -> bool:
    """Whether this connection may read every column of `participants` (of the rows it sees)."""
    if conn.dialect.name != "postgresql":
        return True
    return bool(conn.scalar(text("SELECT has_table_privilege('participants', 'SELECT')")))


def read_people(
    conn: Connection,
    whole_rows: bool,
    ids: Sequence[str] | None = None,
    cohort: str | None = None,
) -> dict[str, Participant]:
    """The people among `ids` (everyone visible, when None), by id, ordered by id."""
    if whole_rows:
        found = _rows(conn, select(P), ids, cohort)
        return {row["id"]: participant_from_row(row) for row in found}
    own = {row["id"]: participant_from_row(row) for row in conn.execute(select(MINE)).mappings()}
    cards = _rows(conn, select(*(P.c[name] for name in CARD)), ids, cohort)
    people = {row["id"]: own.get(row["id"]) or _from_card(row) for row in cards}
    return dict(sorted(people.items()))


def _rows(
    conn: Connection, query: Select[Any], ids: Sequence[str] | None, cohort: str | None
) -> list[RowMapping]:
    if cohort is not None:
        # Not on the card: on a shared store only a coordinator's connection may filter by it.
        query = query.where(P.c.cohort == cohort)
    if ids is None:
        return list(conn.execute(query.order_by(P.c.id)).mappings())
    found: list[RowMapping] = []
    for batch in chunks(sorted(set(ids))):
        found += conn.execute(query.where(P.c.id.in_(batch)).order_by(P.c.id)).mappings()
    return found


def _from_card(row: RowMapping) -> Participant:
    fields = dict(row)
    fields["left"] = fields.pop("left_on")
    return Participant.model_validate(fields)
