"""What the report's impact section costs on the large demo: 2,000 pairs over 24 months.

Loads `rmcoach demo --pairs 2000 --months 24` (about 70,000 sessions and its survey answers)
into a SQLite file, then times, best of five on one connection inside the report's scope:
the survey scores and their figures (pairing fit, outcomes with the Wilcoxon test, NPS), the
feedback themes with their passage vectors cached (as every report after the first), the
at-risk rule `poor-fit`, and the survey nudge counts; and once, the feedback themes with an
empty vector cache (the first report on a new data folder). The full report is timed as well,
best and median of five, so the section's share shows.

`python benchmarks/impact.py [HOME]` reuses the demo already in HOME (made with
`rmcoach demo --pairs 2000 --months 24 --today 2026-11-20`) instead of generating one.
"""

import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

from assistant.config import Settings
from assistant.demo import generate, write_programme
from assistant.reports import build_report, render
from assistant.reports.feedback import cached_embedder, feedback_themes
from assistant.reports.gate import Gate
from assistant.reports.impact import nps, outcomes, pairing_fit, survey_scores
from assistant.reports.nudges import _survey_tallies
from assistant.reports.risk import _poor_fit
from assistant.reports.scope import report_scope
from assistant.store import Store

TODAY = date(2026, 11, 20)
RUNS = 5


def best(action: Callable[[], object]) -> float:
    found = []
    for _ in range(RUNS):
        began = time.perf_counter()
        action()
        found.append(time.perf_counter() - began)
    return min(found)


def full_reports(store: Store, without_impact: bool = False) -> list[float]:
    """The full report's times, alternately with the impact section's queries left out (their
    results empty), so the two are measured under the same load."""
    import assistant.reports.build as build

    saved = {name: getattr(build, name) for name in _IMPACT}
    if without_impact:
        scores: dict[str, dict[object, object]] = defaultdict(dict)
        build.survey_scores = lambda conn, scope: scores  # type: ignore[assignment]
        build.feedback_themes = lambda conn, scope, k, embed: []  # type: ignore[assignment]
        build.nudge_summary = _session_nudges_only  # type: ignore[assignment]
    try:
        found = []
        for _ in range(RUNS):
            began = time.perf_counter()
            render(build_report(store, today=TODAY), "json")
            found.append(time.perf_counter() - began)
        return found
    finally:
        for name, value in saved.items():
            setattr(build, name, value)


_IMPACT = ("survey_scores", "feedback_themes", "nudge_summary")


def _session_nudges_only(conn: object, today: date, cohort: str | None, gate: Gate) -> object:
    import assistant.reports.nudges as nudges

    saved = nudges._survey_tallies
    nudges._survey_tallies = lambda conn, today, cohort: {}  # type: ignore[assignment]
    try:
        return nudges.nudge_summary(conn, today, cohort, gate)  # type: ignore[arg-type]
    finally:
        nudges._survey_tallies = saved


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(sys.argv[1] if len(sys.argv) > 1 else folder)
        store = Store.open(Settings(home=home))
        if len(sys.argv) == 1:
            began = time.perf_counter()
            programme = generate(pairs=2000, months=24, today=TODAY)
            sessions = write_programme(store, programme)
            print(
                f"demo 2,000 pairs x 24 months: {sessions:,} sessions, "
                f"{time.perf_counter() - began:.1f} s"
            )
        embed = cached_embedder(home)
        with store.engine.connect() as conn, report_scope(conn, TODAY, None, None) as scope:
            began = time.perf_counter()
            themes = feedback_themes(conn, scope, 5, embed)
            cold = time.perf_counter() - began

            def figures() -> object:
                scores = survey_scores(conn, scope)
                gate = Gate(5)
                return pairing_fit(scores, gate), outcomes(scores, gate), nps(scores, gate)

            parts = {
                "survey figures (fit, outcomes + Wilcoxon, NPS)": best(figures),
                "feedback themes, vectors cached": best(
                    lambda: feedback_themes(conn, scope, 5, embed)
                ),
                "at-risk rule poor-fit": best(lambda: _poor_fit(conn, scope)),
                "survey nudge counts": best(lambda: _survey_tallies(conn, TODAY, None)),
            }
        runs = full_reports(store)
        without = full_reports(store, without_impact=True)
        store.engine.dispose()
    cache = "empty vector cache (first report)" if len(sys.argv) == 1 else "vectors as found"
    print(f"feedback themes, {cache}: {cold:.2f} s, {len(themes)} themes")
    for name, seconds in parts.items():
        print(f"{name}: {seconds:.3f} s")
    section = sum(parts.values())
    print(f"impact section, cached: {section:.2f} s")
    for name, timed in (("full report --format json", runs), ("  without the impact", without)):
        print(f"{name}: best {min(timed):.2f} s, median {statistics.median(timed):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
