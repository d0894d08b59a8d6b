"""What a pair must satisfy when it is written, checked in the transaction that writes it.

The people's rows are locked first (SQLite's write lock, PostgreSQL's `FOR UPDATE`), so a roster
import that changes someone's role, or another pairs import, waits until this one has
committed and then sees its pairs: a mentor who has just become a leader can never be left
mentoring.
"""

from collections.abc import Sequence

from sqlalchemy import Connection, or_, select

from assistant.models import Pair
from assistant.store import schema
from assistant.store.busy import lock_for_writing
from assistant.store.errors import NotFound, StoreError
from assistant.store.rows import chunks

P, PR = schema.participants, schema.pairs


def check_pairs(conn: Connection, pairs: Sequence[Pair]) -> None:
    """Each side's role is right, and no one is in two active pairs (matching's rule)."""
    lock_for_writing(conn)
    ids = {person for pair in pairs for person in (pair.leader_id, pair.mentor_id)}
    _check_roles(pairs, _locked_roles(conn, ids))
    _check_one_active_pair(pairs, _active_pairs(conn, ids))


def _locked_roles(conn: Connection, ids: set[str]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for batch in chunks(sorted(ids)):  # one order, so two imports never lock in a cycle
        query = select(P.c.id, P.c.role).where(P.c.id.in_(batch)).order_by(P.c.id)
        roles.update((row.id, row.role) for row in conn.execute(query.with_for_update()))
    return roles


def _check_roles(pairs: Sequence[Pair], roles: dict[str, str]) -> None:
    for pair in pairs:
        for person, role in ((pair.leader_id, "leader"), (pair.mentor_id, "mentor")):
            if person not in roles:
                raise NotFound(
                    f"pair {pair.id}: no participant {person!r}; import the roster first"
                )
            if roles[person] != role:
                raise StoreError(f"pair {pair.id}: {person} is a {roles[person]}, not a {role}")


def _active_pairs(conn: Connection, ids: set[str]) -> dict[str, str]:
    """Person -> the stored active pair they are in."""
    found: dict[str, str] = {}
    for batch in chunks(sorted(ids)):
        query = select(PR.c.id, PR.c.leader_id, PR.c.mentor_id).where(
            PR.c.status == "active", or_(PR.c.leader_id.in_(batch), PR.c.mentor_id.in_(batch))
        )
        for row in conn.execute(query):
            found[row.leader_id], found[row.mentor_id] = row.id, row.id
    return found


def _check_one_active_pair(pairs: Sequence[Pair], stored: dict[str, str]) -> None:
    written = {pair.id for pair in pairs}
    # What stays active once these pairs are written: the stored ones not rewritten, then these.
    active = {person: pair_id for person, pair_id in stored.items() if pair_id not in written}
    for pair in pairs:
        if pair.status != "active":
            continue
        for person in (pair.leader_id, pair.mentor_id):
            other = active.setdefault(person, pair.id)
            if other != pair.id:
                raise StoreError(
                    f"pair {pair.id}: {person} is already in active pair {other}, and each "
                    f"person is in one active pair at a time (as matching pairs them); "
                    f"pause or close {other} first"
                )
