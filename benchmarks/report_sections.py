"""Where one report's time goes: CPU per SQL statement and per step, on an existing data folder.

`where_people_wait.py` times the whole `rmcoach report` process; this opens the same data folder
in one process, builds the report once to warm the passage-vector cache, then builds it again
and prints the CPU time (not wall time, which the shared machine's load distorts) of the
imports, of each statement the report runs (until the next one starts, so fetching and the
Python work on its rows count with it) and of rendering each format.

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
from assistant.reports.feedback import cached_embedder  # noqa: E402
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
    marks: list[tuple[float, str]] = []

    def mark(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        marks.append((time.process_time(), " ".join(statement.split())))

    event.listen(engine, "before_cursor_execute", mark)
    start = time.process_time()
    report = build_report(engine, today=args.today, embed=embed)
    end = time.process_time()
    print(f"imports (sqlalchemy, the report modules, numpy): {IMPORTS:.3f} s CPU")
    print(f"build_report: {end - start:.3f} s CPU, {len(marks)} statements; the costly ones:")
    for (at, statement), (after, _) in zip(marks, [*marks[1:], (end, "")], strict=True):
        if after - at >= 0.005:
            print(f"  {after - at:6.3f} s  {statement[:110]}")
    for format_ in ("json", "csv", "md", "table"):
        start = time.process_time()
        render(report, format_)  # type: ignore[arg-type]
        print(f"render {format_}: {time.process_time() - start:.3f} s CPU")


if __name__ == "__main__":
    main()
