"""How commands print and ask: lines and tables that show people's text as text, JSON, and
the confirmation a deleting command asks for."""

from typing import Any

import click


def say(line: str = "") -> None:
    """Print a line that quotes names or free text, with any control character shown escaped."""
    from assistant.safe_text import printable

    click.echo(printable(line, multiline=True))


def print_json(items: list[Any]) -> None:
    import json

    click.echo(
        json.dumps([item.model_dump(mode="json") for item in items], indent=2, ensure_ascii=False)
    )


def print_table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    """Cells are shown as the text they hold: never read as markup, control characters escaped."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from assistant.safe_text import printable

    table = Table(title=Text(printable(title)), title_justify="left")
    for index, column in enumerate(columns):
        table.add_column(column, overflow="fold", no_wrap=index == 0)
    for row in rows:
        table.add_row(*(Text(printable(cell)) for cell in row))
    Console().print(table)


def confirm(what: str, yes: bool) -> None:
    """Ask before deleting, on a terminal; elsewhere (a script, CI) only --yes goes ahead."""
    import sys

    if yes:
        return
    if not sys.stdin.isatty():
        raise click.UsageError(f"{what}; add --yes to go ahead, as there is no one here to ask")
    click.confirm(f"{what}. Go ahead?", abort=True)
