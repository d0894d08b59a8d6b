"""The bundled guidance's section vectors, computed once and shipped beside the documents.

Every user's first ingest would otherwise embed the same 121 sections with the same model (about
15 s on one core). Each shipped vector is keyed by a hash of the model file's hash and the exact
text that was embedded, so a vector is used only for the very text and model it was computed
from: a section a user edited, or any section after a model change, is embedded afresh.

Regenerate after editing the bundled guidance: `make vectors` (a test says when it is stale).
A stale file costs only time: the sections it lacks are embedded at ingest, as before.
"""

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant import locations
from assistant.embeddings import MODEL_SHA256

FILE_NAME = "section-vectors.npz"


def vector_key(embedded_text: str) -> str:
    """Names one vector: the model that computed it and the text it was computed from."""
    return hashlib.sha256(f"{MODEL_SHA256}\n{embedded_text}".encode()).hexdigest()


def shipped_file() -> Path:
    return locations.bundled_knowledge() / FILE_NAME


def load(path: Path | None = None) -> dict[str, np.ndarray]:
    """Key -> unit vector; empty when the file is missing or unreadable (everything is embedded)."""
    try:
        with np.load(path or shipped_file(), allow_pickle=False) as data:
            return dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    except (OSError, KeyError, ValueError):
        return {}


def save(path: Path, embedded_texts: Sequence[str], vectors: np.ndarray) -> None:
    keys = np.array([vector_key(text) for text in embedded_texts])
    # Written to a temporary name first, so an interrupted run never leaves half a file.
    partial = path.with_name(path.name + ".partial.npz")
    np.savez_compressed(partial, keys=keys, vectors=vectors.astype(np.float32))
    partial.replace(path)


def regenerate() -> int:
    """Embed every section of the bundled guidance and write the shipped file; how many."""
    from assistant.embeddings import embedder
    from assistant.knowledge.chunking import chunk_document
    from assistant.knowledge.documents import Document, discover, read_document

    root = locations.bundled_knowledge()
    documents = [read_document(path, root) for path in discover(root)]
    texts = [
        chunk.embedded_text
        for document in documents
        if isinstance(document, Document)
        for chunk in chunk_document(document)
    ]
    save(shipped_file(), texts, embedder().passages(texts))
    return len(texts)
