"""The guidance each kind of nudge follows, quoted from the knowledge base with its source.

Each nudge kind points at one section of the bundled guidance and at the sentences in it that
carry the advice (found by a phrase they contain). The suggested message quotes those sentences
as the guidance words them today, so editing the guidance changes the nudges with it, and the
citation is the same `doc > heading path` the knowledge base and the agent use. Reading the
markdown directly, rather than searching the embedded store, keeps nudges deterministic, fast
enough for the coordinator's report, and available before `rmcoach knowledge ingest` has run.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant import locations
from assistant.models import SourceRef

NudgeKind = Literal[
    "overdue-session",
    "overdue-commitment",
    "debrief-missing",
    "rating-drop",
    "survey-due",
    "poor-fit",
]

_COMMITMENTS = "Commitments and follow-through"
_REFLECTION = "Reflection before and after each session"


@dataclass(frozen=True)
class Advice:
    doc: str
    heading: str
    """The section's heading path, as the knowledge base cites it."""
    markers: tuple[str, ...]
    """A phrase from each sentence to quote, in order."""


ADVICE: dict[NudgeKind, Advice] = {
    "overdue-session": Advice(
        "accountability.md",
        f"{_COMMITMENTS} > Example nudge messages",
        ("shorter 30-minute session",),
    ),
    "overdue-commitment": Advice(
        "accountability.md",
        f"{_COMMITMENTS} > Example nudge messages",
        ("fine to drop ones that no longer fit",),
    ),
    "debrief-missing": Advice(
        "reflection.md",
        f"{_REFLECTION} > The 10-minute post-session routine",
        ("captures learning before it evaporates", "Give the session a personal usefulness score"),
    ),
    "rating-drop": Advice(
        "accountability.md",
        f"{_COMMITMENTS} > Example nudge messages",
        ("How are sessions feeling", "This stays between us"),
    ),
    "survey-due": Advice(
        "measurement.md",
        "Measuring the impact of a reverse-mentoring programme > Pre- and post-programme surveys",
        ("give the clearest evidence of learning",),
    ),
    "poor-fit": Advice(
        "matching.md",
        "Data-led matching of reverse-mentoring pairs > Rematching a pair that doesn't work",
        ("do not work despite good data", "Do not let a struggling pair drag on"),
    ),
}

# A sentence ends at . ? or ! (optionally inside a closing quote) followed by a space.
_SENTENCE_END = re.compile(r"(?<=[.?!])[\"”]?\s+")


def _sentence_with(text: str, marker: str) -> str | None:
    for line in text.splitlines():
        if marker not in line:
            continue
        # Drop a list item's bold label ("- **Missed cadence (to both):** ", "4. **Rate.** ").
        body = re.sub(r"^\s*(?:[-*]|\d+\.)\s*\*\*[^*]+\*\*\s*", "", line)
        for sentence in _SENTENCE_END.split(body):
            if marker in sentence:
                return sentence.strip().strip('"“”').replace("**", "")
    return None


def advice(kind: NudgeKind, root: Path | None = None) -> tuple[SourceRef, str]:
    """The source to cite for this kind of nudge and the guidance's own words to quote."""
    # Imported on first use: the knowledge package brings numpy, which the nudge kinds need not.
    from assistant.knowledge.passages import GuidanceMissing, bundled

    wanted = ADVICE[kind]
    passage = bundled(root or locations.bundled_knowledge()).passage(wanted.doc, wanted.heading)
    sentences = []
    for marker in wanted.markers:
        sentence = _sentence_with(passage.text, marker)
        if sentence is None:
            raise GuidanceMissing(f"{wanted.doc} > {wanted.heading}: no sentence with {marker!r}")
        sentences.append(sentence)
    return passage.source, " ".join(sentences)
