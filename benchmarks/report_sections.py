"""Where one report's time goes: per half, per SQL statement and per format, on a data folder.

`where_people_wait.py` times the whole `rmcoach report` process; this opens the same data folder
in one process, builds the report once to warm the passage-vector cache, then builds it again.
On SQLite the report's two halves run at once on two connections (`reports/build.py`), so it
prints the wall time of the whole build, then each half run alone on one connection with the
wall time of each of its statements (until that connection's next one starts, so fetching and
the Python work on its rows count with it), then the CPU time of rendering each format.

Run: .venv/bin/python benchmarks/report_sections.py /tmp/rmcoach-bench/demo-2000 [--today DATE]
"""

import argparse
import time
from datetime import date
from pathlib import Path
from typing import Any

started = time.process_time()

from sqlalchemy import event  # noqa: E402 - timed as part of the imports

from assistant.reports import build_report, render  # noqa: E402
from assistant.reports.build import _programme, _Request, _risk_and_feedback, _scoped  # noqa: E402
from assistant.reports.feedback import cached_embedder  # noqa: E402
from assistant.reports.gate import Gate  # noqa: E402
from assistant.store.store import make_engine  # noqa: E402

IMPORTS = time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("home", type=Path, help="a data folder holding rmcoach.sqlite3")
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 20))
    args = parser.parse_args()
    engine = make_engine(f"sqlite:///{args.home / 'rmcoach.sqlite3'}")
    embed = cached_embedder(args.home)
    build_report(engine, today=args.today, embed=embed)
    start = time.perf_counter()
    report = build_report(engine, today=args.today, embed=embed)
    print(f"imports (sqlalchemy, the report modules): {IMPORTS:.3f} s CPU")
    print(f"build_report, both halves at once: {time.perf_counter() - start:.3f} s wall")
    request = _Request(args.today, None, None, 5, embed)
    marks: list[tuple[float, str]] = []

    def mark(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        marks.append((time.perf_counter(), " ".join(statement.split())))

    for half in (_programme, _risk_and_feedback):
        marks.clear()
        with engine.connect() as conn:
            event.listen(engine, "before_cursor_execute", mark)
            start = time.perf_counter()
            _scoped(half, conn, request, Gate(5))
            end = time.perf_counter()
            event.remove(engine, "before_cursor_execute", mark)
        print(f"{half.__name__.strip('_')} alone: {end - start:.3f} s wall; the costly statements:")
        for (at, statement), (after, _) in zip(marks, [*marks[1:], (end, "")], strict=True):
            if after - at >= 0.005:
                print(f"  {after - at:6.3f} s  {statement[:110]}")
    for format_ in ("json", "csv", "md", "table"):
        start = time.process_time()
        render(report, format_)
        print(f"render {format_}: {time.process_time() - start:.3f} s CPU")


if __name__ == "__main__":
    main()
