"""The report laid out for people: titled sections of text cells with units, bars and sparklines.

The table and markdown formats both draw these sections, so they always say the same thing;
only the drawing differs. A suppressed value reads "suppressed" (and "·" in a sparkline).
"""

from dataclasses import dataclass, field

from assistant.models import TOPICS
from assistant.reports.model import MonthRatings, ProgrammeReport, Retention, Suppressed, Value

SUPPRESSED = "suppressed"
NOT_APPLICABLE = "–"
_SPARKS = "▁▂▃▄▅▆▇█"
_BAR_WIDTH = 10


@dataclass(frozen=True)
class TextSection:
    title: str
    columns: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)
    text_columns: int = 1
    """How many leading columns hold text (left-aligned); the rest hold figures."""


def fmt(value: Value, unit: str = "", digits: int = 2) -> str:
    if isinstance(value, Suppressed):
        return SUPPRESSED
    if value is None:
        return NOT_APPLICABLE
    text = str(value) if isinstance(value, int) else f"{value:.{digits}f}"
    return f"{text}{unit}"


def percent(value: Value) -> str:
    if isinstance(value, Suppressed | None):
        return fmt(value)
    return f"{value * 100:.0f} %"


def _progress(value: Value) -> str:
    """A 0-100 value with a bar of _BAR_WIDTH cells before it."""
    if isinstance(value, Suppressed | None):
        return fmt(value)
    filled = round(_BAR_WIDTH * min(max(value / 100, 0.0), 1.0))
    return f"{'█' * filled}{'░' * (_BAR_WIDTH - filled)} {value:.0f} %"


def sparkline(values: list[Value], low: float, high: float) -> str:
    """One character per value on a fixed scale, so two sparklines on one scale compare."""
    marks = []
    for value in values:
        if isinstance(value, Suppressed | None):
            marks.append("·")
            continue
        position = (value - low) / (high - low)
        marks.append(_SPARKS[round(min(max(position, 0.0), 1.0) * (len(_SPARKS) - 1))])
    return "".join(marks)


def header(report: ProgrammeReport) -> list[str]:
    meta = report.meta
    window = f"sessions since {meta.since}" if meta.since else "all sessions"
    cohort = f"cohort {meta.cohort}" if meta.cohort else "all cohorts"
    return [
        f"Programme report · {cohort} · as of {meta.generated_for} · {window}",
        f"Breakdowns over fewer than {meta.min_group_size} pairs are suppressed "
        f"({meta.suppressed_values} values here); only pairs who both consented to share "
        "summaries are counted beyond the pair counts.",
    ]


#: A terminal shows a screenful of pairs at risk, those with the most reasons (laying out 1,600 of
#: them took most of a 5,000-pair report's time); the files list every one.
PAIRS_AT_RISK_IN_TABLE = 25
#: The topics grid in a terminal: the topic column, then a month column each, then the trend
#: (a character a month). As many months as fit, the latest: 24 months as columns folded every
#: header into a column of digits at 100 characters.
TOPIC_COLUMN, MONTH_COLUMN, GAP = 20, 7, 3


def sections(report: ProgrammeReport, width: int | None = None) -> list[TextSection]:
    """The report's sections as text; for a terminal `width` wide, the two long ones cut to fit
    (None: everything, for files)."""
    from assistant.reports.impact_sections import impact_sections  # it draws on this module

    return [
        _totals(report),
        _ratings(report),
        _ratings_by_month(report),
        _accountability(report),
        _objectives(report),
        _retention(report),
        _themes(report, None if width is None else _months_fitting(width, len(report.themes))),
        _at_risk(report, None if width is None else PAIRS_AT_RISK_IN_TABLE),
        _nudges(report),
        *impact_sections(report),
    ]


def _totals(report: ProgrammeReport) -> TextSection:
    t, p = report.totals, report.totals.pairs
    return TextSection(
        "Programme totals",
        ["", "value"],
        [
            ["Pairs", f"{p.total} ({p.active} active, {p.paused} paused, {p.closed} closed)"],
            ["Pairs counted (both consented)", str(p.consenting)],
            ["Sessions held", fmt(t.sessions_held)],
            ["Sessions per pair (median)", fmt(t.sessions_per_pair_median, digits=1)],
            ["Days between sessions (median)", fmt(t.median_days_between_sessions, " days", 1)],
            ["Active pairs meeting their cadence", percent(t.cadence_met_share)],
        ],
    )


def _ratings(report: ProgrammeReport) -> TextSection:
    r = report.ratings
    return TextSection(
        "Psychological safety and usefulness (mean per side)",
        ["", "leader", "mentor"],
        [
            ["Safety", fmt(r.leader.safety_mean, " / 7"), fmt(r.mentor.safety_mean, " / 7")],
            [
                "Usefulness",
                fmt(r.leader.usefulness_mean, " / 5"),
                fmt(r.mentor.usefulness_mean, " / 5"),
            ],
        ],
    )


_MONTHLY = (
    ("leader safety", "leader", "safety_mean", 7),
    ("mentor safety", "mentor", "safety_mean", 7),
    ("leader usefulness", "leader", "usefulness_mean", 5),
    ("mentor usefulness", "mentor", "usefulness_mean", 5),
)


def _ratings_by_month(report: ProgrammeReport) -> TextSection:
    months = report.ratings.by_month

    def value(month: MonthRatings, side: str, measure: str) -> Value:
        return getattr(getattr(month, side), measure)

    rows = [
        [month.month, *(fmt(value(month, side, measure)) for _, side, measure, _ in _MONTHLY)]
        for month in months
    ]
    trend = [
        sparkline([value(month, side, measure) for month in months], 1, top)
        for _, side, measure, top in _MONTHLY
    ]
    return TextSection(
        "Ratings by month (safety 1-7, usefulness 1-5)",
        ["month", *(name for name, *_ in _MONTHLY)],
        [*rows, ["trend", *trend]] if months else [],
        [] if months else ["No rated sessions in this period."],
    )


def _accountability(report: ProgrammeReport) -> TextSection:
    a = report.accountability
    return TextSection(
        "Accountability (commitments made in the period)",
        ["", "value"],
        [
            ["Made", fmt(a.made)],
            ["Done", fmt(a.done)],
            ["Dropped", fmt(a.dropped)],
            ["Open", fmt(a.open)],
            ["Overdue (open, past due)", fmt(a.overdue)],
            ["Completion rate (done of not dropped)", percent(a.completion_rate)],
        ],
    )


def _objectives(report: ProgrammeReport) -> TextSection:
    rows = [
        [
            o.kind,
            fmt(o.pairs),
            fmt(o.objectives),
            _progress(o.mean_progress),
            percent(o.completed_share),
        ]
        for o in report.objectives
    ]
    return TextSection(
        "Objectives by kind (latest progress, 0-100)",
        ["kind", "pairs", "objectives", "mean progress", "completed"],
        rows,
        [] if rows else ["No objectives recorded."],
    )


def _retention_cell(row: Retention) -> str:
    if isinstance(row.still_active_share, Suppressed):
        return SUPPRESSED
    return f"{percent(row.still_active_share)} of {fmt(row.eligible)}"


def _retention(report: ProgrammeReport) -> TextSection:
    rows = [
        [f"{role}s", *(_retention_cell(r) for r in report.retention if r.role == role)]
        for role in ("leader", "mentor")
    ]
    return TextSection(
        "Retention (still in the programme after)",
        ["role", "3 months", "6 months", "12 months"],
        rows,
    )


def _cell(value: Value) -> str:
    """A figure in a wide month-by-month grid, where "suppressed" would not fit."""
    return "·" if isinstance(value, Suppressed) else fmt(value)


def _months_fitting(width: int, months: int) -> int:
    free = width - (TOPIC_COLUMN + GAP) - (months + GAP)
    return max(1, free // (MONTH_COLUMN + GAP))


def _themes(report: ProgrammeReport, latest: int | None) -> TextSection:
    months = report.themes
    shown = len(months) if latest is None else min(latest, len(months))
    covered = {topic for month in months for topic in month.topics}
    session_counts = [month.sessions for month in months]
    peak = max([v for v in session_counts if isinstance(v, int)] or [1])

    def row(label: str, counts: list[Value]) -> list[str]:
        recent = counts[len(counts) - shown :]
        return [label, *map(_cell, recent), sparkline(counts, 0, peak)]

    rows = [row("sessions held", session_counts)]
    for topic in (topic for topic in TOPICS if topic in covered):
        rows.append(row(topic, [month.topics.get(topic, 0) for month in months]))
    k = report.meta.min_group_size
    notes = [f"· suppressed: fewer than {k} pairs"] if months else ["No sessions in this period."]
    if shown < len(months):
        notes.append(
            f"The latest {shown} of {len(months)} months; the trend spans them all, and "
            "--format csv, md or json gives every month's figures."
        )
    return TextSection(
        "Themes: sessions covering each topic, by month",
        ["topic", *(month.month for month in months[len(months) - shown :]), "trend"],
        rows if months else [],
        notes,
    )


def _at_risk(report: ProgrammeReport, shown: int | None) -> TextSection:
    risk = report.at_risk
    rows = [
        [pair.pair_id, pair.cohort, "\n".join(r.detail for r in pair.reasons)]
        for pair in risk.pairs[:shown]
    ]
    notes = [] if rows else ["No active pair is at risk."]
    if len(rows) < len(risk.pairs):
        more = len(risk.pairs) - len(rows)
        notes.append(
            f"… and {more:,} more pair{'s' if more != 1 else ''} at risk (most reasons first); "
            "--format csv, md or json lists every one."
        )
    if risk.not_assessed_without_consent:
        notes.append(
            f"{risk.not_assessed_without_consent} active pair(s) not assessed: "
            "a participant did not consent to share summaries."
        )
    return TextSection("Pairs at risk", ["pair", "cohort", "reasons"], rows, notes, text_columns=3)


def _nudges(report: ProgrammeReport) -> TextSection:
    nudges = report.nudges
    rows = [[kind, fmt(count)] for kind, count in nudges.by_kind.items()]
    return TextSection(
        f"Nudges due on {report.meta.generated_for} (see `rmcoach nudges`)",
        ["kind", "nudges"],
        [*rows, ["all kinds", fmt(nudges.total)]],
    )
