"""`build_report`: the one entry point the CLI, the TUI and tools call for a report."""

from datetime import date

from sqlalchemy import Engine

from assistant import locations
from assistant.reports.activity import monthly, ratings, themes, totals_and_ratings
from assistant.reports.feedback import Embed, cached_embedder, feedback_themes
from assistant.reports.gate import Gate
from assistant.reports.impact import nps, outcomes, pairing_fit, survey_scores
from assistant.reports.model import ProgrammeReport, ReportMeta
from assistant.reports.nudges import nudge_summary
from assistant.reports.queries import accountability, objective_kinds, pair_counts, retention
from assistant.reports.risk import at_risk
from assistant.reports.scope import report_scope
from assistant.store import Store


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
    All queries run in one transaction on one connection, so the sections agree. `embed`
    turns feedback passages into vectors (default: the local model, cached under the data
    folder).
    """
    if min_group_size < 1:
        raise ValueError(f"min_group_size must be at least 1, not {min_group_size}")
    engine = source.engine if isinstance(source, Store) else source
    gate = Gate(min_group_size)
    meta = ReportMeta(
        generated_for=today, cohort=cohort, since=since, min_group_size=min_group_size
    )
    with engine.connect() as conn, report_scope(conn, today, cohort, since) as scope:
        counts, consenting = pair_counts(conn, scope)
        totals, leader, mentor = totals_and_ratings(conn, scope, gate, counts)
        months = monthly(conn, scope)
        scores = survey_scores(conn, scope)
        embed = embed or cached_embedder(locations.data_home())
        report = ProgrammeReport(
            meta=meta,
            totals=totals,
            ratings=ratings((leader, mentor), months, gate),
            accountability=accountability(conn, scope, gate),
            objectives=objective_kinds(conn, scope, gate),
            retention=retention(conn, scope, cohort, gate),
            themes=themes(conn, scope, gate, months),
            at_risk=at_risk(conn, scope, consenting.get("active", 0), counts.active),
            nudges=nudge_summary(conn, today, cohort, gate),
            pairing_fit=pairing_fit(scores, gate),
            outcomes=outcomes(scores, gate),
            nps=nps(scores, gate),
            feedback_themes=feedback_themes(conn, scope, min_group_size, embed),
        )
    meta = meta.model_copy(update={"suppressed_values": gate.suppressed})
    return report.model_copy(update={"meta": meta})
