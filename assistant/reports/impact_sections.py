"""The impact section laid out for people: outcomes by Kirkpatrick level, change per scale, NPS,
and the feedback themes. Drawn by the table and markdown formats like every other section."""

from assistant.reports.model import Outcome, ProgrammeReport, Suppressed, Value
from assistant.reports.sections import SUPPRESSED, TextSection, fmt, percent
from assistant.surveys.catalogue import bundled_surveys


def impact_sections(report: ProgrammeReport) -> list[TextSection]:
    return [_levels(report), _change(report), _feedback(report)]


def _levels(report: ProgrammeReport) -> TextSection:
    """Each Kirkpatrick level with the figures behind it, most of them from other sections."""
    r, fit, nps = report.ratings, report.pairing_fit, report.nps
    objectives = [o for o in report.objectives if not isinstance(o.mean_progress, Suppressed)]
    progress = ", ".join(f"{o.kind} {fmt(o.mean_progress, ' %', 0)}" for o in objectives)
    retention = [
        f"{row.role}s {percent(row.still_active_share)}"
        for row in report.retention
        if row.months == 6
    ]
    shown = [o for o in report.outcomes if not isinstance(o.change, Suppressed)]
    learning = "; ".join(f"{o.side} {o.scale} {_signed(o.change)}" for o in shown)
    rows = [
        ["1 reaction", "session usefulness (1-5)",
         f"leaders {fmt(r.leader.usefulness_mean)}, mentors {fmt(r.mentor.usefulness_mean)}"],
        ["1 reaction", "pairing fit (mean item, 1-5)",
         f"{fmt(fit.mean)} from {fmt(fit.respondents)} answers, "
         f"{fmt(fit.poor_pairs)} poor-fit pairs"],
        ["1 reaction", "net promoter score (-100 to 100)",
         f"{fmt(nps.score, digits=0)} from {fmt(nps.respondents)} answers"],
        ["2 learning", "baseline to closing change",
         learning or f"{SUPPRESSED} or not yet measured (below)"],
        ["3 behaviour", "commitments kept", percent(report.accountability.completion_rate)],
        ["3 behaviour", "objective progress (mean)", progress or SUPPRESSED],
        ["4 results", "still in the programme after 6 months", ", ".join(retention)],
    ]  # fmt: skip
    return TextSection("Impact by Kirkpatrick level", ["level", "measure", "figures"], rows,
                       text_columns=3)  # fmt: skip


def _signed(value: Value) -> str:
    return f"{value:+.1f}" if isinstance(value, int | float) else fmt(value)


def _change(report: ProgrammeReport) -> TextSection:
    catalogue = bundled_surveys()

    def row(o: Outcome) -> list[str]:
        low, high = catalogue.scale(o.scale).score_range
        return [
            f"{o.side} {catalogue.scale(o.scale).title.lower()} ({low}-{high})",
            fmt(o.people),
            fmt(o.before_mean, digits=1),
            fmt(o.after_mean, digits=1),
            _signed(o.change),
            fmt(o.p_value, digits=3),
            fmt(o.effect_size),
        ]

    k = report.meta.min_group_size
    return TextSection(
        "Learning: baseline to closing, people who answered both",
        ["scale", "people", "before", "after", "change", "p (Wilcoxon)", "effect r"],
        [row(o) for o in report.outcomes],
        [f"Withheld under {k} people; effect r is the rank-biserial correlation (-1 to 1)."],
    )


def _feedback(report: ProgrammeReport) -> TextSection:
    k = report.meta.min_group_size
    rows = [
        [theme.label, ", ".join(theme.words), str(theme.pairs), str(theme.sessions)]
        for theme in report.feedback_themes
    ]
    note = (
        f"Themes in consenting pairs' shared text, named by words only; a theme or word from "
        f"fewer than {k} pairs is not shown."
    )
    return TextSection(
        "What people said (themes, never quotes)",
        ["theme", "words", "pairs", "sessions"],
        rows,
        [note] if rows else ["No theme is shared by enough pairs to show.", note],
        text_columns=2,
    )
