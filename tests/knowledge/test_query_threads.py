"""A query takes a second thread only when a core is idle, and gets the same vector either way."""

import os
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

from assistant.embeddings import Embedder, _spare_core, embedder

QUESTIONS = [
    "How do I tell my leader their emails are too long?",
    "keeping confidential what my mentor tells me",
]


def test_one_and_two_threads_give_identical_vectors() -> None:
    model = embedder()
    assert model._set_threads is not None, "the engine's OpenMP runtime was not found"
    vectors = {}
    for threads in (1, 2):
        model._set_threads(threads)
        vectors[threads] = model._model.query(QUESTIONS)
    assert np.array_equal(vectors[1], vectors[2])


def test_no_second_thread_while_every_core_is_busy() -> None:
    cores = len(os.sched_getaffinity(0))
    spin = "while True: pass"
    busy = [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(cores)]
    try:
        time.sleep(0.5)  # each spinner is runnable from here on
        assert not _spare_core()
        assert _threads_chosen(lambda model: model.queries(QUESTIONS[:1])) == [1]
    finally:
        for process in busy:
            process.kill()
            process.wait()


def test_passages_always_use_one_thread() -> None:
    assert _threads_chosen(lambda model: model.passages(QUESTIONS)) == [1]


def _threads_chosen(embed: Callable[[Embedder], object]) -> list[int]:
    """The thread counts `embed` asked the engine for (it still embeds for real)."""
    model, chosen = embedder(), []
    original = model._set_threads
    assert original is not None

    def record(threads: int) -> None:
        chosen.append(threads)
        original(threads)

    model._set_threads = record  # type: ignore[assignment]
    try:
        embed(model)
    finally:
        model._set_threads = original
    return chosen
