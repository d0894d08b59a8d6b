"""The nudges summary: how many nudges of each kind are due, by the accountability rules.

Only counts leave this module, and `due_by_pair` reads no commitment text and writes no
message: it applies the rules `nudges_for` follows to consenting active pairs alone, counted
per pair in the report's cohort. Each count is gated by the pairs it covers, like every other
figure.
"""

from datetime import date

from sqlalchemy import Connection

from assistant.accountability.due import KIND_ORDER, due_by_pair
from assistant.reports.gate import Gate
from assistant.reports.model import NudgeSummary, Value


def nudge_summary(conn: Connection, today: date, cohort: str | None, gate: Gate) -> NudgeSummary:
    found = due_by_pair(conn, today, cohort)
    by_kind: dict[str, Value] = {
        kind: gate.count(found[kind].total(), len(found[kind]))
        for kind in KIND_ORDER
        if found[kind]
    }
    every_pair = set().union(*found.values())
    total = sum(counts.total() for counts in found.values())
    return NudgeSummary(total=gate.count(total, len(every_pair)), by_kind=by_kind)
