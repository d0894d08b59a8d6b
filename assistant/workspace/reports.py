"""Use cases for coordinators: the programme report and the nudges due, as of today."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from assistant.workspace.errors import InvalidInput
from assistant.workspace.parts import Parts

if TYPE_CHECKING:
    from assistant.accountability.nudges import Nudge
    from assistant.reports.model import ProgrammeReport
    from assistant.reports.render import Format
    from assistant.workspace.exports import Exported


class ReportUseCases(Parts):
    async def report(
        self,
        *,
        cohort: str | None = None,
        since: date | None = None,
        min_group_size: int | None = None,
    ) -> ProgrammeReport:
        """The privacy-gated report; `min_group_size` defaults to the setting."""
        from assistant.reports import build_report

        today = self.today()
        if since is not None and since > today:
            raise InvalidInput(
                f"the start date {since} is after the report date {today}", "give an earlier date"
            )
        await self.off_loop(lambda: self.require("report"))
        k = min_group_size or self.settings.min_group_size
        return await self.off_loop(
            lambda: build_report(
                self.store, today=today, cohort=cohort, since=since, min_group_size=k
            )
        )

    def render_report(self, report: ProgrammeReport, format: Format, width: int = 100) -> str:
        from assistant.reports import render

        return render(report, format, width=width)

    async def export_report(self, report: ProgrammeReport, format: Format) -> Exported:
        """The report written as `report-<today>.<csv|json|md|txt>` under the exports folder; a
        second export that day gets a name of its own, and the first is kept."""
        from assistant.reports import render
        from assistant.workspace.exports import write_export

        text = render(report, format)
        folder = self.settings.home / "exports"
        stem = f"report-{self.today()}"
        extension = "txt" if format == "table" else format
        return await self.off_loop(lambda: write_export(folder, stem, extension, text))

    async def nudges(self) -> tuple[list[Nudge], int]:
        """Who needs a nudge today and why; and how many active pairs could not be assessed
        (a participant did not consent to share)."""
        from assistant.accountability.nudges import not_assessed, nudges_for
        from assistant.accountability.survey_nudges import survey_nudges

        today = self.today()
        await self.off_loop(lambda: self.require("nudges"))

        def due() -> tuple[list[Nudge], int]:
            found = nudges_for(self.store, today) + survey_nudges(self.store, today)
            return found, not_assessed(self.store)

        return await self.off_loop(due)
