"""A SelectionList whose ticked rows show a tick and unticked rows an empty box.

Textual draws the same X in every row and tells ticked from unticked by colour alone, which
some themes and terminals barely show; the glyph itself says it here.
"""

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList

TICKED, UNTICKED = "✓", " "


class TickList(SelectionList[str]):
    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        segments = list(line)
        index = self.scroll_offset.y + y
        if len(segments) < 4 or index >= self.option_count:
            return line
        value = self.get_option_at_index(index).value
        glyph = TICKED if value in self.selected else UNTICKED
        segments[1] = Segment(glyph, segments[1].style)
        return Strip(segments, line.cell_length)
