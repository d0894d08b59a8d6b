"""`rmcoach knowledge`: build the guidance store and search it.

Only click and the standard library load at import: `rmcoach --help` imports this module to list
its commands. Chroma, the embedding model and rich load inside the commands.
"""

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from assistant.knowledge import GuidanceHit, IngestReport, KnowledgeBase

_SNIPPET_CHARACTERS = 280


@click.group()
def knowledge() -> None:
    """Build and search the guidance store: the knowledge documents, chunked and embedded locally.

    \b
    Examples:
      rmcoach knowledge ingest                 # (re)build from the bundled documents
      rmcoach knowledge ingest ./our-guides    # or from a folder of your own
      rmcoach knowledge search "how do I give feedback to a director?"
    """


@knowledge.command()
@click.argument(
    "path",
    required=False,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
def ingest(path: Path | None) -> None:
    """Build or update the guidance store from the *.md files under PATH.

    The store mirrors PATH (default: the bundled knowledge). Each document needs
    front matter with a title, an audience (leader, mentor, coordinator) and topics. Only new or
    changed sections are embedded, and sections of documents no longer there are removed.
    A document with bad front matter is skipped with a message saying where and why; the command
    fails only if nothing could be ingested.

    \b
    Example:
      rmcoach knowledge ingest ./knowledge
    """
    from assistant import locations

    source = path or locations.bundled_knowledge()
    started = time.perf_counter()
    with _readable_errors():
        report = _run_ingest(_knowledge_base(), source)
    for problem in report.problems:
        click.echo(f"skipped {problem}", err=True)
    if not report.documents_ingested and not report.problems:
        raise click.ClickException(f"found no *.md documents under {source}")
    if not report.documents_ingested:
        raise click.ClickException(f"no document under {source} could be ingested; fix the above")
    click.echo(_describe(report, source, time.perf_counter() - started))


@knowledge.command()
@click.argument("query", required=False)
@click.option(
    "-k", "k", type=click.IntRange(1, 50), default=5, show_default=True, help="How many sections."
)
@click.option(
    "--audience",
    callback=lambda _ctx, _param, value: _known(value, "ROLES"),
    help="Only guidance for this role: leader, mentor or coordinator.",
)
@click.option(
    "--topic",
    callback=lambda _ctx, _param, value: _known(value, "TOPICS"),
    help="Only guidance on this topic, e.g. feedback or matching.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of hits.")
@click.option(
    "--stdin",
    "from_stdin",
    is_flag=True,
    help="Read one query per line; print one JSON array per line.",
)
def search(
    query: str | None,
    k: int,
    audience: str | None,
    topic: str | None,
    as_json: bool,
    from_stdin: bool,
) -> None:
    """Find the sections of guidance that best answer QUERY, best first.

    The first search on an empty store ingests the bundled knowledge first.

    \b
    Examples:
      rmcoach knowledge search "my leader keeps cancelling our sessions"
      rmcoach knowledge search "how do we match pairs?" --audience coordinator -k 3
      rmcoach knowledge search "closing session agenda" --json
      printf 'first question\\nsecond question\\n' | rmcoach knowledge search --stdin
    """
    if (query is None) == (not from_stdin):
        raise click.UsageError("give either a QUERY or --stdin, not both or neither")
    with _readable_errors():
        kb = _knowledge_base()
        interrupted = kb.unfinished_ingest()
        if interrupted or kb.is_empty():
            from assistant import locations

            source = locations.bundled_knowledge()
            if interrupted and interrupted.is_dir():
                source = interrupted
                click.echo(f"The last ingest of {source} did not finish: finishing it.", err=True)
            else:
                click.echo(
                    "The guidance store is empty: ingesting the bundled knowledge first.", err=True
                )
            _run_ingest(kb, source)
        if from_stdin:
            for line in sys.stdin:
                hits = kb.search(line.strip(), k, audience, topic) if line.strip() else []
                click.echo(json.dumps([hit.model_dump() for hit in hits], ensure_ascii=False))
            return
        hits = kb.search(query or "", k, audience, topic)
    if as_json:
        click.echo(json.dumps([hit.model_dump() for hit in hits], indent=2, ensure_ascii=False))
    else:
        _print_hits(hits)


def _known(value: str | None, vocabulary: str) -> str | None:
    """Check --audience / --topic before any work; the vocabularies live in assistant.models."""
    from assistant import models

    allowed: tuple[str, ...] = getattr(models, vocabulary)
    if value is not None and value not in allowed:
        raise click.BadParameter(f"{value!r} is not one of: {', '.join(allowed)}")
    return value


@contextmanager
def _readable_errors() -> Iterator[None]:
    """A broken install or an unreadable store becomes a message, not a traceback."""
    from assistant.embeddings import EmbeddingModelError
    from assistant.tokenizer import TokenizerDataError

    try:
        yield
    except (EmbeddingModelError, TokenizerDataError, OSError) as error:
        raise click.ClickException(str(error)) from error


def _knowledge_base() -> "KnowledgeBase":
    from assistant.config import load_settings
    from assistant.knowledge import KnowledgeBase

    return KnowledgeBase.configured(load_settings())


def _run_ingest(kb: "KnowledgeBase", source: Path) -> "IngestReport":
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    if not console.is_terminal:  # piped or in CI: no bar, not even the blank line rich leaves
        return kb.ingest(source)
    columns = (
        TextColumn("Embedding sections"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("embed", total=None)
        return kb.ingest(
            source, progress=lambda done, total: bar.update(task, completed=done, total=total)
        )


def _describe(report: "IngestReport", source: Path, seconds: float) -> str:
    counts = (
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.removed} removed"
    )
    work = f"{report.chunks_embedded} sections embedded, {report.chunks_deleted} deleted"
    if report.chunks_precomputed:
        work += f"; {report.chunks_precomputed} vectors came precomputed with rmcoach"
    return (
        f"Ingested {report.documents_ingested} documents from {source}: {counts} "
        f"({work}) in {seconds:.1f} s."
    )


def _print_hits(hits: "list[GuidanceHit]") -> None:
    if not hits:
        click.echo("No guidance matched. Try other words, or drop --audience / --topic.")
    for rank, hit in enumerate(hits, 1):
        click.echo(click.style(f"{rank}. {hit.heading}", bold=True) + f"  (score {hit.score:.2f})")
        click.echo(
            click.style(
                f"   {hit.doc} · for {', '.join(hit.audience)} · {', '.join(hit.topics)}", dim=True
            )
        )
        click.echo(f"   {_snippet(hit.text)}\n")


def _snippet(text: str) -> str:
    flat = " ".join(text.replace("#", "").replace("**", "").split())
    if len(flat) <= _SNIPPET_CHARACTERS:
        return flat
    return flat[:_SNIPPET_CHARACTERS].rsplit(" ", 1)[0] + " …"
