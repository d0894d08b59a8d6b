"""A table whose last column takes the width the others leave, so nothing runs off its edge.

A DataTable sizes every column to its longest cell and lets the rest scroll out of sight: an
agenda title or a reason cut mid-word, with nothing to say so. Here the first columns keep their
content's width and the last one gets what is left: its text wraps onto more lines (`wrap`), or is
cut with an ellipsis. The columns are fitted again whenever the table's width changes (a scroll
bar appearing beside it is enough).
"""

import textwrap
from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CursorType

MIN_LAST_WIDTH = 16


class FittedTable(DataTable[Text]):
    def __init__(
        self,
        *,
        wrap: bool,
        id: str | None = None,
        cursor_type: CursorType = "cell",
        zebra_stripes: bool = False,
    ) -> None:
        super().__init__(id=id, cursor_type=cursor_type, zebra_stripes=zebra_stripes)
        self.wrap = wrap
        self._headings: list[str] = []
        self._rows: list[tuple[str, ...]] = []
        self._fitted_to = 0

    def fill(self, headings: list[str], rows: Sequence[tuple[str, ...]]) -> None:
        """Show `rows` under `headings`; a cell may hold several lines."""
        self._headings, self._rows = headings, list(rows)
        self._fit()

    def on_resize(self) -> None:
        if self._headings and self.scrollable_content_region.width != self._fitted_to:
            self._fit()

    def _fit(self) -> None:
        row = self.cursor_row
        self.clear(columns=True)
        self._fitted_to = self.scrollable_content_region.width
        widths = self._widths()
        for heading, width in zip(self._headings, widths, strict=True):
            self.add_column(heading, width=width)
        for cells in self._rows:
            if self.wrap:
                lined_up = aligned(cells, widths)
                self.add_row(*(Text(cell, overflow="fold") for cell in lined_up), height=None)
            else:
                self.add_row(*(Text(cell, no_wrap=True, overflow="ellipsis") for cell in cells))
        if self._rows:
            self.move_cursor(row=min(row, len(self._rows) - 1))

    def _widths(self) -> list[int]:
        first = [
            max(
                len(line)
                for cell in (heading, *(r[i] for r in self._rows))
                for line in cell.split("\n")
            )
            for i, heading in enumerate(self._headings[:-1])
        ]
        padding = 2 * self.cell_padding * len(self._headings)
        return [*first, max(MIN_LAST_WIDTH, self._fitted_to - sum(first) - padding)]


def aligned(cells: tuple[str, ...], widths: list[int]) -> tuple[str, ...]:
    """Wrap each cell to its column and pad it, so line j of every cell starts on one row.

    A reason and its explanation sit side by side: when an explanation wraps onto two rows, the
    reasons column gets a blank row there, or the next reason would stand beside the wrong text.
    """
    columns = [cell.split("\n") for cell in cells]
    out: list[list[str]] = [[] for _ in cells]
    for j in range(max(len(lines) for lines in columns)):
        parts = [
            textwrap.wrap(lines[j], width) or [""] if j < len(lines) else [""]
            for lines, width in zip(columns, widths, strict=True)
        ]
        height = max(len(part) for part in parts)
        for column, part in zip(out, parts, strict=True):
            column.extend(part + [""] * (height - len(part)))
    return tuple("\n".join(column).rstrip("\n") for column in out)
