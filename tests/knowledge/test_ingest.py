"""Ingest is incremental: unchanged documents cost nothing, changes replace, removals delete."""

from collections.abc import Callable
from pathlib import Path

import pytest

from assistant import embeddings
from assistant.knowledge import KnowledgeBase, sync
from tests.knowledge.conftest import write_doc


@pytest.fixture
def embedded_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every passage the real embedder is asked to embed, in order."""
    seen: list[str] = []
    real = embeddings.Embedder.passages

    def counting(self: embeddings.Embedder, texts: list[str]) -> object:
        seen.extend(texts)
        return real(self, texts)

    monkeypatch.setattr(embeddings.Embedder, "passages", counting)
    return seen


def texts_of(kb: KnowledgeBase, doc: str) -> list[str]:
    return [hit.text for hit in kb.sections() if hit.doc == doc]


def test_first_ingest_adds_every_document(kb: KnowledgeBase, docs: Path) -> None:
    progress: list[tuple[int, int]] = []
    report = kb.ingest(docs, progress=lambda done, total: progress.append((done, total)))
    assert (report.added, report.updated, report.unchanged, report.removed) == (3, 0, 0, 0)
    assert report.documents_ingested == 3
    assert report.chunks_embedded == len(kb.sections()) > 3
    assert progress[0] == (0, report.chunks_embedded)
    assert progress[-1] == (report.chunks_embedded, report.chunks_embedded)


def test_reingest_without_changes_embeds_nothing(
    kb: KnowledgeBase, docs: Path, embedded_texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kb.ingest(docs)
    embedded_texts.clear()
    chunked: list[str] = []
    real_chunking = sync.chunk_document
    monkeypatch.setattr(
        sync, "chunk_document", lambda doc: chunked.append(doc.path) or real_chunking(doc)
    )
    report = KnowledgeBase(kb.folder.parent).ingest(docs)
    assert embedded_texts == [] and chunked == []
    assert (report.added, report.updated, report.unchanged, report.removed) == (0, 0, 3, 0)
    assert report.chunks_embedded == report.chunks_deleted == 0


def test_a_changed_document_replaces_only_its_changed_sections(
    kb: KnowledgeBase, docs: Path, embedded_texts: list[str]
) -> None:
    kb.ingest(docs)
    before = texts_of(kb, "feedback.md")
    path = docs / "feedback.md"
    path.write_text(path.read_text().replace("Rehearse the first sentence", "Practise the opening"))
    embedded_texts.clear()
    report = kb.ingest(docs)
    assert (report.updated, report.unchanged) == (1, 2)
    assert report.chunks_embedded == report.chunks_deleted == 1
    assert len(embedded_texts) == 1 and "Practise the opening" in embedded_texts[0]
    after = texts_of(kb, "feedback.md")
    assert len(after) == len(before)
    assert any("Practise the opening" in text for text in after)
    assert not any("Rehearse the first sentence" in text for text in after)


def test_new_front_matter_relabels_without_embedding(
    kb: KnowledgeBase, docs: Path, embedded_texts: list[str]
) -> None:
    kb.ingest(docs)
    path = docs / "closing.md"
    path.write_text(path.read_text().replace("topics: [closing]", "topics: [closing, reflection]"))
    embedded_texts.clear()
    report = kb.ingest(docs)
    assert report.updated == 1 and embedded_texts == []
    assert {tuple(hit.topics) for hit in kb.sections(topic="reflection")} == {
        ("closing", "reflection")
    }


def test_a_removed_document_loses_its_sections(kb: KnowledgeBase, docs: Path) -> None:
    kb.ingest(docs)
    (docs / "matching.md").unlink()
    report = kb.ingest(docs)
    assert (report.removed, report.unchanged) == (1, 2)
    assert texts_of(kb, "matching.md") == []
    assert all(hit.doc != "matching.md" for hit in kb.search("reporting line", k=10))


def test_a_bad_document_is_skipped_and_the_others_ingested(kb: KnowledgeBase, docs: Path) -> None:
    (docs / "broken.md").write_text(
        "---\ntitle: Broken\naudience: [leader]\ntopics: [gossip]\n---\n\nText.\n"
    )
    report = kb.ingest(docs)
    assert report.documents_ingested == 3
    [problem] = report.problems
    assert (problem.path, problem.line) == ("broken.md", 4)
    assert "'gossip' is not a known topic" in problem.message


def test_a_document_that_breaks_keeps_its_last_good_version(kb: KnowledgeBase, docs: Path) -> None:
    kb.ingest(docs)
    before = texts_of(kb, "closing.md")
    path = docs / "closing.md"
    path.write_text(path.read_text().replace("title: Closing well\n", ""))
    report = kb.ingest(docs)
    assert "previously ingested version is kept" in report.problems[0].message
    assert report.removed == 0
    assert texts_of(kb, "closing.md") == before


def test_ensure_ingested_fills_an_empty_store_once(
    kb: KnowledgeBase, docs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled: Callable[[], Path] = lambda: docs  # noqa: E731
    monkeypatch.setattr("assistant.locations.bundled_knowledge", bundled)
    assert kb.is_empty()
    assert kb.ensure_ingested() is True
    assert kb.ensure_ingested() is False
    assert {hit.doc for hit in kb.sections()} == {"feedback.md", "matching.md", "closing.md"}


def test_ingest_source_with_subfolders_keeps_relative_paths(
    kb: KnowledgeBase, tmp_path: Path
) -> None:
    write_doc(tmp_path / "guides" / "mentors", "nerves.md", "Nerves", "# Nerves\n\nBreathe first.")
    kb.ingest(tmp_path / "guides")
    assert [hit.doc for hit in kb.sections()] == ["mentors/nerves.md"]


def test_a_folder_with_nothing_readable_changes_nothing(
    kb: KnowledgeBase, docs: Path, tmp_path: Path
) -> None:
    kb.ingest(docs)
    write_doc(tmp_path / "broken", "a.md", "A", "Text.", topics="[gossip]")
    report = kb.ingest(tmp_path / "broken")
    assert report.documents_ingested == 0 and report.removed == 0 and len(report.problems) == 1
    (tmp_path / "empty").mkdir()
    assert kb.ingest(tmp_path / "empty").documents_ingested == 0
    assert len({hit.doc for hit in kb.sections()}) == 3
    with pytest.raises(NotADirectoryError, match="not a folder"):
        kb.ingest(tmp_path / "missing")


def test_an_interrupted_ingest_is_completed_by_the_next(kb: KnowledgeBase, docs: Path) -> None:
    kb.ingest(docs)
    lost = kb._open().get(where={"doc": "feedback.md"})["ids"][-1]
    kb._open().delete(ids=[lost])  # as if the process died before this chunk was written
    report = kb.ingest(docs)
    assert (report.updated, report.unchanged, report.chunks_embedded) == (1, 2, 1)
    assert lost in kb._open().get(where={"doc": "feedback.md"})["ids"]


def test_an_interrupted_ingest_is_known_and_finished_before_anything_is_answered(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from assistant.cli import main
    from assistant.config import load_settings
    from assistant.knowledge import snapshot

    body = "# Many sections\n\n" + "\n\n".join(
        f"## Section {n}\n\n" + f"Practice number {n} for candid conversations. " * 12
        for n in range(1, 25)
    )
    source = tmp_path / "guidance"
    write_doc(source, "many.md", "Many sections", body)
    kb = KnowledgeBase(load_settings().home)

    def stop_after_the_first_batch(done: int, total: int) -> None:
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        kb.ingest(source, progress=stop_after_the_first_batch)
    reopened = KnowledgeBase(kb.folder.parent)
    assert reopened.unfinished_ingest() == source.resolve()
    assert 0 < len(reopened.sections()) <= 8  # one batch of the document's sections
    assert not snapshot.path_in(reopened.folder).exists()  # the part never passes for the whole
    searched = CliRunner().invoke(main, ["knowledge", "search", "candid practice", "--json"])
    assert searched.exit_code == 0, searched.output
    assert f"The last ingest of {source.resolve()} did not finish: finishing it" in searched.output
    finished = KnowledgeBase(kb.folder.parent)
    assert finished.unfinished_ingest() is None
    assert len(finished.sections()) > 8
    assert finished.ensure_ingested() is False
