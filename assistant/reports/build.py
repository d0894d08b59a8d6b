"""`build_report`: the one entry point the CLI, the TUI and tools call for a report."""

from datetime import date
from typing import Any

from sqlalchemy import Engine

from assistant.reports.gate import Gate
from assistant.reports.model import ProgrammeReport, ReportMeta
from assistant.reports.queries import (
    accountability,
    objective_kinds,
    pair_counts,
    ratings,
    retention,
    themes,
    totals,
)
from assistant.reports.risk import at_risk
from assistant.reports.sql import build_scope
from assistant.store import Store


def build_report(
    source: Store | Engine,
    *,
    today: date,
    cohort: str | None = None,
    since: date | None = None,
    min_group_size: int = 5,
) -> ProgrammeReport:
    """The programme as it stands on `today`, for `cohort` (default: all), sessions from `since`.

    Every figure is aggregated in SQL over the pairs whose two participants consented to share
    summaries; a breakdown over fewer than `min_group_size` pairs comes back `Suppressed`.
    All queries run in one transaction, so the sections agree with each other.
    """
    if min_group_size < 1:
        raise ValueError(f"min_group_size must be at least 1, not {min_group_size}")
    engine = source.engine if isinstance(source, Store) else source
    scope = build_scope(today, cohort, since)
    gate = Gate(min_group_size)
    with engine.connect() as conn:
        counts, consenting = pair_counts(conn, scope)
        report = ProgrammeReport(
            meta=ReportMeta(
                generated_for=today, cohort=cohort, since=since, min_group_size=min_group_size
            ),
            totals=totals(conn, scope, gate, counts),
            ratings=ratings(conn, scope, gate),
            accountability=accountability(conn, scope, gate),
            objectives=objective_kinds(conn, scope, gate),
            retention=retention(conn, scope, cohort, gate),
            themes=themes(conn, scope, gate),
            at_risk=at_risk(conn, scope, consenting.get("active", 0), counts.active),
        )
    meta = report.meta.model_copy(
        update={"suppressed_values": _count_suppressed(report.model_dump())}
    )
    return report.model_copy(update={"meta": meta})


def _count_suppressed(node: Any) -> int:
    if isinstance(node, dict):
        if node == {"suppressed": True}:
            return 1
        return sum(_count_suppressed(value) for value in node.values())
    if isinstance(node, list):
        return sum(_count_suppressed(value) for value in node)
    return 0
