"""Review (coordinator): the programme report on screen, with the privacy of `rmcoach report`.

Everything shown comes from `build_report`: counts, aggregated ratings and risk reasons made of
dates and numbers. No summary text and no private note can reach this screen.
"""

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from assistant.drafts import write_atomically
from assistant.reports.model import PairAtRisk, ProgrammeReport, Suppressed, Value
from assistant.tui.commands import PaletteCommand
from assistant.tui.services import Services
from assistant.tui.widgets.charts import BarChart, LineChart, month_label

EXTENSIONS = {"csv": "csv", "json": "json", "md": "md"}
RISK_COLUMNS = ("Pair", "Cohort", "Reasons", "Why")

HELP = """\
## Review

The programme as it stands today, for every cohort. Figures count only pairs whose two
participants agreed to share; a figure over fewer pairs than the minimum group size shows as
**withheld**. No summary text or private note is ever shown here.

- The table lists pairs at risk and why. Type in the filter box to narrow it; click a column
  heading to sort by it (again to reverse), or press **s** to sort by the next column.
- **Ctrl+E** exports the report as CSV, **Ctrl+J** as JSON, **Ctrl+K** as Markdown, under the
  `exports` folder of your rmcoach home.
"""


class ReviewScreen(Screen[None]):
    HELP = HELP
    BINDINGS = [
        Binding("ctrl+e", "export('csv')", "Export CSV"),
        Binding("ctrl+j", "export('json')", "JSON", show=False),
        Binding("ctrl+k", "export('md')", "Markdown", show=False),
        Binding("s", "sort", "Sort"),
        Binding("slash", "focus_filter", "Filter"),
        Binding("ctrl+r", "refresh_report", "Refresh", show=False),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
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
                yield DataTable(id="at-risk", cursor_type="row", zebra_stripes=True)
                yield Static("", id="risk-note")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = "Review · the whole programme"
        self.query_one("#risk").border_title = "Pairs at risk"
        self.query_one("#at-risk", DataTable).add_columns(*RISK_COLUMNS)
        self.action_refresh_report()

    @work(exclusive=True, group="report", thread=True)
    def action_refresh_report(self) -> None:
        from assistant.reports.build import build_report

        self.app.call_from_thread(setattr, self.query_one("#review-body"), "loading", True)
        try:
            report = build_report(
                self.services.store,
                today=self.services.today,
                min_group_size=self.services.settings.min_group_size,
            )
        except Exception as error:
            self.app.call_from_thread(
                self.notify, f"Could not build the report: {error}.", severity="error"
            )
            return
        finally:
            self.app.call_from_thread(setattr, self.query_one("#review-body"), "loading", False)
        self.app.call_from_thread(self._show, report)

    def _show(self, report: ProgrammeReport) -> None:
        self.report = report
        self._show_totals(report)
        self._show_charts(report)
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
        self.query_one("#commitments-chart", BarChart).draw(
            f"Commitments: {_percent(kept.completion_rate)} kept",
            ["done", "open", "overdue", "dropped"],
            [kept.done, kept.open, kept.overdue, kept.dropped],
            horizontal=True,
        )

    def _show_risks(self) -> None:
        if self.report is None:
            return
        needle = self.query_one("#risk-filter", Input).value.strip().lower()
        rows = [_risk_row(pair) for pair in self.report.at_risk.pairs]
        rows = [row for row in rows if needle in " ".join(row).lower()]
        rows.sort(key=lambda row: row[self._sort_column], reverse=self._reverse)
        table = self.query_one("#at-risk", DataTable)
        table.clear()
        table.add_rows(rows)

    @on(Input.Changed, "#risk-filter")
    def _filter(self) -> None:
        self._show_risks()

    @on(DataTable.HeaderSelected, "#at-risk")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        self._sort_by(event.column_index)

    def action_sort(self) -> None:
        """Sort by the next column; clicking a heading sorts by that one."""
        self._sort_by((self._sort_column + 1) % len(RISK_COLUMNS))

    def _sort_by(self, column: int) -> None:
        self._reverse = not self._reverse if column == self._sort_column else False
        self._sort_column = column
        self._show_risks()
        direction = "descending" if self._reverse else "ascending"
        self.notify(f"Sorted by {RISK_COLUMNS[column].lower()}, {direction}.", timeout=2)

    def action_focus_filter(self) -> None:
        self.query_one("#risk-filter", Input).focus()

    def action_export(self, format: str) -> None:
        if self.report is None:
            self.notify("The report is still being built; try again in a moment.")
            return
        from assistant.reports.render import render

        folder = self.services.settings.home / "exports"
        path = folder / f"report-{self.services.today}.{EXTENSIONS[format]}"
        write_atomically(path, render(self.report, format))  # type: ignore[arg-type]
        self.notify(f"Report exported to {path}", title="Exported", timeout=10)

    def palette_commands(self) -> list[PaletteCommand]:
        names = {"csv": "CSV", "json": "JSON", "md": "Markdown"}
        return [
            PaletteCommand(
                f"Export report as {name}",
                f"Write the programme report as {name}",
                lambda f=fmt: self.action_export(f),
            )
            for fmt, name in names.items()
        ]


def _risk_row(pair: PairAtRisk) -> tuple[str, str, str, str]:
    codes = ", ".join(reason.code.replace("-", " ") for reason in pair.reasons)
    details = "; ".join(reason.detail for reason in pair.reasons)
    return (pair.pair_id, pair.cohort, codes, details)


def _number(value: Value, unit: str = "") -> str:
    if isinstance(value, Suppressed):
        return "withheld"
    return f"{value:.1f}{unit}" if isinstance(value, float) else f"{value}{unit}"


def _percent(value: Value) -> str:
    return "withheld" if isinstance(value, Suppressed) else f"{value:.0%}"
