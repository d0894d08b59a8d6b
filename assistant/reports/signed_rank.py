"""Wilcoxon's signed-rank test of paired changes, as `scipy.stats.wilcoxon(changes)` computes it.

Two-sided, zero changes dropped ("wilcox"), no continuity correction, and SciPy's choice of
method: the exact null distribution for up to 50 changes with no ties and no zeros; otherwise
every sign flip counted for up to 13 changes, and beyond that the normal approximation with the
tie correction. Importing `scipy.stats` cost about 0.8 s of CPU, more than the rest of a report;
`tests/reports/test_signed_rank.py` checks these p-values against SciPy's.
"""

import math

#: SciPy's limits: the exact distribution up to 50 changes, enumerated sign flips up to 13.
EXACT_UP_TO, FLIPS_UP_TO = 50, 13


def average_ranks(values: list[int]) -> list[float]:
    """Ranks from 1 in ascending order, tied values sharing the mean of their ranks."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end + 2) / 2
        start = end + 1
    return ranks


def signed_rank_p(changes: list[int]) -> float:
    """The two-sided p-value; at least one change must be non-zero."""
    moved = [c for c in changes if c != 0]
    ranks = average_ranks([abs(c) for c in moved])
    rising = sum(r for r, c in zip(ranks, moved, strict=True) if c > 0)
    tied = len(set(ranks)) < len(ranks)
    if len(changes) <= EXACT_UP_TO and not tied and len(moved) == len(changes):
        return _exact(len(moved), int(rising))
    if len(changes) <= FLIPS_UP_TO:
        return _every_sign(ranks, rising)
    return _normal(moved, rising)


def _exact(n: int, rising: int) -> float:
    """From the exact distribution of the rank sum, summed over the same slices as SciPy."""
    import numpy as np  # here, not at import: most reports have no paired surveys to test

    pmf = np.ones(1)
    for k in range(1, n + 1):
        previous, pmf = pmf, np.zeros(k * (k + 1) // 2 + 1)
        pmf[: len(previous)] = previous * 0.5
        pmf[-len(previous) :] += previous * 0.5
    middle = n * (n + 1) / 4
    at_most = pmf[: rising + 1].sum() if rising <= middle else 1 - pmf[rising + 1 :].sum()
    at_least = pmf[rising:].sum() if rising <= middle else 1 - pmf[:rising].sum()
    return float(min(max(2 * min(at_least, at_most), 0.0), 1.0))


def _every_sign(ranks: list[float], rising: float) -> float:
    """The share of the 2**n sign patterns whose rank sum lies as far out as the one seen."""
    import numpy as np

    n = len(ranks)
    patterns = (np.arange(2**n)[:, None] >> np.arange(n)) & 1
    sums = patterns @ np.array(ranks)
    lower, upper = int((sums <= rising).sum()), int((sums >= rising).sum())
    return min(2 * min(lower, upper) / 2**n, 1.0)


def _normal(moved: list[int], rising: float) -> float:
    n = len(moved)
    ties = sum(t**3 - t for t in _tie_sizes([abs(c) for c in moved]))
    spread = math.sqrt((n * (n + 1.0) * (2.0 * n + 1.0) - ties / 2) / 24)
    z = (rising - n * (n + 1.0) * 0.25) / spread
    return 2 * _normal_cdf(-abs(z))


def _tie_sizes(values: list[int]) -> list[int]:
    counts: dict[int, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return list(counts.values())


def _normal_cdf(x: float) -> float:
    """The standard normal CDF split as Cephes's ndtr splits it, which SciPy uses."""
    scaled = x * math.sqrt(0.5)
    if abs(scaled) < math.sqrt(0.5):
        return 0.5 + 0.5 * math.erf(scaled)
    tail = 0.5 * math.erfc(abs(scaled))
    return 1 - tail if scaled > 0 else tail
