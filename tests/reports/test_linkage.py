"""The feedback themes' clustering gives SciPy's clusters, numbered as SciPy numbers them.

SciPy stays installed (matching uses it), so it is the reference here: the same cut of the same
vectors must give the same list of cluster numbers, on the demo's real passages embedded by the
local model and on random vectors drawn around a few centres at several spreads and cuts.
"""

from pathlib import Path

import numpy as np
import pytest
from scipy.cluster.hierarchy import fcluster, linkage

from assistant.demo import survey_texts, texts
from assistant.reports.feedback import THEME_DISTANCE, cached_embedder
from assistant.reports.linkage import flat_clusters


def scipy_clusters(vectors: np.ndarray, cutoff: float) -> list[int]:
    tree = linkage(vectors.astype(np.float64), method="average", metric="cosine")
    return [int(label) for label in fcluster(tree, cutoff, criterion="distance")]


def demo_passages() -> list[str]:
    passages = [*texts.MENTOR_LEARNED]
    for group in (texts.LEADER_LEARNED, survey_texts.COMMENTS):
        passages += [text for values in group.values() for text in values]
    return sorted(set(passages))


def test_the_demo_passages_fall_into_scipys_themes(tmp_path: Path) -> None:
    # Doubled spaces are distinct passages that the model embeds alike: identical vectors.
    passages = demo_passages()
    respaced = [text.replace(" ", "  ", 1) for text in passages[::7]]
    vectors = cached_embedder(tmp_path)([*passages, *respaced])
    assert any(np.array_equal(vectors[0], row) for row in vectors[len(passages) :])
    for cutoff in (0.05, 0.1, THEME_DISTANCE, 0.2, 0.3):
        mine = flat_clusters(vectors, cutoff)
        assert mine == scipy_clusters(vectors, cutoff)
    assert 1 < len(set(flat_clusters(vectors, THEME_DISTANCE))) < len(vectors)


@pytest.mark.parametrize("seed", range(40))
def test_random_vectors_fall_into_scipys_clusters(seed: int) -> None:
    rng = np.random.default_rng(seed)
    count, dimensions = int(rng.integers(2, 90)), int(rng.choice([3, 16, 384]))
    centres = rng.standard_normal((int(rng.integers(1, 10)), dimensions))
    spread = float(rng.choice([0.05, 0.2, 0.5, 1.0]))
    points = centres[rng.integers(0, len(centres), count)]
    points = points + spread * rng.standard_normal((count, dimensions))
    vectors = (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)
    for cutoff in (0.05, THEME_DISTANCE, 0.4):
        assert flat_clusters(vectors, cutoff) == scipy_clusters(vectors, cutoff)


@pytest.mark.parametrize("seed", range(30))
def test_identical_vectors_merge_and_number_as_in_scipy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    count, dimensions = int(rng.integers(3, 60)), int(rng.choice([16, 384]))
    originals = rng.standard_normal((max(2, count // 3), dimensions))
    points = originals[rng.integers(0, len(originals), count)]
    if seed % 2:
        points = points + 0.01 * rng.standard_normal(points.shape)
    vectors = (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)
    for cutoff in (0.05, THEME_DISTANCE):
        assert flat_clusters(vectors, cutoff) == scipy_clusters(vectors, cutoff)


def test_two_far_apart_groups_are_two_clusters_in_order_of_the_walk() -> None:
    vectors = np.array([[1, 0], [0.99, 0.1], [0, 1], [0.1, 0.99]], dtype=np.float32)
    assert flat_clusters(vectors, THEME_DISTANCE) == scipy_clusters(vectors, THEME_DISTANCE)
    assert sorted(set(flat_clusters(vectors, THEME_DISTANCE))) == [1, 2]
    assert flat_clusters(vectors, 2.0) == [1, 1, 1, 1]
