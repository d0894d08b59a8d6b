"""Average-linkage clustering on cosine distance, cut at a distance: the feedback themes' grouping.

It follows SciPy's `linkage(method="average", metric="cosine")` and `fcluster(criterion=
"distance")` step for step (the nearest-neighbour chain with its tie rules, the stable sort of
the merges, the relabelling, the numbering walk), so the themes and their numbers are the ones
SciPy gave. Importing `scipy.cluster` took a third of a second of CPU (it loads numpy's f2py and
testing modules), more than the whole clustering of a report. The one difference: SciPy sums each
dot product in two lanes, and this module in BLAS's order, so a distance may differ in its last
bit. Where that decides something, between identical vectors, SciPy's arithmetic is repeated;
elsewhere it would take two distances tying to sixteen digits.
`tests/reports/test_linkage.py` compares both on real passages and random vectors.
"""

import math

import numpy as np


def flat_clusters(vectors: np.ndarray, cutoff: float) -> list[int]:
    """Each vector's cluster number, from 1, as `fcluster(linkage(...), cutoff, "distance")`."""
    merges = _sorted_and_labelled(_nn_chain(_cosine_distances(vectors)), len(vectors))
    return _numbered(merges, _highest_below(merges), cutoff)


def _cosine_distances(vectors: np.ndarray) -> np.ndarray:
    x = vectors.astype(np.float64)
    norms = np.sqrt(np.einsum("ij,ij->i", x, x))
    cosine = (x @ x.T) / np.outer(norms, norms)
    return _copies_as_scipy(x, 1.0 - np.clip(cosine, -1.0, 1.0))


def _copies_as_scipy(x: np.ndarray, distances: np.ndarray) -> np.ndarray:
    """Identical vectors (two passages that differ only in spacing embed alike) get identical
    distances to every other, and between them SciPy's own near-zero value, as in SciPy: BLAS
    may give each copy a different last bit, which decides the order they merge in and so the
    clusters' numbers (though never who is in which)."""
    first: dict[bytes, int] = {}
    for i, row in enumerate(x):
        original = first.setdefault(row.tobytes(), i)
        if original != i:
            distances[i, :] = distances[original, :]
            distances[:, i] = distances[:, original]
            distances[i, original] = distances[original, i] = _scipy_self_distance(row)
    return distances


def _scipy_self_distance(row: np.ndarray) -> float:
    """SciPy's cosine distance between two copies of `row`: its C loop sums the even and the odd
    products in two lanes, and the norm is the square root of the same sum."""
    products = [float(v) for v in row * row]
    paired = len(products) - len(products) % 2
    squared = _in_order(products[0:paired:2]) + _in_order(products[1:paired:2])
    if paired < len(products):
        squared += products[-1]
    norm = math.sqrt(squared)
    cosine = squared / (norm * norm)
    return 1.0 - max(-1.0, min(1.0, cosine))


def _in_order(values: list[float]) -> float:
    """Left to right, one rounding per step (Python 3.12's sum() compensates, SciPy does not)."""
    total = 0.0
    for value in values:
        total += value
    return total


def _nn_chain(distances: np.ndarray) -> np.ndarray:
    """Merges (x, y, distance, size) in the order the chain finds them, x < y the kept slot."""
    n = len(distances)
    d = distances.copy()
    size = np.ones(n, dtype=np.int64)
    merges = np.empty((n - 1, 4))
    chain: list[int] = []
    for k in range(n - 1):
        if not chain:
            chain.append(int(np.flatnonzero(size)[0]))
        while True:
            x = chain[-1]
            row = np.where(size > 0, d[x], np.inf)
            row[x] = np.inf
            y = int(np.argmin(row))
            # The previous link wins a tie, so the chain never cycles.
            if len(chain) > 1 and d[x, chain[-2]] <= row[y]:
                y = chain[-2]
                break
            chain.append(y)
        nearest = d[x, y]
        del chain[-2:]
        x, y = min(x, y), max(x, y)
        nx, ny = int(size[x]), int(size[y])
        merges[k] = (x, y, nearest, nx + ny)
        size[x], size[y] = 0, nx + ny
        updated = (nx * d[:, x] + ny * d[:, y]) / (nx + ny)
        d[:, y] = updated
        d[y, :] = updated
    return merges


def _sorted_and_labelled(merges: np.ndarray, n: int) -> np.ndarray:
    """Merges by distance (stable), each naming its two clusters by node id, smaller first."""
    merges = merges[np.argsort(merges[:, 2], kind="mergesort")]
    parent = list(range(2 * n - 1))

    def root(node: int) -> int:
        while parent[node] != node:
            node = parent[node]
        return node

    for i, (x, y, *_) in enumerate(merges):
        a, b = sorted((root(int(x)), root(int(y))))
        merges[i, 0], merges[i, 1] = a, b
        parent[a] = parent[b] = n + i
    return merges


def _highest_below(merges: np.ndarray) -> list[float]:
    """Each node's highest merge distance in its subtree (children come before parents)."""
    n = len(merges) + 1
    highest: list[float] = []
    for left, right, distance, _ in merges:
        below = [highest[int(c) - n] for c in (left, right) if c >= n]
        highest.append(max([float(distance), *below]))
    return highest


def _numbered(merges: np.ndarray, highest: list[float], cutoff: float) -> list[int]:
    """SciPy's walk from the root: a subtree whose highest merge is within `cutoff` is one
    cluster, numbered on entry; a leaf outside any is its own, numbered as its parent closes."""
    n = len(merges) + 1
    labels = [0] * n
    visited: set[int] = set()
    stack = [2 * n - 2]
    clusters, leader = 0, -1
    while stack:
        node = stack[-1] - n
        left, right = int(merges[node, 0]), int(merges[node, 1])
        if leader == -1 and highest[node] <= cutoff:
            leader = node
            clusters += 1
        descend = [c for c in (left, right) if c >= n and c not in visited]
        if descend:
            visited.add(descend[0])
            stack.append(descend[0])
            continue
        for child in (left, right):
            if child < n:
                if leader == -1:
                    clusters += 1
                labels[child] = clusters
        if leader == node:
            leader = -1
        stack.pop()
    return labels
