"""The guidance use cases on a real Chroma store on disk: ingest with progress, status, search."""

import asyncio
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.knowledge import KnowledgeBase
from assistant.workspace.clock import Clock
from assistant.workspace.errors import Unavailable
from assistant.workspace.guidance import NothingIngested
from assistant.workspace.workspace import Workspace
from tests.knowledge.conftest import CLOSING_BODY, MATCHING_BODY, write_doc

from .conftest import TODAY


@pytest.fixture
def empty(isolated_home: Path) -> Workspace:
    """A workspace whose guidance store has nothing in it yet."""
    return Workspace(load_settings(), Clock(TODAY))


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    write_doc(tmp_path / "docs", "matching.md", "Matching pairs", MATCHING_BODY, "[matching]")
    write_doc(tmp_path / "docs", "closing.md", "Closing well", CLOSING_BODY, "[closing]")
    return tmp_path / "docs"


async def test_ingest_reports_its_progress_and_leaves_the_store_ready_to_search(
    empty: Workspace, docs: Path
) -> None:
    assert (await empty.guidance_status()).empty
    told: list[tuple[int, int]] = []
    report = await empty.ingest_guidance(docs, lambda done, total: told.append((done, total)))
    assert (report.added, report.documents_ingested) == (2, 2)
    assert told and told[-1] == (report.chunks_embedded, report.chunks_embedded)
    status = await empty.guidance_status()
    assert status.ready and status.interrupted is None
    hits = await empty.search_guidance("pairing someone with their own boss", k=1)
    assert [hit.heading for hit in hits] == ["Matching pairs > Reporting lines"]
    assert await empty.search_guidance("closing", topic="matching", k=5) == [
        hit for hit in await empty.search_guidance("closing", k=5) if "matching" in hit.topics
    ]


async def test_a_folder_with_nothing_to_ingest_is_refused_and_changes_nothing(
    empty: Workspace, docs: Path, tmp_path: Path
) -> None:
    await empty.ingest_guidance(docs)
    write_doc(tmp_path / "bad", "a.md", "A", "Text.", topics="[gossip]")
    with pytest.raises(NothingIngested) as bad:
        await empty.ingest_guidance(tmp_path / "bad")
    assert [problem.path for problem in bad.value.problems] == ["a.md"]
    assert bad.value.message == f"no document under {tmp_path / 'bad'} could be ingested"
    (tmp_path / "none").mkdir()
    with pytest.raises(NothingIngested, match="found no \\*.md documents") as none:
        await empty.ingest_guidance(tmp_path / "none")
    assert none.value.problems == []
    with pytest.raises(Unavailable, match="not a folder"):
        await empty.ingest_guidance(tmp_path / "missing")
    assert len(await empty.search_guidance("closing", k=10)) == 3, "the two documents are kept"


async def test_an_interrupted_ingest_shows_in_the_status_with_its_folder(
    empty: Workspace, docs: Path
) -> None:
    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        await empty.ingest_guidance(docs, stop)
    status = await Workspace(load_settings(), Clock(TODAY)).guidance_status()
    assert not status.ready
    assert status.interrupted == status.resumable == docs.resolve()


async def test_a_cancelled_ingest_stops_at_its_next_batch_and_is_left_to_finish(
    empty: Workspace, tmp_path: Path
) -> None:
    """Ctrl+C cancels the command's task, but the ingest runs in a thread, which cannot be
    killed: without the stop it ran on to the end while the person waited."""
    body = "# Many sections\n\n" + "\n\n".join(
        f"## Section {n}\n\n" + f"Practice number {n} for candid conversations. " * 12
        for n in range(1, 25)
    )
    write_doc(tmp_path / "many", "many.md", "Many sections", body)
    loop = asyncio.get_running_loop()
    task: asyncio.Task[object] | None = None

    def cancel_after_the_first_batch(done: int, total: int) -> None:
        if done and task is not None:
            loop.call_soon_threadsafe(task.cancel)

    task = asyncio.create_task(
        empty.ingest_guidance(tmp_path / "many", cancel_after_the_first_batch)
    )
    with pytest.raises(asyncio.CancelledError):
        await task
    await loop.shutdown_default_executor()  # the ingest's thread, to its end
    kb = KnowledgeBase(empty.settings.home)
    assert kb.unfinished_ingest() == (tmp_path / "many").resolve()
    assert 0 < len(kb.sections()) < 24


async def test_the_bundled_guidance_is_indexed_on_first_use_and_only_then(
    empty: Workspace,
) -> None:
    assert not (await empty.guidance_status()).ready
    assert await empty.prepare_guidance() is True
    assert (await empty.guidance_status()).ready
    assert await empty.prepare_guidance() is False
    assert await empty.search_guidance("how do I invite candour?", k=1)


async def test_sections_are_listed_in_document_order_within_the_filters(
    empty: Workspace, docs: Path
) -> None:
    assert empty.guidance_location == str(empty.settings.home / "knowledge")
    await empty.ingest_guidance(docs)
    every = await empty.guidance_sections()
    assert [hit.doc for hit in every] == sorted(hit.doc for hit in every)
    assert {hit.score for hit in every} == {0.0}
    matching = await empty.guidance_sections(topic="matching")
    assert matching == [hit for hit in every if "matching" in hit.topics] and matching
