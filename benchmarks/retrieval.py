"""Retrieval quality and speed on the bundled knowledge, with the labelled questions.

Prints recall@1, recall@5 and MRR (a hit: a returned chunk carries one of the question's
expected topics), ingest times (cold, then again with no change), query latency in one warm
process (in-process and through `rmcoach knowledge search --stdin`), and how long
`rmcoach --help` takes. Targets on a 2-core machine: p50 <= 20 ms, cold ingest <= 20 s,
unchanged re-ingest <= 1 s, --help < 0.5 s. In-process figures are given as wall time and as
this process's CPU time, which is what the wall time would be on an idle machine: the work is
single-threaded, and a busy neighbour inflates the wall time alone.

    .venv/bin/python benchmarks/retrieval.py
"""

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "knowledge" / "questions.yaml"
RMCOACH = [sys.executable, "-m", "assistant"]


def main() -> None:
    questions = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as home:
        os.environ["RMCOACH_HOME"] = home
        from assistant import locations
        from assistant.embeddings import embedder
        from assistant.knowledge import KnowledgeBase

        embedder()  # model load and hash check are not ingest work
        kb = KnowledgeBase(Path(home))
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        wall, cpu, report = timed(lambda: kb.ingest(locations.bundled_knowledge()))
        print(f"documents: {report.documents_ingested}, chunks: {report.chunks_embedded}")
        print(f"ingest, cold (in-process): {wall:.2f} s wall, {cpu:.2f} s CPU")
        wall, cpu, _ = timed(
            lambda: KnowledgeBase(Path(home)).ingest(locations.bundled_knowledge())
        )
        print(f"re-ingest, no change (in-process): {wall:.2f} s wall, {cpu:.2f} s CPU")
        wall, cpu = cli_seconds(["knowledge", "ingest"])
        print(f"re-ingest, no change (CLI, whole process): {wall:.2f} s wall, {cpu:.2f} s CPU")
        print_quality(kb, questions, audience=False)
        print_quality(kb, questions, audience=True)
        print_latency("query latency, in-process", in_process_latencies(kb, questions))
        embedding = [
            timed(lambda q=item["question"]: embedder().queries([q]))[:2] for item in questions * 3
        ]
        print_latency("  of which the query embedding", embedding)
        print_latency("query latency, search --stdin", stdin_latencies(questions))
    wall, cpu = min(cli_seconds(["--help"]) for _ in range(5))
    print(f"rmcoach --help: {wall:.2f} s wall, {cpu:.2f} s CPU (best of 5)")


def timed(work: Callable[[], object]) -> tuple[float, float, object]:
    """Wall seconds, CPU seconds of this process, and the result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def print_quality(kb, questions: list[dict], audience: bool) -> None:
    first = top5 = reciprocal = 0.0
    for item in questions:
        hits = kb.search(item["question"], k=5, audience=item["asked_by"] if audience else None)
        ranks = [i for i, hit in enumerate(hits, 1) if set(hit.topics) & set(item["topics"])]
        first += bool(ranks and ranks[0] == 1)
        top5 += bool(ranks)
        reciprocal += 1 / ranks[0] if ranks else 0
    n = len(questions)
    label = "filtered by asker's role" if audience else "unfiltered"
    print(
        f"{n} questions, {label}: recall@1 {first / n:.3f}  recall@5 {top5 / n:.3f}  "
        f"MRR@5 {reciprocal / n:.3f}"
    )


def in_process_latencies(kb, questions: list[dict]) -> list[tuple[float, float]]:
    kb.search("warm up")
    return [timed(lambda q=item["question"]: kb.search(q))[:2] for item in questions * 3]


def stdin_latencies(questions: list[dict]) -> list[float]:
    """One long-lived `search --stdin` process; each line timed from write to answer."""
    process = subprocess.Popen(
        [*RMCOACH, "knowledge", "search", "--stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdin and process.stdout
    latencies = []
    for query in ["warm up", *(item["question"] for item in questions * 3)]:
        started = time.perf_counter()
        process.stdin.write(query + "\n")
        process.stdin.flush()
        process.stdout.readline()
        latencies.append(time.perf_counter() - started)
    process.stdin.close()
    process.wait(timeout=60)
    return latencies[1:]


def print_latency(label: str, samples: list[tuple[float, float]] | list[float]) -> None:
    """Percentiles of wall time, and of CPU time when the samples carry it."""
    walls = [s[0] if isinstance(s, tuple) else s for s in samples]
    line = f"{label} ({len(samples)} queries): wall {percentiles(walls)}"
    if isinstance(samples[0], tuple):
        line += f"; CPU {percentiles([s[1] for s in samples])}"
    print(line)


def percentiles(seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    return f"p50 {statistics.median(ms):.1f} ms, p95 {ms[int(0.95 * (len(ms) - 1))]:.1f} ms"


def cli_seconds(args: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one whole `rmcoach` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([*RMCOACH, *args], check=True, capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


if __name__ == "__main__":
    main()
