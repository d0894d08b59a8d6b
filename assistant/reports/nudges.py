"""The nudges summary: how many nudges of each kind are due, by the accountability rules and the
survey rules (`survey_nudges`).

Only counts leave this module, and `due_counts` reads no commitment text and writes no message:
it sums, in SQL, what the rules `nudges_for` follows find among the consenting active pairs of
the report's cohort. Each count is gated by the pairs it covers, like every other figure.
"""

from datetime import date

from sqlalchemy import Connection

from assistant.accountability.advice import NudgeKind
from assistant.accountability.due import Tally, due_counts
from assistant.accountability.survey_nudges import recent_poor_fits
from assistant.reports.gate import Gate
from assistant.reports.model import NudgeSummary, Value
from assistant.surveys.due import people_owing


def nudge_summary(conn: Connection, today: date, cohort: str | None, gate: Gate) -> NudgeSummary:
    session_kinds, every = due_counts(conn, today, cohort)
    by_kind: dict[NudgeKind, Tally] = {**session_kinds, **_survey_tallies(conn, today, cohort)}
    counts: dict[str, Value] = {
        kind: gate.count(tally.nudges, tally.pairs)
        for kind, tally in by_kind.items()
        if tally.nudges
    }
    nudges = every.nudges + sum(
        tally.nudges for kind, tally in by_kind.items() if kind not in session_kinds
    )
    # The pairs behind all kinds at once are at least as many as behind any one of them.
    pairs = max(tally.pairs for tally in [every, *by_kind.values()])
    return NudgeSummary(total=gate.count(nudges, pairs), by_kind=counts)


def _survey_tallies(conn: Connection, today: date, cohort: str | None) -> dict[NudgeKind, Tally]:
    """survey-due (one per person and pair owing any) and poor-fit, as `survey_nudges` finds."""
    owed = people_owing(conn, today, cohort)
    poor = recent_poor_fits(conn, today, cohort)
    return {
        "survey-due": Tally(len(owed), len({pair for pair, _ in owed})),
        "poor-fit": Tally(len(poor), len({fit.pair_id for fit in poor})),
    }
