"""Text from people, shown on a terminal as the characters they typed and nothing more.

Names, commitments and notes come from CSV files, JSON files and other people's keyboards. A raw
ESC in one can recolour, move or clear the reader's terminal, a bidirectional override can make
a line read backwards, and `[red]` would be taken as markup by Rich and Textual. Everything a
command or the app shows from the store goes through `printable` first; control characters come
out as visible escapes (`\\x1b`, `\\u202e`), so a bad value can still be found and fixed.

For markup: in the command line, hand Rich a `rich.text.Text(printable(value))`, never a string;
in the app, `Static(printable(value), markup=False)`, `Content(printable(value))`, or
`Content.from_markup("[b]$name[/b]", name=printable(value))`, which substitutes as plain text.
`markup_escape` is for the rare place in the app that only takes a Textual markup string.
"""

import re

# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(...), @SUM...).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")

# C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
_OTHER_CONTROLS = "\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_ONE_LINE = re.compile(f"[\x00-\x1f{_OTHER_CONTROLS}]")
_MULTILINE = re.compile(f"[\x00-\x08\x0b-\x1f{_OTHER_CONTROLS}]")  # keeps tab and newline


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, multiline: bool = False) -> str:
    """`text` with every control character shown as an escape; tabs and newlines too unless
    `multiline` (for free text printed on lines of its own)."""
    pattern = _MULTILINE if multiline else _ONE_LINE
    return pattern.sub(_visible, text)


def markup_escape(text: str) -> str:
    """`printable(text)` made safe inside Textual markup: every `[` is escaped, and a trailing
    backslash, which would escape the tag after it, is shown as `\\x5c`. (Rich reads
    backslashes differently: in the command line, print `Text` objects instead.)"""
    safe = printable(text).replace("[", "\\[")
    return safe[:-1] + "\\x5c" if safe.endswith("\\") else safe


def csv_cell(value: str) -> str:
    """`value` as a CSV cell a spreadsheet will not run: one starting like a formula gets a
    leading `'`, which spreadsheets show as text. A plain negative number is left as it is."""
    if value.startswith(_FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value
