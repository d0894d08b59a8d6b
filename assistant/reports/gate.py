"""The suppression rule: a value computed over fewer than K pairs is withheld, never shown."""

from decimal import Decimal

from assistant.reports.model import Suppressed, Value


class Gate:
    """Applies the rule to every figure of one report and counts what it withheld.

    `pairs` is None when SQL summed no rows at all, which means no pairs.
    """

    def __init__(self, min_group_size: int) -> None:
        self.min_group_size = min_group_size
        self.suppressed = 0

    def _hides(self, pairs: int | None) -> bool:
        hidden = (pairs or 0) < self.min_group_size
        self.suppressed += hidden
        return hidden

    def count(self, value: int | None, pairs: int | None) -> Value:
        """A count over `pairs` pairs, or `Suppressed` when they are too few."""
        return Suppressed() if self._hides(pairs) else int(value or 0)

    def number(self, value: float | Decimal | None, pairs: int | None, digits: int = 2) -> Value:
        """A mean, share or median over `pairs` pairs; None when there was nothing to measure."""
        if self._hides(pairs):
            return Suppressed()
        return None if value is None else round(float(value), digits)
