"""`build_report`: the one entry point the CLI, the TUI and tools call for a report."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine

from assistant import locations
from assistant.reports.activity import monthly, ratings, themes, totals_and_ratings
from assistant.reports.feedback import Embed, cached_embedder, feedback_themes
from assistant.reports.gate import Gate
from assistant.reports.impact import nps, outcomes, pairing_fit, survey_scores
from assistant.reports.model import ProgrammeReport, ReportMeta
from assistant.reports.nudges import nudge_summary
from assistant.reports.queries import accountability, objective_kinds, pair_counts, retention
from assistant.reports.risk import at_risk
from assistant.reports.scope import Scope, report_scope
from assistant.reports.snapshot import one_snapshot
from assistant.store import Store


@dataclass(frozen=True)
class _Request:
    today: date
    cohort: str | None
    since: date | None
    min_group_size: int
    embed: Embed


def build_report(
    source: Store | Engine,
    *,
    today: date,
    cohort: str | None = None,
    since: date | None = None,
    min_group_size: int = 5,
    embed: Embed | None = None,
) -> ProgrammeReport:
    """The programme as it stands on `today`, for `cohort` (default: all), sessions from `since`.

    Every figure is aggregated in SQL over the pairs whose two participants consented to share
    summaries; a breakdown over fewer than `min_group_size` pairs comes back `Suppressed`.
    `embed` turns feedback passages into vectors (default: the local model, cached under the
    data folder).

    The sections come in two halves of about equal cost, each on its own connection: on SQLite
    the second half runs in a thread beside the first (the driver lets go of the interpreter
    while a statement runs, so two cores share the work), and both connections read one
    committed state (`one_snapshot`), so the sections agree. A server database, or SQLite while
    another command is writing, runs the halves one after the other on one connection.
    """
    if min_group_size < 1:
        raise ValueError(f"min_group_size must be at least 1, not {min_group_size}")
    engine = source.engine if isinstance(source, Store) else source
    request = _Request(
        today, cohort, since, min_group_size, embed or cached_embedder(locations.data_home())
    )
    # A gate per half: each counts what it withheld, and two threads must not share a count.
    gates = (Gate(min_group_size), Gate(min_group_size))
    halves = _side_by_side(engine, request, gates) if engine.dialect.name == "sqlite" else None
    if halves is None:
        with engine.connect() as conn, _scope_of(conn, request) as scope:
            halves = [
                _programme(conn, scope, request, gates[0]),
                _risk_and_feedback(conn, scope, request, gates[1]),
            ]
    sections = {key: value for half in halves for key, value in half.items()}
    meta = ReportMeta(
        generated_for=today,
        cohort=cohort,
        since=since,
        min_group_size=min_group_size,
        suppressed_values=sum(gate.suppressed for gate in gates),
    )
    return ProgrammeReport(meta=meta, **sections)


def _side_by_side(
    engine: Engine, request: _Request, gates: tuple[Gate, Gate]
) -> list[dict[str, Any]] | None:
    """Both halves at once on two connections of one snapshot; None when another command
    holds the write lock, so the snapshot cannot be shared without waiting for it."""
    with one_snapshot(engine, 2) as readers:
        if readers is None:
            return None
        first, second = readers
        with ThreadPoolExecutor(1) as beside:
            risk_and_feedback = beside.submit(
                _scoped, _risk_and_feedback, second, request, gates[1]
            )
            programme = _scoped(_programme, first, request, gates[0])
            return [programme, risk_and_feedback.result()]


Half = Callable[[Connection, Scope, _Request, Gate], dict[str, Any]]


def _scope_of(conn: Connection, request: _Request) -> AbstractContextManager[Scope]:
    return report_scope(conn, request.today, request.cohort, request.since)


def _scoped(half: Half, conn: Connection, request: _Request, gate: Gate) -> dict[str, Any]:
    """One half on a connection of its own, which copies the report's scope for itself."""
    with _scope_of(conn, request) as scope:
        return half(conn, scope, request, gate)


def _programme(conn: Connection, scope: Scope, request: _Request, gate: Gate) -> dict[str, Any]:
    """Totals, ratings, retention, topics, nudges and surveys: about half the work."""
    counts, _ = pair_counts(conn, scope)
    totals, leader, mentor = totals_and_ratings(conn, scope, gate, counts)
    months = monthly(conn, scope)
    scores = survey_scores(conn, scope)
    return {
        "totals": totals,
        "ratings": ratings((leader, mentor), months, gate),
        "retention": retention(conn, scope, request.cohort, gate),
        "themes": themes(conn, scope, gate, months),
        "nudges": nudge_summary(conn, request.today, request.cohort, gate),
        "pairing_fit": pairing_fit(scores, gate),
        "outcomes": outcomes(scores, gate),
        "nps": nps(scores, gate),
    }


def _risk_and_feedback(
    conn: Connection, scope: Scope, request: _Request, gate: Gate
) -> dict[str, Any]:
    """Pairs at risk, feedback themes, commitments and objectives: the other half."""
    counts, consenting = pair_counts(conn, scope)
    return {
        "accountability": accountability(conn, scope, gate),
        "objectives": objective_kinds(conn, scope, gate),
        "at_risk": at_risk(conn, scope, consenting.get("active", 0), counts.active),
        "feedback_themes": feedback_themes(conn, scope, request.min_group_size, request.embed),
    }
