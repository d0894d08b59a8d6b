"""`render(report, format)`: the report as text in one of four formats.

- `table`: for people at a terminal; aligned columns, units, bars and sparklines.
- `json`: stable, for tools (see the README's "Reports" section and `SCHEMA_VERSION`).
- `csv`: one flat table of metric,breakdown,period,value rows (see `flat.py`).
- `md`: the table format's sections as markdown, for pasting into a document.
"""

import csv
import io
from typing import Literal, get_args

from assistant.reports.flat import COLUMNS, flat_rows
from assistant.reports.model import ProgrammeReport
from assistant.reports.sections import TextSection, header, sections
from assistant.safe_text import csv_cell

Format = Literal["table", "json", "csv", "md"]
FORMATS: tuple[str, ...] = get_args(Format)


def render(report: ProgrammeReport, format: Format, width: int = 100) -> str:
    """The report in `format`; `width` only shapes the table format."""
    match format:
        case "json":
            return report.model_dump_json(indent=2) + "\n"
        case "csv":
            return _csv(report)
        case "md":
            return _markdown(report)
        case "table":
            return _table(report, width)
    raise ValueError(f"unknown report format {format!r}; choose one of {', '.join(FORMATS)}")


def _csv(report: ProgrammeReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows([csv_cell(cell) for cell in row] for row in flat_rows(report))
    return out.getvalue()


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|").replace("\n", "; ") for cell in cells) + " |"


def _md_section(section: TextSection) -> list[str]:
    lines = [f"## {section.title}", ""]
    if section.rows:
        text = section.text_columns
        lines += [
            _md_row(section.columns),
            _md_row(["---"] * text + ["---:"] * (len(section.columns) - text)),
        ]
        lines += [_md_row(row) for row in section.rows]
        lines.append("")
    lines += [f"_{note}_" for note in section.notes]
    return [*lines, ""] if section.notes else lines


def _markdown(report: ProgrammeReport) -> str:
    title, legend = header(report)
    lines = [f"# {title}", "", legend, ""]
    for section in sections(report):
        lines += _md_section(section)
    return "\n".join(lines).rstrip() + "\n"


def _table(report: ProgrammeReport, width: int) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, highlight=False, emoji=False)
    title, legend = header(report)
    console.print(Text(title))
    console.print(Text(legend))
    for section in sections(report, width):
        console.print()
        console.print(Text(section.title))
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
        for index, column in enumerate(section.columns):
            text = index < section.text_columns
            table.add_column(column, justify="left" if text else "right", overflow="fold")
        for row in section.rows:
            table.add_row(*(Text(cell) for cell in row))
        if section.rows:
            console.print(table)
        for note in section.notes:
            console.print(Text(f"  {note}"))
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"
