"""The nudges summary: how many nudges of each kind are due, from the accountability rules.

Only counts leave this module: a nudge's reason and message quote commitments and ratings,
so neither is read. `nudges_for` already assesses consenting active pairs alone; each count
is gated by the pairs it covers, like every other figure.
"""

from collections import defaultdict
from datetime import date

from assistant.accountability.nudges import KIND_ORDER, nudges_for
from assistant.reports.gate import Gate
from assistant.reports.model import NudgeSummary, Value
from assistant.store import Store


def nudge_summary(store: Store, today: date, cohort: str | None, gate: Gate) -> NudgeSummary:
    pairs_by_kind: dict[str, set[str]] = defaultdict(set)
    count_by_kind: dict[str, int] = defaultdict(int)
    for nudge in nudges_for(store, today):
        if cohort is None or nudge.cohort == cohort:
            pairs_by_kind[nudge.kind].add(nudge.pair_id)
            count_by_kind[nudge.kind] += 1
    by_kind: dict[str, Value] = {
        kind: gate.count(count_by_kind[kind], len(pairs_by_kind[kind]))
        for kind in KIND_ORDER
        if kind in count_by_kind
    }
    every_pair = set().union(*pairs_by_kind.values())
    return NudgeSummary(
        total=gate.count(sum(count_by_kind.values()), len(every_pair)), by_kind=by_kind
    )
