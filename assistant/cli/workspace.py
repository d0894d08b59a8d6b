"""How a command opens the workspace and runs a use case: one way for every command on it.

Imports only click and the standard library at the top; the workspace loads inside.
"""

from collections.abc import Awaitable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

import click

from assistant.cli.errors import shown

if TYPE_CHECKING:
    from assistant.workspace.workspace import Workspace

T = TypeVar("T")


def open_workspace(today: date | None = None) -> "Workspace":
    """The workspace over the configured settings; `today` fixes its clock (`--today`)."""
    from assistant.config import load_settings
    from assistant.workspace.clock import Clock
    from assistant.workspace.workspace import Workspace

    with shown():
        return Workspace(load_settings(), Clock(today))


def run(use_case: Awaitable[T]) -> T:
    """Run one use case to the end; its errors become the command's message and exit code."""
    import asyncio

    with shown():
        return asyncio.run(_awaited(use_case))


async def _awaited(use_case: Awaitable[T]) -> T:
    return await use_case


async def guidance_ready(workspace: "Workspace") -> None:
    """Build the guidance store on first use, saying so: plans and answers are built from it."""
    if not (await workspace.guidance_status()).ready:
        click.echo("Building the guidance store (first run, about half a minute)...", err=True)
        await workspace.prepare_guidance()
