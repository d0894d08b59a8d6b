"""Phrase embeddings for matching, cached by text so a rerun embeds nothing it has seen.

Embedding is the slow part of matching (about 15 ms a phrase on one core), so each distinct
phrase is embedded once: in memory for the life of the process, and on disk in a small SQLite
file under the data folder for the next run. The key includes the model's hash, so a different
model never reuses old vectors.
"""

import hashlib
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Literal

import numpy as np

from assistant.embeddings import DIMENSIONS, MODEL_SHA256, embedder

Side = Literal["query", "passage"]

_LOOKUP_CHUNK = 500
# Shared by every PhraseVectors in the process: tests and the app match many times per run.
_memory: dict[str, np.ndarray] = {}


def _key(side: Side, text: str) -> str:
    return hashlib.sha256(f"{MODEL_SHA256}\0{side}\0{text}".encode()).hexdigest()


class PhraseVectors:
    """Unit vectors for phrases, one row per phrase, from memory, the disk cache or the model."""

    def __init__(self, cache_file: Path) -> None:
        self.cache_file = cache_file
        self.embedded = 0
        """How many phrases this instance had to send to the model (the rest were cached)."""

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._vectors("query", texts)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._vectors("passage", texts)

    def _vectors(self, side: Side, texts: Sequence[str]) -> np.ndarray:
        keys = [_key(side, text) for text in texts]
        missing = [key for key in dict.fromkeys(keys) if key not in _memory]
        if missing:
            _memory.update(self._from_disk(missing))
        to_embed = {key: text for key, text in zip(keys, texts, strict=True) if key not in _memory}
        if to_embed:
            self._embed(side, to_embed)
        if not keys:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([_memory[key] for key in keys])

    def _embed(self, side: Side, to_embed: dict[str, str]) -> None:
        model = embedder()
        texts = list(to_embed.values())
        vectors = model.queries(texts) if side == "query" else model.passages(texts)
        fresh = dict(zip(to_embed, vectors.astype(np.float32), strict=True))
        _memory.update(fresh)
        self.embedded += len(fresh)
        self._to_disk(fresh)

    def _connect(self) -> sqlite3.Connection:
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.cache_file)
        connection.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB)")
        return connection

    def _from_disk(self, keys: list[str]) -> dict[str, np.ndarray]:
        if not self.cache_file.exists():
            return {}
        found: dict[str, np.ndarray] = {}
        try:
            with closing(self._connect()) as connection:
                for start in range(0, len(keys), _LOOKUP_CHUNK):
                    chunk = keys[start : start + _LOOKUP_CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = connection.execute(
                        f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk
                    )
                    for key, blob in rows:
                        found[key] = np.frombuffer(blob, dtype=np.float32)
        except sqlite3.DatabaseError:
            # Only a cache: a damaged file is dropped and rebuilt rather than stopping a match.
            self.cache_file.unlink(missing_ok=True)
            return {}
        return found

    def _to_disk(self, vectors: dict[str, np.ndarray]) -> None:
        rows = [(key, vector.tobytes()) for key, vector in vectors.items()]
        with closing(self._connect()) as connection, connection:
            connection.executemany(
                "INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", rows
            )


def forget_in_memory() -> None:
    """Drop the in-process vectors (the disk cache stays), as a new process would start."""
    _memory.clear()


def cache_file(home: Path) -> Path:
    """Where matching keeps its phrase vectors under the data folder."""
    return home / "cache" / "phrase-vectors.sqlite3"
