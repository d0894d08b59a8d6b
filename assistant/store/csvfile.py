"""Reading a CSV file into rows that remember their line, with errors a person can act on."""

import csv
from _csv import Reader  # the type csv.reader() returns; the csv module does not name it
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from assistant.store.errors import StoreError, plain_reason


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


class ImportFailed(StoreError):
    """The file had problems; nothing was imported."""

    def __init__(self, path: Path, errors: list[RowError]) -> None:
        self.path, self.errors = path, errors
        count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
        lines = "\n".join(f"  {path.name}: {error}" for error in errors)
        super().__init__(
            f"{path}: {count}, so nothing was imported. Fix these and run it again:\n{lines}"
        )


@dataclass(frozen=True)
class Row:
    line: int
    cells: dict[str, str]
    """Column name -> stripped text, for the columns the file has."""


def read_rows(path: Path, required: tuple[str, ...], optional: tuple[str, ...]) -> list[Row]:
    """The file's data rows; raise ImportFailed when the header or a row's shape is wrong."""
    return [row for batch in row_batches(path, required, optional) for row in batch]


def row_batches(
    path: Path, required: tuple[str, ...], optional: tuple[str, ...], size: int = 0
) -> Iterator[list[Row]]:
    """The file's data rows, `size` at a time (0: all at once), read only as they are needed.

    A row of the wrong shape is reported when the file has been read to its end, with every
    other one: ImportFailed comes after the last batch, so a caller writing batches as they come
    must do so in one transaction.
    """
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            yield from _batches(path, csv.reader(handle), required, optional, size)
    except UnicodeDecodeError as error:
        raise ImportFailed(
            path, [RowError(1, "", f"not UTF-8 text ({error.reason}); save it as CSV UTF-8")]
        ) from error
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror}") from error


def _batches(
    path: Path,
    reader: Reader,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    size: int,
) -> Iterator[list[Row]]:
    header = [name.strip().lower() for name in _next_row(path, reader, 1) or []]
    _check_header(path, header, required, optional)
    rows: list[Row] = []
    errors: list[RowError] = []
    while True:
        line = reader.line_num + 1
        cells = _next_row(path, reader, line)
        if cells is None:
            break
        if not "".join(cells).strip():
            continue
        if len(cells) > len(header):
            errors.append(
                RowError(
                    line, "", f"{len(cells)} cells, but the header names {len(header)} columns"
                )
            )
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append(Row(line, dict(zip(header, map(str.strip, cells), strict=True))))
        if len(rows) == size:
            yield rows
            rows = []
    if errors:
        raise ImportFailed(path, errors)
    if rows:
        yield rows


def _next_row(path: Path, reader: Reader, line: int) -> list[str] | None:
    try:
        return next(reader, None)
    except csv.Error as error:  # a cell over csv.field_size_limit(), a stray NUL
        reason = str(error)
        if "field larger than field limit" in reason:
            reason = f"a cell longer than {csv.field_size_limit():,} characters"
        problem = RowError(line, "", f"{reason}; is this the right file?")
        raise ImportFailed(path, [problem]) from error


def _check_header(
    path: Path, header: list[str], required: tuple[str, ...], optional: tuple[str, ...]
) -> None:
    expected = f"the columns are {', '.join(required)} (optional: {', '.join(optional)})"
    if not header:
        raise ImportFailed(
            path, [RowError(1, "", f"the file is empty; its first line must name {expected}")]
        )
    errors = [
        RowError(1, name, f"column missing; {expected}") for name in required if name not in header
    ]
    errors += [
        RowError(1, name, f"unknown column; {expected}")
        for name in header
        if name not in (*required, *optional)
    ]
    errors += [
        RowError(1, name, "column named twice") for name in set(header) if header.count(name) > 1
    ]
    if errors:
        raise ImportFailed(path, errors)


def row_errors(line: int, error: ValidationError, columns: dict[str, str]) -> list[RowError]:
    """pydantic's complaints about one row, each named by the CSV column it came from."""
    found = []
    for detail in error.errors():
        loc = tuple(detail["loc"])
        reason = plain_reason(detail)
        if len(loc) > 1 and isinstance(loc[1], int):
            reason = f"entry {loc[1] + 1}: {reason}"
        column = columns.get(str(loc[0]), str(loc[0])) if loc else ""
        found.append(RowError(line, column, reason))
    return found


def split_list(text: str) -> list[str]:
    """'a; b;;c' -> ['a', 'b', 'c']: lists in a cell are separated by semicolons."""
    return [item.strip() for item in text.split(";") if item.strip()]
