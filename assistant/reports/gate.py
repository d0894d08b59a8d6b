"""The suppression rule: a value computed over fewer than K pairs is withheld, never shown."""

from dataclasses import dataclass
from decimal import Decimal

from assistant.reports.model import Suppressed, Value


@dataclass(frozen=True)
class Gate:
    min_group_size: int

    def count(self, value: int | None, pairs: int) -> Value:
        """A count over `pairs` pairs, or `Suppressed` when they are too few."""
        return Suppressed() if pairs < self.min_group_size else int(value or 0)

    def number(self, value: float | Decimal | None, pairs: int, digits: int = 2) -> Value:
        """A mean, share or median over `pairs` pairs; None when there was nothing to measure."""
        if pairs < self.min_group_size:
            return Suppressed()
        return None if value is None else round(float(value), digits)
