"""What the coaching commands share: opening the Coach, and its errors as messages, not tracebacks.

Imports only click at the top; the coach and everything under it load inside the functions.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from assistant.agent.coach import Coach


def open_coach() -> "Coach":
    """The coach over the configured store and guidance; builds the guidance store on first use."""
    from assistant.agent.coach import Coach
    from assistant.config import load_settings
    from assistant.knowledge import KnowledgeBase
    from assistant.store import Store

    settings = load_settings()
    knowledge = KnowledgeBase.configured(settings)
    if knowledge.unfinished_ingest():
        click.echo("The last guidance ingest did not finish: finishing it first...", err=True)
    elif not knowledge.sections():
        click.echo("Building the guidance store (first run, about half a minute)...", err=True)
    knowledge.ensure_ingested()
    return Coach(settings, Store.open(settings), knowledge)


@contextmanager
def coach_errors() -> Iterator[None]:
    """Show what went wrong and what to do, and exit 1."""
    from assistant.agent.guide.guidebook import GuidanceMissing
    from assistant.agent.templates import PromptError
    from assistant.embeddings import EmbeddingModelError
    from assistant.store import StoreError
    from assistant.tokenizer import TokenizerDataError

    try:
        yield
    except (StoreError, GuidanceMissing, PromptError) as error:
        raise click.ClickException(str(error)) from error
    except (EmbeddingModelError, TokenizerDataError) as error:
        raise click.ClickException(f"{error}. Reinstall rmcoach with `make run`.") from error
