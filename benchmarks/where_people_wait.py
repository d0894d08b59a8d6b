"""Where people wait: every row of issue 13's table, timed from outside as whole processes.

Each row runs `rmcoach` as a person would (a fresh process, the offline guide, no model
server), on a prepared data folder that already holds the guidance store and a demo programme.
With `--base PATH` (a second checkout of the old code, with its own `.venv`) every row runs the
old and the new code in turn, A B A B, on copies of the same data, so each figure is printed
beside the "before" taken in the same run and their ratio: this machine is shared and its speed
drifts, so the ratio is the figure to trust. The load average is printed at the start and end.

Figures per row: the median wall time of the counted runs (one warm-up first), the CPU time
(user + sys: less disturbed by neighbours than wall time), and the peak memory of the process.

Rows (`--rows` picks some; `--large` adds the 5,000-pair rows, which take minutes each):
  ask, prepare, search, rehearse, paint, report, report-large (json, table, csv, md), demo-large,
  roster, roster-again,
  ingest, query

Run: .venv/bin/python benchmarks/where_people_wait.py --base /work/wt/speed-base [--runs 5]
"""

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-20"
QUESTION = "How do I invite candid feedback from my mentor?"
QUERIES = [
    "cancellations",
    "How do I tell my leader their emails are too long?",
    "what to do when sessions keep being cancelled",
    "How do I invite candid feedback from my mentor without making it awkward?",
    "coordinator: which pairs need attention this month and why",
    "keeping confidential what my mentor tells me",
    "setting objectives for the first three sessions",
    "my leader interrupts me in every meeting, how do I raise it",
]
QUERY_REPEATS = 25  # 200 queries: the per-query figure is (many - one) / (200 - 1)


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float


@dataclass
class Row:
    name: str
    what: str
    target: str
    limit: float | None  # seconds (or ms for "query"); None when the target is not a time
    rss_limit: float | None = None
    runs: dict[str, list[Run]] = field(default_factory=dict)


def run(argv: list[str], env: dict[str, str], stdin: bytes | None = None) -> Run:
    """One whole process: wall time from spawn to exit, its CPU time and peak memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        env=env,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if stdin is not None:
        assert proc.stdin
        proc.stdin.write(stdin)
        proc.stdin.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    assert proc.stderr
    errors = proc.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{errors}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def paint(checkout: Path, env: dict[str, str]) -> Run:
    """`rmcoach` in a 100x30 tmux window: from spawning it to the start screen on the terminal."""
    session = f"rmcoach-paint-{os.getpid()}"
    rmcoach = str(checkout / ".venv/bin/rmcoach")
    exports = " ".join(f"{k}={v}" for k, v in env.items() if k.startswith("RMCOACH_"))
    subprocess.run(["tmux", "kill-session", "-t", session], stderr=subprocess.DEVNULL)
    start = time.perf_counter()
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30"]
        + [f"env {exports} {rmcoach}"],
        check=True,
    )
    try:
        while True:
            screen = subprocess.run(
                ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
            ).stdout
            if "Who are you?" in screen and "Continue" in screen:
                return Run(time.perf_counter() - start, float("nan"), float("nan"))
            if time.perf_counter() - start > 30:
                raise SystemExit(f"the start screen never appeared:\n{screen}")
            time.sleep(0.005)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], stderr=subprocess.DEVNULL)


def roster_csv(path: Path, count: int) -> None:
    """A valid roster of `count` people: half leaders, half mentors."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["id", "name", "role", "department", "level", "manager_id", "skills", "interests"]
            + ["goals", "cohort", "availability", "joined", "consent"]
        )
        for i in range(count):
            leader = i % 2 == 0
            writer.writerow(
                [
                    f"{'L' if leader else 'M'}-{i:06d}",
                    f"Person {i}",
                    "leader" if leader else "mentor",
                    ["Finance", "Engineering", "Sales", "People", "Operations"][i % 5],
                    10 - i % 4 if leader else 2 + i % 3,
                    "",
                    "forecasting;negotiation" if leader else "python;data analysis",
                    "jazz;sailing",
                    "hear candid views on our culture" if leader else "learn how strategy is set",
                    "2026-spring",
                    "tue-am;thu-pm",
                    "2026-03-02",
                    "yes",
                ]
            )


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.data: Path = args.data
        self.runs: int = args.runs
        self.sides = {"after": ROOT}
        if args.base:
            self.sides = {"before": args.base.resolve(), "after": ROOT}

    def env(self, home: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "RMCOACH_"))}
        env.update(RMCOACH_HOME=str(home), PYTHONDONTWRITEBYTECODE="1", TERM="xterm-256color")
        return env

    def rmcoach(self, side: str, *args: str) -> list[str]:
        return [str(self.sides[side] / ".venv/bin/rmcoach"), *args]

    # Data -----------------------------------------------------------------------------------

    def prepared(self, name: str, pairs: int) -> Path:
        """A home with the guidance ingested and a demo programme, made once by the oldest side."""
        home = self.data / name
        if not (home / "ready").exists():
            shutil.rmtree(home, ignore_errors=True)
            side = next(iter(self.sides))
            print(f"preparing {home} ({pairs} pairs x 24 months) ...", flush=True)
            env = self.env(home)
            run(self.rmcoach(side, "knowledge", "ingest"), env)
            demo = ["demo", "--pairs", str(pairs), "--months", "24", "--today", TODAY]
            run(self.rmcoach(side, *demo), env)
            (home / "ready").touch()
        return home

    def copy_of(self, home: Path, side: str) -> Path:
        """Each side works on its own copy, so the new code's migrations never meet the old."""
        copy = self.data / "work" / f"{home.name}-{side}"
        if not copy.exists():
            shutil.copytree(home, copy)
        return copy

    def empty(self, side: str, name: str) -> Path:
        home = self.data / "work" / f"{name}-{side}"
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        return home

    # Timing ---------------------------------------------------------------------------------

    def alternate(
        self, row: Row, once: Callable[[str], Run], runs: int | None = None, warmup: bool = True
    ) -> None:
        """Old and new in turn, after one warm-up each, so drift hits both alike."""
        for side in self.sides:
            row.runs[side] = []
            if warmup:
                once(side)
        for _ in range(runs or self.runs):
            for side in self.sides:
                row.runs[side].append(once(side))


def rows(bench: Bench, large: bool) -> dict[str, tuple[Row, Callable[[Row], None]]]:
    small = bench.prepared("demo-2000", 2000)

    def command(*args: str, home: Path = small) -> Callable[[Row], None]:
        def measure(row: Row) -> None:
            bench.alternate(
                row,
                lambda side: run(bench.rmcoach(side, *args), bench.env(bench.copy_of(home, side))),
            )

        return measure

    def painted(row: Row) -> None:
        bench.alternate(
            row, lambda side: paint(bench.sides[side], bench.env(bench.copy_of(small, side)))
        )

    def report_large(row: Row) -> None:
        large_home = bench.prepared("demo-5000", 5000)
        for fmt in ("json", "table", "csv", "md"):
            part = Row(f"{row.name}-{fmt}", "", row.target, row.limit)
            command("report", "--format", fmt, "--today", TODAY, home=large_home)(part)
            row.runs.update({f"{side} {fmt}": runs for side, runs in part.runs.items()})

    def demo_large(row: Row) -> None:
        demo = ["demo", "--pairs", "5000", "--months", "24", "--today", TODAY]
        bench.alternate(
            row,
            lambda side: run(bench.rmcoach(side, *demo), bench.env(bench.empty(side, "demo"))),
            runs=1,
            warmup=False,
        )

    roster = bench.data / "roster-100000.csv"
    if not roster.exists():
        roster_csv(roster, 100_000)

    def roster_first(row: Row) -> None:
        def once(side: str) -> Run:
            return run(
                bench.rmcoach(side, "roster", "import", str(roster)),
                bench.env(bench.empty(side, "roster")),
            )

        bench.alternate(row, once, runs=min(bench.runs, 3), warmup=False)

    def roster_again(row: Row) -> None:
        homes: dict[str, Path] = {}
        for side in bench.sides:
            homes[side] = bench.empty(side, "roster-again")
            run(bench.rmcoach(side, "roster", "import", str(roster)), bench.env(homes[side]))

        def once(side: str) -> Run:
            return run(bench.rmcoach(side, "roster", "import", str(roster)), bench.env(homes[side]))

        bench.alternate(row, once, runs=min(bench.runs, 3), warmup=False)

    def ingest(row: Row) -> None:
        def once(side: str) -> Run:
            return run(
                bench.rmcoach(side, "knowledge", "ingest"), bench.env(bench.empty(side, "ingest"))
            )

        bench.alternate(row, once, runs=min(bench.runs, 3), warmup=False)

    def query(row: Row) -> None:
        many = ("\n".join(QUERIES * QUERY_REPEATS) + "\n").encode()
        one = (QUERIES[0] + "\n").encode()
        count = len(QUERIES) * QUERY_REPEATS

        def once(side: str) -> Run:
            env = bench.env(bench.copy_of(small, side))
            argv = bench.rmcoach(side, "knowledge", "search", "--stdin")
            full, single = run(argv, env, many), run(argv, env, one)
            per = (full.wall - single.wall) / (count - 1)
            return Run(per, (full.cpu - single.cpu) / (count - 1), full.rss_mb)

        bench.alternate(row, once, runs=min(bench.runs, 3))

    table: dict[str, tuple[Row, Callable[[Row], None]]] = {
        "ask": (
            Row("ask", f'ask "{QUESTION}" --as leader', "<= 1.5 s", 1.5),
            command("ask", QUESTION, "--as", "leader"),
        ),
        "prepare": (
            Row("prepare", "prepare --pair P-0001", "<= 1.5 s", 1.5),
            command("prepare", "--pair", "P-0001"),
        ),
        "search": (
            Row("search", 'knowledge search "cancellations"', "<= 1.0 s", 1.0),
            command("knowledge", "search", "cancellations"),
        ),
        "rehearse": (
            Row("rehearse", 'rehearse --check "..."', "<= 0.5 s", 0.5),
            command("rehearse", "--check", "You always cut juniors off in meetings."),
        ),
        "paint": (Row("paint", "rmcoach -> first screen (tmux 100x30)", "<= 0.5 s", 0.5), painted),
        "report": (
            Row("report", "report --format json, 2,000 pairs x 24 months", "<= 1.0 s", 1.0),
            command("report", "--format", "json", "--today", TODAY),
        ),
        "roster": (
            Row("roster", "roster import, 100,000 rows", "<= 5 s, <= 300 MB", 5.0, 300),
            roster_first,
        ),
        "roster-again": (
            Row("roster-again", "the same file again, unchanged", "<= 3 s", 3.0),
            roster_again,
        ),
        "ingest": (Row("ingest", "cold knowledge ingest", "<= 3 s", 3.0), ingest),
        "query": (
            Row("query", "one warm retrieval query (per query, --stdin)", "<= 20 ms", 0.020),
            query,
        ),
    }
    if large:
        table["report-large"] = (
            Row("report-large", "report, 5,000 pairs x 24 months", "<= 1.5 s, any format", 1.5),
            report_large,
        )
        table["demo-large"] = (
            Row(
                "demo-large",
                "demo --pairs 5000 --months 24 (1 run)",
                "<= 45 s, <= 400 MB",
                45.0,
                400,
            ),
            demo_large,
        )
    return table


def seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 0.1 else f"{value:.2f} s"


def figure(runs: list[Run]) -> str:
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    rss = max(r.rss_mb for r in runs)
    text = seconds(wall)
    if cpu == cpu:  # not NaN: the paint row has no CPU figure of its own
        text += f" (cpu {seconds(cpu)})"
    if rss == rss:
        text += f", {rss:.0f} MB"
    return text


def report(row: Row) -> None:
    afters = [k for k in row.runs if k.startswith("after")]
    for after in afters:
        label = after.replace("after", "").strip()
        before = row.runs.get(after.replace("after", "before"))
        now = row.runs[after]
        wall = statistics.median(r.wall for r in now)
        met = row.limit is None or wall <= row.limit
        if row.rss_limit is not None:
            met = met and max(r.rss_mb for r in now) <= row.rss_limit
        line = f"{row.what}{' [' + label + ']' if label else ''}\n    target {row.target}; "
        line += f"after {figure(now)}"
        if before:
            ratios = [b.wall / a.wall for b, a in zip(before, now, strict=True)]
            line += f"; before {figure(before)}; before/after {statistics.median(ratios):.2f}x"
        print(line + f"; {'met' if met else 'NOT met'}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, help="a checkout of the old code, with its .venv")
    parser.add_argument("--data", type=Path, default=Path("/tmp/rmcoach-bench"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", help="comma-separated row names (default: all)")
    parser.add_argument("--large", action="store_true", help="add the 5,000-pair rows")
    args = parser.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    bench = Bench(args)
    table = rows(bench, args.large)
    chosen = args.rows.split(",") if args.rows else list(table)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    for name in chosen:
        row, measure = table[name]
        measure(row)
        report(row)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
