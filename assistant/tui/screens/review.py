"""Review (coordinator): the programme report on screen, with the privacy of `rmcoach report`.

Everything shown comes from `build_report`: counts, aggregated ratings and risk reasons made of
dates and numbers. No summary text and no private note can reach this screen.
"""

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from assistant.reports.model import PairAtRisk, ProgrammeReport, Suppressed, Value
from assistant.tui.access import workspace_of
from assistant.tui.commands import PaletteCommand
from assistant.tui.day import DayTurned
from assistant.tui.loading import loaded
from assistant.tui.widgets.charts import BarChart, BeforeAfterChart, LineChart, month_label
from assistant.tui.widgets.fitted_table import FittedTable
from assistant.workspace.exports import write_export

if TYPE_CHECKING:
    from assistant.reports.render import Format
    from assistant.surveys.catalogue import SurveyCatalogue

EXTENSIONS: "dict[Format, str]" = {"csv": "csv", "json": "json", "md": "md"}
RISK_COLUMNS = ("Pair", "Cohort", "Reasons", "Why")

HELP = """\
## Review

The programme as it stands today, for every cohort. Figures count only pairs whose two
participants agreed to share; a figure over fewer pairs than the minimum group size shows as
**withheld**. No summary text or private note is ever shown here.

- The table lists pairs at risk and why. Type in the filter box (**/**) to narrow it; **Escape**
  leaves the box. Press **s** to reverse the order and **c** to sort by the next column, or click
  a column heading (again to reverse); the heading's arrow shows the order.
- Below the pairs at risk, **impact**: each scale's mean item answer at baseline and at closing, for
  people who answered both (withheld under the minimum group size), the net promoter score,
  pairing fit, and the themes in what people wrote, as words, never quotes.
- **Ctrl+E** exports the report as CSV, **Ctrl+J** as JSON, **Ctrl+K** as Markdown, under the
  `exports` folder of your rmcoach home; a second export on one day gets a file of its own.
"""


class ReviewScreen(Screen[None]):
    HELP = HELP
    BINDINGS = [
        # Priority: the filter box would otherwise take Ctrl+E and Ctrl+K as its own editing keys.
        Binding("ctrl+e", "export('csv')", "Export CSV", priority=True),
        Binding("ctrl+j", "export('json')", "JSON", show=False, priority=True),
        Binding("ctrl+k", "export('md')", "Markdown", show=False, priority=True),
        Binding("s", "reverse", "Reverse"),
        Binding("c", "sort", "Next column"),
        Binding("slash", "focus_filter", "Filter"),
        Binding("escape", "leave_filter", show=False),
        Binding("ctrl+r", "refresh_report", "Refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: ProgrammeReport | None = None
        self._sort_column = 0
        self._reverse = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="review-body"):
            yield Horizontal(id="totals")
            with Horizontal(id="charts"):
                yield LineChart(id="safety-chart")
                yield BarChart(id="sessions-chart")
                yield BarChart(id="commitments-chart")
            with Vertical(id="risk"):
                yield Input(
                    placeholder="Filter pairs at risk: pair, cohort or reason", id="risk-filter"
                )
                # Each reason on a line of its own; the Why column wraps rather than runs off.
                yield FittedTable(wrap=True, id="at-risk", cursor_type="row", zebra_stripes=True)
                yield Static("", id="risk-note")
            with Horizontal(id="impact"):
                yield BeforeAfterChart(id="change-chart")
                yield Static(id="impact-note", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Review · the whole programme"
        self.query_one("#risk").border_title = "Pairs at risk"
        self.action_refresh_report()

    @on(DayTurned)
    def _day_turned(self) -> None:
        self.action_refresh_report()

    @work(exclusive=True, group="report")
    async def action_refresh_report(self) -> None:
        body, workspace = self.query_one("#review-body"), workspace_of(self)
        building = asyncio.gather(workspace.report(), workspace.survey_catalogue())
        built = await loaded(body, building, "Could not build the report", "Ctrl+R tries again.")
        if built is not None:
            self._show(*built)

    def _show(self, report: ProgrammeReport, catalogue: "SurveyCatalogue") -> None:
        self.report = report
        self._show_totals(report)
        self._show_charts(report)
        self._show_impact(report, catalogue)
        self._show_risks()
        unassessed = report.at_risk.not_assessed_without_consent
        note = f"{unassessed} active pair(s) not assessed: a participant has not consented."
        withheld = report.meta.suppressed_values
        if withheld:
            note += (
                f" {withheld} figure(s) withheld: fewer than {report.meta.min_group_size} pairs."
            )
        self.query_one("#risk-note", Static).update(note)

    def _show_totals(self, report: ProgrammeReport) -> None:
        totals, pairs = report.totals, report.totals.pairs
        stats = [
            ("Active pairs", f"{pairs.active} of {pairs.total}"),
            ("Sessions held", _number(totals.sessions_held)),
            ("Days between sessions", _number(totals.median_days_between_sessions)),
            ("Commitments kept", _percent(report.accountability.completion_rate)),
            ("Safety (leaders)", _number(report.ratings.leader.safety_mean, "/7")),
            ("At risk", str(len(report.at_risk.pairs))),
        ]
        box = self.query_one("#totals", Horizontal)
        box.remove_children()
        box.mount_all(Static(f"[b]{value}[/b]\n{label}", classes="stat") for label, value in stats)

    def _show_charts(self, report: ProgrammeReport) -> None:
        months = [month.month for month in report.ratings.by_month]
        self.query_one("#safety-chart", LineChart).draw(
            "Psychological safety (1-7)",
            months,
            {
                "leaders": [m.leader.safety_mean for m in report.ratings.by_month],
                "mentors": [m.mentor.safety_mean for m in report.ratings.by_month],
            },
            (1, 7),
        )
        self.query_one("#sessions-chart", BarChart).draw(
            "Sessions per month",
            [month_label(theme.month) for theme in report.themes],
            [theme.sessions for theme in report.themes],
        )
        kept = report.accountability
        counts = {"done": kept.done, "open": kept.open, "overdue": kept.overdue}
        counts["dropped"] = kept.dropped
        self.query_one("#commitments-chart", BarChart).draw(
            f"Commitments: {_percent(kept.completion_rate)} kept",
            # The count in the label: bars alone give only a rough size.
            [f"{label} {_number(count)}" for label, count in counts.items()],
            list(counts.values()),
            horizontal=True,
        )

    def _show_impact(self, report: ProgrammeReport, catalogue: "SurveyCatalogue") -> None:
        labels, before, after = [], [], []
        for o in report.outcomes:
            items = len(catalogue.scale(o.scale).items)
            labels.append(f"{o.side[0].upper()} {o.scale}")
            before.append(_per_item(o.before_mean, items))
            after.append(_per_item(o.after_mean, items))
        k = report.meta.min_group_size
        chart = self.query_one("#change-chart", BeforeAfterChart)
        chart.display = any(isinstance(value, float) for value in after)
        chart.draw("Baseline to closing (mean item answer)", labels, before, after, 7)
        fit, nps = report.pairing_fit, report.nps
        themes = [t.label for t in report.feedback_themes if t.label != "other"]
        lines = (
            []
            if chart.display
            else [f"Baseline to closing: withheld, fewer than {k} people answered both.", ""]
        )
        lines += [
            f"NPS: {_number(nps.score)} ({_number(nps.respondents)} answers)",
            f"Pairing fit: {_number(fit.mean, '/5')}, poor: {_number(fit.poor_pairs)}",
            "What people said (themes, never quotes):",
            *(f"· {label}" for label in themes[:6]),
        ]
        self.query_one("#impact-note", Static).update("\n".join(lines))

    def _show_risks(self) -> None:
        if self.report is None:
            return
        needle = self.query_one("#risk-filter", Input).value.strip().lower()
        rows = [_risk_row(pair) for pair in self.report.at_risk.pairs]
        rows = [row for row in rows if needle in " ".join(row).lower()]
        rows.sort(key=lambda row: row[self._sort_column], reverse=self._reverse)
        headings = [self._heading(index) for index in range(len(RISK_COLUMNS))]
        self.query_one(FittedTable).fill(headings, rows)

    def _heading(self, column: int) -> str:
        arrow = (" ▼" if self._reverse else " ▲") if column == self._sort_column else ""
        return RISK_COLUMNS[column] + arrow

    @on(Input.Changed, "#risk-filter")
    def _filter(self) -> None:
        self._show_risks()

    @on(DataTable.HeaderSelected, "#at-risk")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        self._sort_by(event.column_index)

    def action_sort(self) -> None:
        """Sort by the next column, ascending; clicking a heading sorts by that one."""
        self._sort_by((self._sort_column + 1) % len(RISK_COLUMNS))

    def action_reverse(self) -> None:
        self._sort_by(self._sort_column)

    def _sort_by(self, column: int) -> None:
        self._reverse = not self._reverse if column == self._sort_column else False
        self._sort_column = column
        self._show_risks()

    def action_focus_filter(self) -> None:
        self.query_one("#risk-filter", Input).focus()

    def action_leave_filter(self) -> None:
        self.query_one("#at-risk", DataTable).focus()

    def action_export(self, format: "Format") -> None:
        if self.report is None:
            self.notify("The report is still being built; try again in a moment.")
            return
        workspace = workspace_of(self)
        rendered = workspace.render_report(self.report, format)
        written = write_export(
            workspace.settings.home / "exports",
            f"report-{workspace.today()}",
            EXTENSIONS[format],
            rendered,
        )
        self.notify(f"Report exported to {written}", title="Exported", timeout=10)

    def palette_commands(self) -> list[PaletteCommand]:
        names: dict[Format, str] = {"csv": "CSV", "json": "JSON", "md": "Markdown"}
        return [
            PaletteCommand(
                f"Export report as {name}",
                f"Write the programme report as {name}",
                partial(self.action_export, fmt),
            )
            for fmt, name in names.items()
        ]


def _risk_row(pair: PairAtRisk) -> tuple[str, str, str, str]:
    codes = "\n".join(reason.code.replace("-", " ") for reason in pair.reasons)
    details = "\n".join(reason.detail for reason in pair.reasons)
    return (pair.pair_id, pair.cohort, codes, details)


def _number(value: Value, unit: str = "") -> str:
    if isinstance(value, Suppressed):
        return "withheld"
    return f"{value:.1f}{unit}" if isinstance(value, float) else f"{value}{unit}"


def _per_item(value: Value, items: int) -> Value:
    return value / items if isinstance(value, int | float) else value


def _percent(value: Value) -> str:
    return "withheld" if isinstance(value, Suppressed) else f"{value:.0%}"
