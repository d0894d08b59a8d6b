"""The guidance store: chunks of the knowledge documents in a Chroma collection on disk.

Ingest is incremental. A chunk's id is its document, heading path and a hash of its text, so
an unchanged chunk keeps its id and is never embedded twice; ids that no longer come out of the
documents are deleted. New chunks are written before stale ones are deleted, so an interrupted
ingest leaves a usable store and the next ingest picks up where it stopped.
"""

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import numpy as np

from assistant import locations
from assistant.embeddings import DIMENSIONS, MODEL_SHA256, embedder
from assistant.knowledge import shipped, snapshot, unfinished
from assistant.knowledge.chunking import EMBEDDED_TOKENS, HEADING_SEPARATOR, Chunk
from assistant.knowledge.documents import Document, DocumentProblem, discover, read_document
from assistant.knowledge.results import GuidanceHit, IngestReport
from assistant.knowledge.sync import plan
from assistant.models import ROLES, TOPICS

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

    from assistant.config import Settings

# A new model or a new embedding recipe gets a fresh collection rather than mixing vectors.
COLLECTION_PREFIX = "guidance-"
COLLECTION = f"{COLLECTION_PREFIX}{MODEL_SHA256[:12]}-{EMBEDDED_TOKENS}"
_BATCH = 8  # small enough for the progress bar to move every second or so

Progress = Callable[[int, int], None]


class KnowledgeBase:
    """Cheap to create. Reads come from a snapshot of the store (see `snapshot`); Chroma is
    imported and opened only to ingest, or to rebuild a missing snapshot.

    The store is embedded, under `home`, unless `server_url` names a Chroma server (`chroma
    run`) that a whole programme shares: a coordinator ingests the organisation's handbook once
    and everyone's coach retrieves it. A server's contents are read afresh by each process and
    never snapshotted on disk, since another person's ingest would leave the snapshot stale.
    """

    def __init__(self, home: Path, server_url: str | None = None) -> None:
        self.folder = home / "knowledge"
        self.server_url = server_url
        self._collection: Collection | None = None
        self._snapshot: snapshot.Snapshot | None = None

    @classmethod
    def configured(cls, settings: "Settings") -> "KnowledgeBase":
        """The guidance store the settings name (`RMCOACH_CHROMA_URL`, else the embedded one)."""
        return cls(settings.home, settings.chroma_url)

    def ingest(self, source: Path | None = None, progress: Progress | None = None) -> IngestReport:
        """Bring the store in line with the documents under `source` (default: the bundled ones).

        A source with no readable document changes nothing: a mistyped or emptied folder must
        not wipe the store.
        """
        root = source or locations.bundled_knowledge()
        if not root.is_dir():
            raise NotADirectoryError(f"{root} is not a folder of guidance documents")
        documents, problems = _read_all(root)
        if not documents:
            return IngestReport(problems=problems)
        collection = self._open()
        unfinished.mark(self.folder, root)
        stored = collection.get(include=["metadatas"])
        metadatas = [dict(meta) for meta in stored["metadatas"] or []]
        work = plan(documents, problems, dict(zip(stored["ids"], metadatas, strict=True)))
        if work.add or work.relabel or work.delete:
            snapshot.remove(self.folder)
            self._snapshot = None
        work.report.chunks_precomputed = self._add(work.add, progress)
        if work.relabel:
            collection.update(
                ids=[c.id for c in work.relabel], metadatas=[c.metadata for c in work.relabel]
            )
        if work.delete:
            collection.delete(ids=work.delete)
        work.report.chunks_embedded, work.report.chunks_deleted = len(work.add), len(work.delete)
        unfinished.clear(self.folder)
        self._read()
        return work.report

    def is_empty(self) -> bool:
        """True before the first successful ingest."""
        return not self._read().ids

    def unfinished_ingest(self) -> Path | None:
        """The folder of an ingest that was interrupted (the store holds only part of it)."""
        return unfinished.source(self.folder)

    def ensure_ingested(self) -> bool:
        """Ingest the bundled documents if the store is empty, or finish an interrupted ingest
        of its folder (the bundled one if that folder is gone); True if it did."""
        interrupted = self.unfinished_ingest()
        if interrupted is None and not self.is_empty():
            return False
        self.ingest(interrupted if interrupted and interrupted.is_dir() else None)
        return True

    def search(
        self, query: str, k: int = 5, audience: str | None = None, topic: str | None = None
    ) -> list[GuidanceHit]:
        """The `k` chunks closest in meaning to `query`, best first."""
        _check_filters(audience, topic)
        if not query.strip() or k < 1:
            return []
        read = self._read()
        rows = read.matching(audience, topic)
        nearest = read.nearest(embedder().queries([query])[0], rows, k)
        return [_hit(read.texts[row], read.metadatas[row], score) for row, score in nearest]

    def sections(self, topic: str | None = None, audience: str | None = None) -> list[GuidanceHit]:
        """Every chunk matching the filters, in document order, with score 0."""
        _check_filters(audience, topic)
        read = self._read()
        rows = sorted(
            read.matching(audience, topic),
            key=lambda row: (read.metadatas[row]["doc"], read.metadatas[row]["position"]),
        )
        return [_hit(read.texts[row], read.metadatas[row], score=0.0) for row in rows]

    def has_section(self, doc: str, heading: str) -> bool:
        """Whether `doc` has a section at heading path `heading` (or sections under it).

        Used to check that a plan's cited sources exist.
        """
        paths = [
            path for meta in self._read().metadatas if meta["doc"] == doc for path in meta["covers"]
        ]
        return any(
            path == heading or path.startswith(heading + HEADING_SEPARATOR) for path in paths
        )

    def _read(self) -> snapshot.Snapshot:
        """What the store holds, from the snapshot; rebuilt from Chroma when there is none."""
        if self._snapshot is None:
            saved = None if self.server_url else snapshot.load(self.folder, COLLECTION)
            self._snapshot = saved or self._snapshot_of_chroma()
        return self._snapshot

    def _snapshot_of_chroma(self) -> snapshot.Snapshot:
        found = self._open().get(include=["documents", "metadatas", "embeddings"])
        vectors = np.asarray(found["embeddings"], dtype=np.float32).reshape(-1, DIMENSIONS)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        taken = snapshot.Snapshot(
            COLLECTION,
            list(found["ids"]),
            list(found["documents"] or []),
            [dict(meta) for meta in found["metadatas"] or []],
            vectors,
        )
        # An empty store gets no snapshot (the next ingest fills both), nor does a part-filled
        # one: a snapshot would make the part look like the whole; nor a server's (see above).
        unsnapshotted = self.server_url is not None or unfinished.source(self.folder) is not None
        if taken.ids and not unsnapshotted:
            snapshot.save(self.folder, taken)
        return taken

    def _open(self) -> "Collection":
        if self._collection is None:
            import chromadb
            from chromadb.config import Settings

            from assistant.knowledge.embedding_function import E5EmbeddingFunction

            client = self._client(chromadb, Settings(anonymized_telemetry=False))
            for old in client.list_collections():
                if old.name.startswith(COLLECTION_PREFIX) and old.name != COLLECTION:
                    client.delete_collection(old.name)
            self._collection = client.get_or_create_collection(
                COLLECTION,
                embedding_function=E5EmbeddingFunction(),
                configuration={"hnsw": {"space": "cosine"}},
            )
        return self._collection

    def _client(self, chromadb: Any, settings: Any) -> Any:
        if self.server_url is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(self.folder), settings=settings)
        url = urlsplit(self.server_url)
        secure = url.scheme == "https"
        try:
            return chromadb.HttpClient(
                host=url.hostname or "localhost",
                port=url.port or (443 if secure else 8000),
                ssl=secure,
                settings=settings,
            )
        except Exception as error:  # chromadb raises ValueError, httpx errors and more
            raise ConnectionError(
                f"cannot reach the guidance server {self.server_url} (RMCOACH_CHROMA_URL): "
                f"{error}; start it with `chroma run`, or unset the variable for the local store"
            ) from error

    def _add(self, chunks: list[Chunk], progress: Progress | None) -> int:
        """Sections of the bundled guidance come with their vectors; the rest are embedded here.

        Returns how many came with their vectors."""
        if progress:
            progress(0, len(chunks))
        known = shipped.load()
        ready = [c for c in chunks if shipped.vector_key(c.embedded_text) in known]
        if ready:
            vectors = np.stack([known[shipped.vector_key(c.embedded_text)] for c in ready])
            self._write(ready, vectors)
            if progress:
                progress(len(ready), len(chunks))
        fresh = [c for c in chunks if shipped.vector_key(c.embedded_text) not in known]
        for start in range(0, len(fresh), _BATCH):
            batch = fresh[start : start + _BATCH]
            self._write(batch, embedder().passages([c.embedded_text for c in batch]))
            if progress:
                progress(len(ready) + start + len(batch), len(chunks))
        return len(ready)

    def _write(self, chunks: list[Chunk], vectors: "np.ndarray") -> None:
        self._open().add(
            ids=[c.id for c in chunks],
            documents=[c.text for c in chunks],
            metadatas=[c.metadata for c in chunks],
            embeddings=vectors,
        )


def _read_all(root: Path) -> tuple[list[Document], list[DocumentProblem]]:
    read = [read_document(path, root) for path in discover(root)]
    return (
        [item for item in read if isinstance(item, Document)],
        [item for item in read if isinstance(item, DocumentProblem)],
    )


def _check_filters(audience: str | None, topic: str | None) -> None:
    _check(audience, ROLES, "audience")
    _check(topic, TOPICS, "topic")


def _check(value: str | None, allowed: Iterable[str], what: str) -> None:
    if value is not None and value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; use one of: {', '.join(allowed)}")


def _hit(text: str, meta: dict[str, Any], score: float) -> GuidanceHit:
    return GuidanceHit(
        doc=meta["doc"],
        title=meta["title"],
        heading=meta["heading"],
        topics=list(meta["topics"]),
        audience=list(meta["audience"]),
        score=round(score, 4),
        text=text,
    )
