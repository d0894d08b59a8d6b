from pathlib import Path

import numpy as np

from assistant.matching.vectors import PhraseVectors, forget_in_memory


def test_each_phrase_is_embedded_once_and_later_runs_read_it_from_disk(tmp_path: Path) -> None:
    forget_in_memory()
    cache = tmp_path / "cache.sqlite3"
    first = PhraseVectors(cache)
    fresh = first.passages(["TikTok", "Excel", "TikTok"])
    assert first.embedded == 2 and fresh.shape == (3, 384)
    assert np.allclose(np.linalg.norm(fresh, axis=1), 1.0, atol=1e-3)

    forget_in_memory()  # as in a new process: only the disk remains
    second = PhraseVectors(cache)
    again = second.passages(["Excel", "TikTok"])
    assert second.embedded == 0
    assert np.array_equal(again, fresh[[1, 0]])


def test_a_query_and_a_passage_of_the_same_text_are_different_vectors(tmp_path: Path) -> None:
    phrases = PhraseVectors(tmp_path / "cache.sqlite3")
    assert not np.allclose(phrases.queries(["podcasts"]), phrases.passages(["podcasts"]))


def test_a_damaged_cache_file_is_rebuilt_not_a_failure(tmp_path: Path) -> None:
    forget_in_memory()
    cache = tmp_path / "cache.sqlite3"
    cache.write_bytes(b"this is not a SQLite database" * 100)
    phrases = PhraseVectors(cache)
    assert phrases.passages(["Excel"]).shape == (1, 384)
    forget_in_memory()
    again = PhraseVectors(cache)
    again.passages(["Excel"])
    assert again.embedded == 0  # the rebuilt cache holds it
