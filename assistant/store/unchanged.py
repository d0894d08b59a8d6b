"""Whether a roster row says what the store already holds, without building a Participant.

Re-importing an unchanged roster is the common case (a coordinator exports the HR file every
week). Checking such a row with pydantic and comparing the model costs far more than comparing
its cells with the stored row, so each cell is compared with the stored value written as a
file would write it. A row that matches holds only values the store accepted before, so it
needs no check and no write; any other spelling (`Yes` for `yes`, `07` for `7`) is not a match
and takes the full path, which checks it and still finds it unchanged.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from assistant.store.csvfile import split_list

_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def _same_text(cell: str, stored: Any) -> bool:
    return cell == stored


def _same_number(cell: str, stored: Any) -> bool:
    return cell == str(stored)


def _same_optional(cell: str, stored: Any) -> bool:
    return (cell or None) == stored


def _same_list(cell: str, stored: Any) -> bool:
    return split_list(cell) == stored


def _same_flag(cell: str, stored: Any) -> bool:
    return cell.lower() in (_TRUE if stored else _FALSE)


def _same_day(cell: str, stored: Any) -> bool:
    return isinstance(stored, date) and cell == stored.isoformat()


# Per file column: the stored column it fills, and how a cell equals it. An empty cell in these
# columns keeps what the store holds (see imports.py), so it matches whatever is stored.
_KEPT_WHEN_EMPTY = {"cohort", "joined", "left", "consent", "email"}
_COLUMNS: dict[str, tuple[str, Callable[[str, Any], bool]]] = {
    "id": ("id", _same_text),
    "name": ("name", _same_text),
    "role": ("role", _same_text),
    "department": ("department", _same_text),
    "level": ("level", _same_number),
    "manager_id": ("manager_id", _same_optional),
    "skills": ("skills", _same_list),
    "interests": ("interests", _same_list),
    "goals": ("goals", _same_list),
    "availability": ("availability", _same_list),
    "cohort": ("cohort", _same_text),
    "joined": ("joined_on", _same_day),
    "left": ("left_on", _same_day),
    "consent": ("consent_to_share", _same_flag),
    "email": ("email", _same_text),
}


def compared_columns() -> set[str]:
    return set(_COLUMNS)


def unchanged(cells: dict[str, str], stored: dict[str, Any] | None) -> bool:
    """True when every cell reads as the stored participant's value: nothing to check or write."""
    if stored is None:
        return False
    for column, cell in cells.items():
        if not cell and column in _KEPT_WHEN_EMPTY:
            continue
        name, same = _COLUMNS[column]
        if not same(cell, stored[name]):
            return False
    return True
