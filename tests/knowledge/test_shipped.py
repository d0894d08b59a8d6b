"""The bundled guidance ships its section vectors: a first ingest loads them, embeds only edits."""

import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant import locations
from assistant.embeddings import embedder
from assistant.knowledge import KnowledgeBase, shipped
from assistant.knowledge.chunking import Chunk, chunk_document
from assistant.knowledge.documents import Document, discover, read_document
from tests.knowledge.test_ingest import embedded_texts  # noqa: F401 (a fixture)


def bundled_chunks(root: Path) -> list[Chunk]:
    documents = [read_document(path, root) for path in discover(root)]
    return [c for d in documents if isinstance(d, Document) for c in chunk_document(d)]


def test_every_bundled_section_has_a_shipped_vector() -> None:
    known = shipped.load()
    stale = [
        c.heading
        for c in bundled_chunks(locations.bundled_knowledge())
        if shipped.vector_key(c.embedded_text) not in known
    ]
    assert not stale, f"the shipped vectors are stale for {stale[:3]}...: run `make vectors`"


def test_a_shipped_vector_is_what_the_model_computes() -> None:
    known = shipped.load()
    chunks = bundled_chunks(locations.bundled_knowledge())[::40]
    computed = embedder().passages([c.embedded_text for c in chunks])
    stored = np.stack([known[shipped.vector_key(c.embedded_text)] for c in chunks])
    assert np.all(np.sum(computed * stored, axis=1) > 0.999)


def test_a_first_ingest_embeds_only_the_section_a_user_edited(
    kb: KnowledgeBase,
    tmp_path: Path,
    embedded_texts: list[str],  # noqa: F811
) -> None:
    folder = tmp_path / "guidance"
    shutil.copytree(locations.bundled_knowledge(), folder)
    edited = folder / "first-session.md"
    text = edited.read_text(encoding="utf-8")
    first_paragraph = text.index("\n\n", text.index("\n# ")) + 2
    edited.write_text(
        text[:first_paragraph] + "Bring tea for the mentor. " + text[first_paragraph:],
        encoding="utf-8",
    )
    report = kb.ingest(folder)
    total = len(bundled_chunks(folder))
    assert report.chunks_embedded == total
    assert len(embedded_texts) == total - report.chunks_precomputed == 1
    assert "Bring tea for the mentor." in embedded_texts[0]
    assert kb.search("Bring tea for the mentor", k=1)[0].doc == "first-session.md"


def test_without_the_shipped_file_every_section_is_embedded(
    kb: KnowledgeBase, docs: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / shipped.FILE_NAME
    broken.write_bytes(b"not a vector file")
    monkeypatch.setattr(shipped, "shipped_file", lambda: broken)
    report = kb.ingest(docs)
    assert report.chunks_precomputed == 0 < report.chunks_embedded
    assert kb.search("make one clear request", k=1)[0].doc == "feedback.md"
