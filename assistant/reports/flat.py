"""The report as one flat table of (metric, breakdown, period, value) rows, for the CSV format.

`breakdown` is empty or `key=value` pairs joined by ";" (e.g. `role=leader;months=3`),
`period` is empty or a month `YYYY-MM`, and `value` is a number, `suppressed`, empty (nothing to
measure), or for `at_risk.reason` the reason's code. Rows come in the JSON's order.
"""

from collections.abc import Iterator
from datetime import date

from assistant.reports.model import ProgrammeReport, SideRatings, Suppressed, Value

FlatRow = tuple[str, str, str, str]
COLUMNS: FlatRow = ("metric", "breakdown", "period", "value")


def _cell(value: Value | str | date) -> str:
    if isinstance(value, Suppressed):
        return "suppressed"
    return "" if value is None else str(value)


def flat_rows(report: ProgrammeReport) -> Iterator[FlatRow]:
    yield from _meta(report)
    yield from _totals(report)
    yield from _ratings(report)
    a = report.accountability
    for name in ("made", "done", "dropped", "open", "overdue", "completion_rate"):
        yield f"accountability.{name}", "", "", _cell(getattr(a, name))
    for o in report.objectives:
        for name in ("pairs", "objectives", "mean_progress", "completed_share"):
            yield f"objectives.{name}", f"kind={o.kind}", "", _cell(getattr(o, name))
    for r in report.retention:
        for name in ("eligible", "still_active_share"):
            yield (
                f"retention.{name}",
                f"role={r.role};months={r.months}",
                "",
                _cell(getattr(r, name)),
            )
    for month in report.themes:
        yield "themes.sessions", "", month.month, _cell(month.sessions)
        for topic, count in month.topics.items():
            yield "themes.topic_sessions", f"topic={topic}", month.month, _cell(count)
    for pair in report.at_risk.pairs:
        for reason in pair.reasons:
            yield "at_risk.reason", f"pair={pair.pair_id};cohort={pair.cohort}", "", reason.code
    yield (
        "at_risk.not_assessed_without_consent",
        "",
        "",
        str(report.at_risk.not_assessed_without_consent),
    )
    yield from _nudges(report)
    yield from _impact(report)


def _meta(report: ProgrammeReport) -> Iterator[FlatRow]:
    yield "meta.schema_version", "", "", str(report.schema_version)
    for name in ("generated_for", "cohort", "since", "min_group_size", "suppressed_values"):
        yield f"meta.{name}", "", "", _cell(getattr(report.meta, name))


def _totals(report: ProgrammeReport) -> Iterator[FlatRow]:
    t = report.totals
    for status in ("active", "paused", "closed", "total", "consenting"):
        yield "totals.pairs", f"status={status}", "", str(getattr(t.pairs, status))
    for name in (
        "sessions_held",
        "sessions_per_pair_median",
        "median_days_between_sessions",
        "cadence_met_share",
    ):
        yield f"totals.{name}", "", "", _cell(getattr(t, name))


def _side_rows(side: str, ratings: SideRatings, period: str) -> Iterator[FlatRow]:
    yield "ratings.safety_mean", f"side={side}", period, _cell(ratings.safety_mean)
    yield "ratings.usefulness_mean", f"side={side}", period, _cell(ratings.usefulness_mean)


def _ratings(report: ProgrammeReport) -> Iterator[FlatRow]:
    r = report.ratings
    yield from _side_rows("leader", r.leader, "")
    yield from _side_rows("mentor", r.mentor, "")
    for month in r.by_month:
        yield from _side_rows("leader", month.leader, month.month)
        yield from _side_rows("mentor", month.mentor, month.month)


def _nudges(report: ProgrammeReport) -> Iterator[FlatRow]:
    yield "nudges.total", "", "", _cell(report.nudges.total)
    for kind, count in report.nudges.by_kind.items():
        yield "nudges.count", f"kind={kind}", "", _cell(count)


def _impact(report: ProgrammeReport) -> Iterator[FlatRow]:
    fit = report.pairing_fit
    for name in ("respondents", "mean", "poor_pairs"):
        yield f"pairing_fit.{name}", "", "", _cell(getattr(fit, name))
    for o in report.outcomes:
        for name in ("people", "before_mean", "after_mean", "change", "p_value", "effect_size"):
            yield f"outcomes.{name}", f"scale={o.scale};side={o.side}", "", _cell(getattr(o, name))
    yield "nps.respondents", "", "", _cell(report.nps.respondents)
    yield "nps.score", "", "", _cell(report.nps.score)
    for theme in report.feedback_themes:
        where = f"theme={theme.label};words={' '.join(theme.words)}"
        yield "feedback_themes.pairs", where, "", str(theme.pairs)
        yield "feedback_themes.sessions", where, "", str(theme.sessions)
