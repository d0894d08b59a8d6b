"""The options many commands share, parsed one way: dates (`--today`, `--since`, ...).

A date is `YYYY-MM-DD` within the years rmcoach accepts, parsed by the workspace's
`parse_day`, so a command, the app and a JSON file refuse the same dates with the same words.
"""

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class Day(click.ParamType):
    """A `YYYY-MM-DD` option or argument, given to the command as a `date`."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from assistant.workspace.clock import parse_day
        from assistant.workspace.errors import InvalidInput

        try:
            return parse_day(str(value), what=str(value))
        except InvalidInput as error:
            message = error.message.removeprefix(f"{value}: ")
            self.fail(f"{message}; {error.hint}" if error.hint else message, param, ctx)


def today_option(help: str = "Act as of this date (default: today).") -> Callable[[F], F]:
    """`--today YYYY-MM-DD`: fixes the workspace's clock for this run (None: the wall clock)."""
    return click.option("--today", type=Day(), default=None, metavar="YYYY-MM-DD", help=help)
