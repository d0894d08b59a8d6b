"""A read-only copy of the guidance store in one small file, for commands that only read it.

Importing chromadb takes 1-1.5 s, more than an offline answer's whole budget, while the store
holds about a hundred sections: a brute-force search over them in numpy takes well under a
millisecond. So every ingest leaves beside the Chroma collection a snapshot of it (ids, texts,
metadata, vectors), and searching, listing and citing read that. Chroma stays the store of
record: an ingest removes the snapshot before it changes anything and writes it afresh after, so
an interrupted ingest leaves none, and the next read rebuilds it from Chroma.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

FILE_NAME = "snapshot.npz"


@dataclass(frozen=True)
class Snapshot:
    collection: str
    ids: list[str]
    texts: list[str]
    metadatas: list[dict[str, Any]]
    vectors: np.ndarray
    """Unit vectors, one row per section, in the order of `ids`."""

    def matching(self, audience: str | None, topic: str | None) -> list[int]:
        """Rows whose audience and topics contain the given ones (Chroma's `$contains`)."""
        return [
            row
            for row, meta in enumerate(self.metadatas)
            if (audience is None or audience in meta["audience"])
            and (topic is None or topic in meta["topics"])
        ]

    def nearest(self, query: np.ndarray, rows: list[int], k: int) -> list[tuple[int, float]]:
        """The `k` rows closest to the unit vector `query`, best first, with cosine similarity."""
        if not rows:
            return []
        similarity = self.vectors[rows] @ query
        best = np.argsort(-similarity, kind="stable")[:k]
        return [(rows[i], float(similarity[i])) for i in best]


def path_in(folder: Path) -> Path:
    return folder / FILE_NAME


def load(folder: Path, collection: str) -> Snapshot | None:
    """The snapshot, or None when there is none or it belongs to another collection (model)."""
    try:
        with np.load(path_in(folder), allow_pickle=False) as data:
            rows = json.loads(str(data["rows"]))
            vectors = data["vectors"]
    except (OSError, KeyError, ValueError):
        return None
    if rows["collection"] != collection:
        return None
    return Snapshot(collection, rows["ids"], rows["texts"], rows["metadatas"], vectors)


def save(folder: Path, snapshot: Snapshot) -> None:
    rows = {
        "collection": snapshot.collection,
        "ids": snapshot.ids,
        "texts": snapshot.texts,
        "metadatas": snapshot.metadatas,
    }
    # Written under another name first: a reader sees the old file or the new, never half.
    partial = folder / (FILE_NAME + ".partial.npz")
    np.savez(partial, rows=np.array(json.dumps(rows)), vectors=snapshot.vectors.astype(np.float32))
    partial.replace(path_in(folder))


def remove(folder: Path) -> None:
    path_in(folder).unlink(missing_ok=True)
