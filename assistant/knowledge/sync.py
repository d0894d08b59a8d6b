"""Work out what an ingest must change, from the documents on disk and what the store holds."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from assistant.knowledge.chunking import Chunk, chunk_document, source_of
from assistant.knowledge.documents import Document, DocumentProblem
from assistant.knowledge.results import IngestReport

Stored = dict[str, dict[str, Any]]
"""Chunk id -> metadata, as the store holds them."""


@dataclass
class Plan:
    add: list[Chunk] = field(default_factory=list)
    """New text: to embed and add."""
    relabel: list[Chunk] = field(default_factory=list)
    """Same text, new metadata (moved within its document, or new front matter): no embedding."""
    delete: list[str] = field(default_factory=list)
    report: IngestReport = field(default_factory=IngestReport)


def plan(documents: list[Document], problems: list[DocumentProblem], stored: Stored) -> Plan:
    stored_by_doc: dict[str, Stored] = defaultdict(dict)
    for id_, meta in stored.items():
        stored_by_doc[str(meta["doc"])][id_] = meta
    result = Plan(report=IngestReport(problems=[_noting_kept(p, stored_by_doc) for p in problems]))
    for document in documents:
        stored_chunks = stored_by_doc.pop(document.path, {})
        if _complete(stored_chunks, source_of(document)):
            result.report.unchanged += 1  # same file, same cut: skip chunking (and the tokenizer)
        else:
            _plan_document(result, chunk_document(document), stored_chunks)
    skipped = {problem.path for problem in problems}
    for doc, chunks in stored_by_doc.items():
        if doc not in skipped:  # a document that could not be read keeps its last good version
            result.delete += chunks
            result.report.removed += 1
    return result


def _complete(stored: Stored, source: str) -> bool:
    """Every chunk of this very file is stored: none missing after an interrupted ingest."""
    metas = list(stored.values())
    return bool(metas) and all(
        meta.get("source") == source and meta.get("siblings") == len(metas) for meta in metas
    )


def _plan_document(result: Plan, chunks: list[Chunk], stored: Stored) -> None:
    wanted = {chunk.id: chunk for chunk in chunks}
    result.add += [chunk for id_, chunk in wanted.items() if id_ not in stored]
    result.relabel += [
        c for id_, c in wanted.items() if id_ in stored and stored[id_] != c.metadata
    ]
    result.delete += [id_ for id_ in stored if id_ not in wanted]
    if stored:
        result.report.updated += 1
    else:
        result.report.added += 1


def _noting_kept(problem: DocumentProblem, stored_by_doc: dict[str, Stored]) -> DocumentProblem:
    if problem.path not in stored_by_doc:
        return problem
    note = f"{problem.message} (its previously ingested version is kept)"
    return problem.model_copy(update={"message": note})
