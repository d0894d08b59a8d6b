"""How far the deterministic feedback rubric agrees with a coach's labels, and how fast it scores.

Prints, per criterion, the marked flaws it found and missed, its false alarms and its agreement
on tests/agent/feedback_examples.yaml, then the time to score one piece of feedback.
Run: .venv/bin/python benchmarks/rubric_agreement.py
"""

import sys
import time
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.agent.rubric import CRITERIA, score_feedback  # noqa: E402

EXAMPLES_FILE = (
    Path(__file__).resolve().parent.parent / "tests" / "agent" / "feedback_examples.yaml"
)


def main() -> None:
    examples = yaml.safe_load(EXAMPLES_FILE.read_text(encoding="utf-8"))
    table = {criterion: Counter() for criterion in CRITERIA}
    for example in examples:
        for verdict in score_feedback(example["text"]).criteria:
            flawed = verdict.id in example["flaws"]
            table[verdict.id][
                ("found" if not verdict.passed else "missed")
                if flawed
                else ("false alarm" if not verdict.passed else "agreed pass")
            ] += 1
    print(f"{len(examples)} labelled examples, {len(examples) * len(CRITERIA)} verdicts")
    print(f"{'criterion':<10} {'found':>6} {'missed':>7} {'false alarm':>12} {'agree':>6}")
    for criterion, cells in table.items():
        agree = (cells["found"] + cells["agreed pass"]) / sum(cells.values())
        print(
            f"{criterion:<10} {cells['found']:>6} {cells['missed']:>7} "
            f"{cells['false alarm']:>12} {agree:>6.1%}"
        )
    total = sum(c["found"] + c["agreed pass"] for c in table.values()) / (
        len(examples) * len(CRITERIA)
    )
    print(f"overall agreement {total:.1%}")
    start = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for example in examples:
            score_feedback(example["text"])
    per_text = (time.perf_counter() - start) / (rounds * len(examples))
    print(f"scoring one piece of feedback: {per_text * 1000:.2f} ms")


if __name__ == "__main__":
    main()
