"""Importing the roster and the pairs from CSV: every row is checked before anything is written.

An optional column that is left out, or a cell left empty, keeps what the store already holds
for that person or pair (and takes the default for a new one). That is what makes importing the
same file twice change nothing, even for a pair whose start date defaulted to the day of import.
"""

import hashlib
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import Connection, or_, select

from assistant.models import Pair, Participant
from assistant.store.busy import lock_for_writing, retried
from assistant.store.csvfile import (
    ImportFailed,
    Row,
    RowError,
    read_rows,
    row_batches,
    row_errors,
    split_list,
)
from assistant.store.rows import chunks
from assistant.store.schema import pairs as PR
from assistant.store.store import ChangeCount, Store, stored_participants, write_participants
from assistant.store.unchanged import unchanged

ROSTER_REQUIRED = (
    "id",
    "name",
    "role",
    "department",
    "level",
    "manager_id",
    "skills",
    "interests",
    "goals",
)
ROSTER_OPTIONAL = ("cohort", "availability", "joined", "left", "consent", "email")
PAIRS_REQUIRED = ("leader_id", "mentor_id")
PAIRS_OPTIONAL = ("id", "cohort", "start_date", "cadence_days", "status")

_LISTS = ("skills", "interests", "goals", "availability")
# Rows checked and written at a time: memory stays flat while the per-query cost stays small.
_BATCH = 5_000


@retried
def import_roster(
    store: Store, path: Path, check_in: Callable[[], None] | None = None
) -> ChangeCount:
    """Check every row of a roster CSV, then create or update those participants.

    The file is read in batches, so a large roster never sits in memory whole: each batch's
    stored people come in one query, and only the new or changed are written. It all happens in
    one transaction, so a problem on any line imports nothing, and re-importing an unchanged
    roster writes nothing. `check_in` is called before each batch: what it raises (a cancelled
    command) rolls the whole import back.
    """
    first_line: dict[str, int] = {}
    errors: list[RowError] = []
    count = ChangeCount()
    with store.engine.begin() as conn:
        lock_for_writing(conn)
        for rows in row_batches(path, ROSTER_REQUIRED, ROSTER_OPTIONAL, _BATCH):
            if check_in is not None:
                check_in()
            # Locked (PostgreSQL) until the end: read the pairs only after.
            known = stored_participants(conn, [row.cells["id"] for row in rows])
            # A row that reads as its stored person needs no check and no write.
            changed = [row for row in rows if not unchanged(row.cells, known.get(row.cells["id"]))]
            count += ChangeCount(unchanged=len(rows) - len(changed))
            sides = _paired_sides(conn, [row.cells["id"] for row in changed])
            people, found = _validate(
                changed, partial(_person, known=known), Participant, {"consent_to_share": "consent"}
            )
            errors += found + _duplicates(rows, lambda row: row.cells["id"], first_line)
            errors += _roster_conflicts(sides, changed, people)
            if not errors:  # after the first problem only checking goes on, to report them all
                valid = [person for person in people.values() if person is not None]
                count += write_participants(conn, valid, known)
        if errors:
            raise ImportFailed(path, sorted(errors, key=lambda e: e.line))
    return count


def import_pairs(store: Store, path: Path, today: date | None = None) -> ChangeCount:
    """Check every row of a pairs CSV against the roster, then create or update those pairs."""
    return store.upsert_pairs(read_pairs(store, path, today or date.today()))


def read_pairs(store: Store, path: Path, today: date) -> list[Pair]:
    rows = read_rows(path, PAIRS_REQUIRED, PAIRS_OPTIONAL)
    people = {p.id: p for p in store.participants()}
    known = {p.id: p for p in store.pairs()}
    pairs, errors = _validate(rows, lambda row: _pair(row, known, people, today), Pair, {})
    errors += _duplicates(rows, _pair_id, {}) + _role_errors(rows, pairs, people)
    if errors:
        raise ImportFailed(path, sorted(errors, key=lambda e: e.line))
    return [pair for pair in pairs.values() if pair is not None]


def _validate(
    rows: list[Row],
    to_fields: Callable[[Row], dict[str, Any]],
    model: type[BaseModel],
    columns: dict[str, str],
) -> tuple[dict[int, Any], list[RowError]]:
    """Each row's model (None when the row is bad) by line, and the errors found."""
    found: dict[int, Any] = {}
    errors: list[RowError] = []
    for row in rows:
        try:
            found[row.line] = model.model_validate(to_fields(row))
        except ValidationError as error:
            found[row.line] = None
            errors += row_errors(row.line, error, columns)
    return found, errors


def _given(row: Row, name: str) -> bool:
    return bool(row.cells.get(name))


def _person(row: Row, known: dict[str, dict[str, Any]]) -> dict[str, Any]:
    cells = row.cells
    fields: dict[str, Any] = {
        name: cells[name] for name in ("id", "name", "role", "department", "level")
    }
    fields["manager_id"] = cells["manager_id"] or None
    fields |= {name: split_list(cells[name]) for name in _LISTS if name in cells}
    fields |= {
        name: cells[name] for name in ("cohort", "joined", "left", "email") if _given(row, name)
    }
    if _given(row, "consent"):
        fields["consent_to_share"] = cells["consent"]  # pydantic reads yes/no, true/false, 1/0
    previous = known.get(cells["id"])
    if previous is not None:
        stored = previous | {"joined": previous["joined_on"], "left": previous["left_on"]}
        fields = {k: v for k, v in stored.items() if k not in ("joined_on", "left_on")} | fields
    return fields


def _pair(
    row: Row, known: dict[str, Pair], people: dict[str, Participant], today: date
) -> dict[str, Any]:
    cells = row.cells
    pair_id = _pair_id(row)
    fields: dict[str, Any] = {
        "id": pair_id,
        "leader_id": cells["leader_id"],
        "mentor_id": cells["mentor_id"],
    }
    fields |= {
        name: cells[name]
        for name in ("cohort", "start_date", "cadence_days", "status")
        if _given(row, name)
    }
    previous = known.get(pair_id)
    if previous is not None:
        return previous.model_dump(exclude={"objectives"}) | fields
    leader = people.get(cells["leader_id"])
    defaults = {"start_date": today, "cohort": leader.cohort if leader else "default"}
    return defaults | fields


def _pair_id(row: Row) -> str:
    return row.cells.get("id") or stable_pair_id(row.cells["leader_id"], row.cells["mentor_id"])


def stable_pair_id(leader_id: str, mentor_id: str) -> str:
    """The id a pair gets when the file gives none: the same two people always get the same id."""
    readable = f"{leader_id}-{mentor_id}"
    if len(readable) <= 64:
        return readable
    return "pair-" + hashlib.sha256(f"{leader_id}\n{mentor_id}".encode()).hexdigest()[:16]


def _duplicates(
    rows: list[Row], key: Callable[[Row], str], first_line: dict[str, int]
) -> list[RowError]:
    """Rows whose id an earlier row used; `first_line` remembers ids across batches."""
    errors = []
    for row in rows:
        item_id = key(row)
        if item_id in first_line:
            reason = f"{item_id!r} is already used on line {first_line[item_id]}"
            errors.append(RowError(row.line, "id", reason))
        first_line.setdefault(item_id, row.line)
    return errors


def _paired_sides(conn: Connection, ids: list[str]) -> dict[str, tuple[str, str]]:
    """Person id -> (their role in a pair, that pair's id), for those of `ids` already paired."""
    sides = {}
    for batch in chunks(sorted(set(ids))):
        query = select(PR.c.id, PR.c.leader_id, PR.c.mentor_id).where(
            or_(PR.c.leader_id.in_(batch), PR.c.mentor_id.in_(batch))
        )
        for pair in conn.execute(query):
            sides[pair.leader_id] = ("leader", pair.id)
            sides[pair.mentor_id] = ("mentor", pair.id)
    return sides


def _roster_conflicts(
    sides: dict[str, tuple[str, str]], rows: list[Row], people: dict[int, Participant | None]
) -> list[RowError]:
    """A manager of oneself, or a new role for someone already paired in their old one."""
    errors = []
    for row in rows:
        person = people[row.line]
        if person is None:
            continue
        if person.manager_id == person.id:
            errors.append(RowError(row.line, "manager_id", "a person cannot be their own manager"))
        role, pair_id = sides.get(person.id, (person.role, ""))
        if role != person.role:
            reason = (
                f"{person.id} is the {role} of pair {pair_id}, so cannot become a {person.role}"
            )
            errors.append(RowError(row.line, "role", reason))
    return errors


def _role_errors(
    rows: list[Row], pairs: dict[int, Pair | None], people: dict[str, Participant]
) -> list[RowError]:
    errors = []
    for row in rows:
        pair = pairs[row.line]
        if pair is None:
            continue
        for column, person_id, role in (
            ("leader_id", pair.leader_id, "leader"),
            ("mentor_id", pair.mentor_id, "mentor"),
        ):
            person = people.get(person_id)
            if person is None:
                reason = f"no participant {person_id!r} in the roster; import the roster first"
                errors.append(RowError(row.line, column, reason))
            elif person.role != role:
                errors.append(
                    RowError(
                        row.line,
                        column,
                        f"{person_id} is a {person.role} in the roster, not a {role}",
                    )
                )
    return errors
