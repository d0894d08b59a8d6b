"""What the programme commands not yet on the workspace share: opening the store and turning its
errors into messages. (Printing and asking live in `output.py`, re-exported here meanwhile.)"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from assistant.cli.errors import NOT_PERMITTED
from assistant.cli.output import confirm, print_json, print_table, say

if TYPE_CHECKING:
    from assistant.access import Identity
    from assistant.store import Store

__all__ = ["NOT_PERMITTED", "confirm", "print_json", "print_table", "say"]


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


class NotPermittedError(click.ClickException):
    exit_code = NOT_PERMITTED


def open_store(command: str | None = None) -> "Store":
    """The store, after checking that the signed-in person may run `command` (see access/rules)."""
    return open_as(command)[0]


def open_as(command: str | None = None) -> "tuple[Store, Identity]":
    """The store and who is signed in, refusing `command` outside their role (exit 4).

    Without a `command`, only a shared store's login with no access at all is refused.
    """
    from assistant.access import NotPermitted, require, signed_in
    from assistant.config import load_settings
    from assistant.store import Store

    settings = load_settings()
    store = Store.open(settings)
    identity = signed_in(store, settings)
    try:
        require(identity, command)
    except NotPermitted as error:
        raise NotPermittedError(str(error)) from error
    return store, identity


def open_identity() -> "tuple[Store, Identity]":
    """The store and who is signed in, for `whoami`, which everyone may run."""
    from assistant.access import signed_in
    from assistant.config import load_settings
    from assistant.store import Store

    settings = load_settings()
    store = Store.open(settings)
    return store, signed_in(store, settings)


@contextmanager
def store_errors() -> Iterator[None]:
    """Show a StoreError as a message and exit 1, a refusal by the database's grants and
    policies as one and exit 4; never a traceback."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    from assistant.store import StoreError
    from assistant.store.errors import refused_by_database

    try:
        yield
    except StoreError as error:
        raise click.ClickException(str(error)) from error
    except OperationalError as error:
        # Cannot connect: a wrong host, a login the server does not know, a bad password.
        reason = str(error.orig).strip().splitlines()[-1]
        raise click.ClickException(f"cannot reach the programme database: {reason}") from error
    except DBAPIError as error:
        if not refused_by_database(error):
            raise
        reason = error.orig.diag.message_primary  # type: ignore[union-attr]
        raise NotPermittedError(f"the database refused: {reason}") from error
