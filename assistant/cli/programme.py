"""What the programme commands share: opening the store and turning its errors into messages."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from assistant.store import Store


class Day(click.DateTime):
    """A YYYY-MM-DD option within the dates rmcoach accepts (see `models.check_day`)."""

    def __init__(self) -> None:
        super().__init__(formats=["%Y-%m-%d"])

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from assistant.models import check_day

        day = super().convert(value, param, ctx)
        try:
            check_day(day.date())
        except ValueError as error:
            self.fail(str(error), param, ctx)
        return day


def open_store() -> "Store":
    from assistant.store import Store

    return Store.open()


@contextmanager
def store_errors() -> Iterator[None]:
    """Show a StoreError as a message and exit 1, never a traceback."""
    from assistant.store import StoreError

    try:
        yield
    except StoreError as error:
        raise click.ClickException(str(error)) from error


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
