"""`rmcoach knowledge`: build the guidance store, search it, list it, say what state it is in.

Only click and the standard library load at import: `rmcoach --help` imports this module to list
its commands. The workspace (and with it Chroma and the embedding model) and rich load inside
the commands.
"""

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assistant.cli.workspace import open_workspace, run

if TYPE_CHECKING:
    from assistant.workspace.guidance import GuidanceHit, GuidanceStatus, IngestReport
    from assistant.workspace.workspace import Workspace

_SNIPPET_CHARACTERS = 280

# The filters search and list share, checked against the vocabularies before any work.
_audience = click.option(
    "--audience",
    callback=lambda _ctx, _param, value: _known(value, "ROLES"),
    help="Only guidance for this role: leader, mentor or coordinator.",
)
_topic = click.option(
    "--topic",
    callback=lambda _ctx, _param, value: _known(value, "TOPICS"),
    help="Only guidance on this topic, e.g. feedback or matching.",
)


@click.group()
def knowledge() -> None:
    """Build and search the guidance store: the knowledge documents, chunked and embedded locally.

    \b
    Examples:
      rmcoach knowledge ingest                 # (re)build from the bundled documents
      rmcoach knowledge ingest ./our-guides    # or from a folder of your own
      rmcoach knowledge search "how do I give feedback to a director?"
      rmcoach knowledge list --topic feedback   # browse the sections
      rmcoach knowledge status                 # where it is, what it holds
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
    report = run(_ingest(open_workspace(), source))
    for problem in report.problems:
        click.echo(f"skipped {problem}", err=True)
    click.echo(_describe(report, source, time.perf_counter() - started))


@knowledge.command()
@click.argument("query", required=False)
@click.option(
    "-k", "k", type=click.IntRange(1, 50), default=5, show_default=True, help="How many sections."
)
@_audience
@_topic
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
    workspace = open_workspace()
    if from_stdin:
        run(_answer_lines(workspace, k, audience, topic))
        return
    hits = run(_search(workspace, query or "", k, audience, topic))
    if as_json:
        click.echo(json.dumps([hit.model_dump() for hit in hits], indent=2, ensure_ascii=False))
    else:
        _print_hits(hits)


async def _search(
    workspace: "Workspace", query: str, k: int, audience: str | None, topic: str | None
) -> "list[GuidanceHit]":
    await _ingested(workspace)
    return await workspace.search_guidance(query, k, audience, topic)


async def _answer_lines(
    workspace: "Workspace", k: int, audience: str | None, topic: str | None
) -> None:
    """One JSON array per line of standard input; a blank line gets an empty one."""
    await _ingested(workspace)
    for line in sys.stdin:
        query = line.strip()
        hits = await workspace.search_guidance(query, k, audience, topic) if query else []
        click.echo(json.dumps([hit.model_dump() for hit in hits], ensure_ascii=False))


async def _ingested(workspace: "Workspace") -> None:
    """Ingest the bundled knowledge into an empty store, or finish an interrupted ingest."""
    from assistant import locations

    status = await workspace.guidance_status()
    if status.ready:
        return
    source = status.resumable
    if source is not None:
        click.echo(f"The last ingest of {source} did not finish: finishing it.", err=True)
    else:
        click.echo("The guidance store is empty: ingesting the bundled knowledge first.", err=True)
    await _ingest(workspace, source or locations.bundled_knowledge())


@knowledge.command("list")
@_audience
@_topic
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of sections.")
def list_sections(audience: str | None, topic: str | None, as_json: bool) -> None:
    """List the sections of guidance, document by document, to browse what is there.

    The first listing of an empty store ingests the bundled knowledge first.

    \b
    Examples:
      rmcoach knowledge list --topic feedback
      rmcoach knowledge list --audience coordinator --json
    """
    from assistant.safe_text import printable

    sections = run(_listed(open_workspace(), topic, audience))
    if as_json:
        click.echo(json.dumps([hit.model_dump() for hit in sections], indent=2, ensure_ascii=False))
        return
    if not sections:
        click.echo("No guidance matched. Drop --audience / --topic to see it all.")
    document = None
    for section in sections:
        if section.doc != document:
            document = section.doc
            title = click.style(printable(section.title), bold=True)
            click.echo(title + click.style(f"  ({printable(document)})", dim=True))
        click.echo(f"  {printable(section.heading.partition(' > ')[2] or '(opening)')}")


@knowledge.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def status(as_json: bool) -> None:
    """Say where the guidance store is, what it holds, and whether it is ready to answer.

    \b
    Example:
      rmcoach knowledge status
    """
    workspace = open_workspace()
    state, sections = run(_state(workspace))
    documents = len({section.doc for section in sections})
    where = workspace.guidance_location
    if as_json:
        payload = {
            "where": where,
            "ready": state.ready,
            "documents": documents,
            "sections": len(sections),
            "interrupted": str(state.interrupted) if state.interrupted else None,
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    click.echo(f"Guidance store: {where}")
    if state.interrupted is not None:
        click.echo(
            f"The last ingest of {state.interrupted} did not finish; "
            f"`rmcoach knowledge ingest {state.interrupted}` finishes it."
        )
    if state.empty:
        click.echo("Empty: `rmcoach knowledge ingest` builds it from the bundled knowledge.")
        return
    ready = "ready" if state.ready else "usable, but holds only part of the last ingest"
    held = f"{documents} document{'s' * (documents != 1)}, {len(sections)} sections"
    click.echo(f"{held}: {ready}.")


async def _listed(
    workspace: "Workspace", topic: str | None, audience: str | None
) -> "list[GuidanceHit]":
    await _ingested(workspace)
    return await workspace.guidance_sections(topic, audience)


async def _state(workspace: "Workspace") -> "tuple[GuidanceStatus, list[GuidanceHit]]":
    state = await workspace.guidance_status()
    return state, [] if state.empty else await workspace.guidance_sections()


def _known(value: str | None, vocabulary: str) -> str | None:
    """Check --audience / --topic before any work; the vocabularies live in assistant.models."""
    from assistant import models

    allowed: tuple[str, ...] = getattr(models, vocabulary)
    if value is not None and value not in allowed:
        raise click.BadParameter(f"{value!r} is not one of: {', '.join(allowed)}")
    return value


async def _ingest(workspace: "Workspace", source: Path) -> "IngestReport":
    """The ingest with a progress bar on a terminal; each skipped document shown on failure."""
    from assistant.workspace.guidance import NothingIngested

    try:
        return await _with_progress(workspace, source)
    except NothingIngested as error:
        for problem in error.problems:
            click.echo(f"skipped {problem}", err=True)
        raise


async def _with_progress(workspace: "Workspace", source: Path) -> "IngestReport":
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
        return await workspace.ingest_guidance(source)
    columns = (
        TextColumn("Embedding sections"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("embed", total=None)
        return await workspace.ingest_guidance(
            source, lambda done, total: bar.update(task, completed=done, total=total)
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
