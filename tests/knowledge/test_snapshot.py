"""Reads come from a snapshot of the guidance store, and agree with Chroma's own answers."""

import shutil
from pathlib import Path

import pytest

from assistant.embeddings import embedder
from assistant.knowledge import KnowledgeBase, snapshot
from assistant.knowledge.store import COLLECTION

QUESTIONS = [
    "cancellations",
    "How do I tell my leader their emails are too long?",
    "keeping confidential what my mentor tells me",
]


@pytest.fixture
def copied_kb(isolated_home: Path, guidance_home: Path) -> KnowledgeBase:
    shutil.copytree(guidance_home / "knowledge", isolated_home / "knowledge")
    return KnowledgeBase(isolated_home)


@pytest.mark.parametrize("question", QUESTIONS)
def test_search_finds_what_chroma_finds(copied_kb: KnowledgeBase, question: str) -> None:
    hits = copied_kb.search(question, k=5, audience="mentor")
    found = copied_kb._open().query(
        query_embeddings=embedder().queries([question]),
        n_results=5,
        where={"audience": {"$contains": "mentor"}},
        include=["metadatas", "distances"],
    )
    chroma = [(m["doc"], m["heading"]) for m in found["metadatas"][0]]
    assert [(hit.doc, hit.heading) for hit in hits] == chroma
    for hit, distance in zip(hits, found["distances"][0], strict=True):
        assert hit.score == pytest.approx(1 - distance, abs=1e-3)


def test_a_missing_snapshot_is_rebuilt_from_chroma(copied_kb: KnowledgeBase) -> None:
    before = copied_kb.sections(topic="feedback")
    snapshot.remove(copied_kb.folder)
    again = KnowledgeBase(copied_kb.folder.parent)
    assert again.sections(topic="feedback") == before
    assert snapshot.path_in(again.folder).is_file()


def test_a_snapshot_of_another_model_is_not_read(copied_kb: KnowledgeBase) -> None:
    assert snapshot.load(copied_kb.folder, COLLECTION) is not None
    assert snapshot.load(copied_kb.folder, COLLECTION + "-other-model") is None


def test_an_ingest_that_changes_the_store_rewrites_the_snapshot(
    kb: KnowledgeBase, docs: Path
) -> None:
    kb.ingest(docs)
    (docs / "closing.md").unlink()
    kb.ingest(docs)
    fresh = KnowledgeBase(kb.folder.parent)
    assert {hit.doc for hit in fresh.sections()} == {"feedback.md", "matching.md"}
