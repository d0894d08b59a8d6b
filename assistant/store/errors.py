"""Errors the store raises, and pydantic's complaints put into plain words with a field path."""

from dataclasses import dataclass

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from assistant.models import EMAIL_PATTERN


class StoreError(Exception):
    """Something the person can fix; the message says what and where."""


def refused_by_database(error: Exception) -> bool:
    """True when PostgreSQL's grants or policies said no: insufficient privilege (42501), or no
    schema usable (3F000), which is how a schema without USAGE for this login looks."""
    return getattr(getattr(error, "orig", None), "sqlstate", None) in ("42501", "3F000")


class NotFound(StoreError):
    """A pair, participant or commitment that is not in the store."""


@dataclass(frozen=True)
class FieldError:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class SessionConflict(StoreError):
    """A debrief that contradicts the session already recorded for that pair and day."""

    def __init__(self, where: str, conflicts: list[FieldError]) -> None:
        listed = "\n".join(f"  {conflict}" for conflict in conflicts)
        super().__init__(
            f"{where}: this summary contradicts the session already recorded that day, "
            f"so nothing was written:\n{listed}\n"
            "What a side recorded is never overwritten: leave those fields out, or give the "
            "recorded values."
        )
        self.conflicts = conflicts


_EXCERPT = 40


def excerpt(value: object) -> str:
    """`repr(value)`, cut to a short excerpt that says how long the whole is: an error must point
    at a bad value, never echo a 10 MB one."""
    shown = repr(value)
    if len(shown) <= _EXCERPT:
        return shown
    size = len(value) if isinstance(value, str) else len(shown)
    return f"{shown[:_EXCERPT]}... ({size:,} characters)"


_ID_RULE = "use only letters, digits, '.', '_' and '-', starting with a letter or digit"


def field_path(loc: tuple[int | str, ...]) -> str:
    """('commitments', 1, 'due') -> 'commitments[1].due'."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def plain_reason(error: ErrorDetails) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    if kind in (
        "date_parsing",
        "date_from_datetime_parsing",
        "date_type",
        "date_from_datetime_inexact",
    ):
        return f"invalid date {excerpt(error['input'])} (write it as YYYY-MM-DD)"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{excerpt(error['input'])} is not a whole number"
    if kind == "bool_parsing":
        return f"{excerpt(error['input'])} is neither yes nor no"
    if kind == "missing":
        return "missing (this field is required)"
    if kind == "extra_forbidden":
        return "unknown field (check its spelling)"
    if kind == "greater_than_equal":
        return f"{excerpt(error['input'])} is too small: the least allowed is {ctx['ge']}"
    if kind == "less_than_equal":
        return f"{excerpt(error['input'])} is too large: the most allowed is {ctx['le']}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == EMAIL_PATTERN:
        return f"{excerpt(error['input'])} is not an e-mail address (write it as name@example.org)"
    if kind == "string_pattern_mismatch":
        return f"{excerpt(error['input'])} is not a valid id: {_ID_RULE}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"too long: at most {ctx['max_length']} characters"
    if kind == "literal_error":
        return f"{excerpt(error['input'])} is not one of {ctx['expected']}"
    if kind == "too_long":
        return f"too many: at most {ctx['max_length']}"
    return _shortened(error["msg"].removeprefix("Value error, "))


def _shortened(message: str) -> str:
    # A validator's own message may quote the whole value (`{text!r}`): keep it readable.
    return message if len(message) <= 300 else f"{message[:300]}... ({len(message):,} characters)"


def plain_errors(error: ValidationError, rename: dict[str, str] | None = None) -> list[FieldError]:
    """Each problem with its field path; `rename` maps field names to the names people typed."""
    rename = rename or {}
    found = []
    for detail in error.errors():
        loc = tuple(detail["loc"])
        if loc and isinstance(loc[0], str):
            loc = (rename.get(loc[0], loc[0]), *loc[1:])
        found.append(FieldError(field_path(loc), plain_reason(detail)))
    return found
