"""The nudges summary: how many nudges of each kind are due, by the accountability rules.

Only counts leave this module, and `due_counts` reads no commitment text and writes no message:
it sums, in SQL, what the rules `nudges_for` follows find among the consenting active pairs of
the report's cohort. Each count is gated by the pairs it covers, like every other figure.
"""

from datetime import date

from sqlalchemy import Connection

from assistant.accountability.due import due_counts
from assistant.reports.gate import Gate
from assistant.reports.model import NudgeSummary, Value


def nudge_summary(conn: Connection, today: date, cohort: str | None, gate: Gate) -> NudgeSummary:
    by_kind, every = due_counts(conn, today, cohort)
    counts: dict[str, Value] = {
        kind: gate.count(tally.nudges, tally.pairs)
        for kind, tally in by_kind.items()
        if tally.nudges
    }
    return NudgeSummary(total=gate.count(every.nudges, every.pairs), by_kind=counts)
