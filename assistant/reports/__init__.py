"""Coordinator reports: programme figures aggregated in SQL, privacy-gated, in four formats.

`build_report(store_or_engine, today=...)` returns a `ProgrammeReport`; `render(report, format)`
turns it into text. The TUI and the CLI both call these two and nothing else.
"""

from assistant.reports.build import build_report
from assistant.reports.model import ProgrammeReport, Suppressed
from assistant.reports.render import FORMATS, render

__all__ = ["FORMATS", "ProgrammeReport", "Suppressed", "build_report", "render"]
