"""The impact section's p-values are SciPy's: `signed_rank_p` against `scipy.stats.wilcoxon`.

Each of SciPy's three methods is reached: the exact distribution (no ties, no zeros, up to 50
changes), every sign flip (ties or zeros, up to 13) and the normal approximation (beyond). The
first two give SciPy's float bit for bit; the third uses the C library's erfc where SciPy has
Cephes's, so it is compared to the 4 digits the report shows and to 1e-14.
"""

import random

import pytest
from scipy.stats import rankdata, wilcoxon

from assistant.reports.signed_rank import EXACT_UP_TO, FLIPS_UP_TO, average_ranks, signed_rank_p


def scipy_p(changes: list[int]) -> float:
    return float(wilcoxon(changes, zero_method="wilcox").pvalue)


def drawn(seed: int, count: int, spread: int) -> list[int]:
    rng = random.Random(seed)
    shift = rng.choice([0, 1, -1, 3])
    changes = [rng.randint(-spread, spread) + shift for _ in range(count)]
    return changes if any(changes) else [1, *changes[1:]]


@pytest.mark.parametrize("seed", range(40))
def test_without_ties_or_zeros_the_exact_p_is_scipys_to_the_bit(seed: int) -> None:
    rng = random.Random(seed)
    count = rng.randint(1, EXACT_UP_TO)
    changes = [v * rng.choice([-1, 1]) for v in rng.sample(range(1, 500), count)]
    assert signed_rank_p(changes) == scipy_p(changes)


@pytest.mark.parametrize("seed", range(20))  # SciPy's flips take up to 1.5 s a case
def test_with_ties_or_zeros_in_few_changes_every_flip_gives_scipys_p(seed: int) -> None:
    changes = drawn(seed, random.Random(seed).randint(2, FLIPS_UP_TO), spread=3)
    assert signed_rank_p(changes) == scipy_p(changes)


@pytest.mark.parametrize("seed", range(40))
def test_beyond_that_the_normal_p_is_scipys_to_what_the_report_shows(seed: int) -> None:
    changes = drawn(seed, random.Random(seed).randint(FLIPS_UP_TO + 1, 120), spread=6)
    mine, theirs = signed_rank_p(changes), scipy_p(changes)
    assert round(mine, 4) == round(theirs, 4)
    assert mine == pytest.approx(theirs, rel=1e-14, abs=1e-300)


def test_tied_values_share_the_mean_of_their_ranks_as_in_scipy() -> None:
    values = [5, 1, 5, 3, 1, 1, 9]
    assert average_ranks(values) == [5.5, 2.0, 5.5, 4.0, 2.0, 2.0, 7.0]
    assert average_ranks(values) == list(rankdata(values))


def test_six_rises_out_of_six_give_the_exact_two_sided_p() -> None:
    assert signed_rank_p([2, 7, 1, 14, 3, 9]) == 2 / 2**6
