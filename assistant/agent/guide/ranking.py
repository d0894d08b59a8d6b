"""Which guidance sections the offline guide shows, best first: meaning and the asker's words.

The bundled embedding model scores every section within a few hundredths of each other
(0.82-0.90 on the real guidance), so its order alone lets a section that is near everything (the
step-by-step on raised worries) outrank the one that answers the question. Words the question
shares with a section, weighted by how rare they are among the candidates (BM25) and counted
thrice in the section's own heading, separate them; sections far behind the best are dropped.
"""

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Protocol, TypeVar

CANDIDATES = 20
"""How many sections, closest in meaning, are re-ranked: enough to reach a well-named section
the embedding put tenth, few enough that rarity among them still means something."""
LEXICAL_WEIGHT = 1.5
"""The words' share against meaning, both scaled to 0..1 over the candidates."""
RELATIVE_FLOOR = 0.6
"""A section is shown only if it scores at least this share of the best one's."""
HEADING_REPEAT = 3
_K1, _B = 1.2, 0.75
_WORD = re.compile(r"[a-z]{4,}")
# Besides filler, the words every section uses (leader, mentor, session) tell none apart.
_COMMON = frozenset(
    {"what", "when", "where", "which", "with", "that", "this", "have", "about", "your", "from"}
    | {"they", "them", "there", "would", "could", "should", "does", "into", "make", "more"}
    | {"leader", "leaders", "mentor", "mentors", "session", "sessions"}
)


class Scored(Protocol):
    heading: str
    text: str
    score: float


H = TypeVar("H", bound=Scored)


def stems(text: str) -> set[str]:
    return set(_stem_list(text))


def best_sections(question: str, hits: Sequence[H], shown: int = 3) -> list[H]:
    """Up to `shown` of `hits` (closest in meaning first), re-ranked, weak ones left out."""
    if not hits:
        return []
    meaning = _scaled([hit.score for hit in hits])
    words = _scaled(_bm25(stems(question), hits))
    combined = [m + LEXICAL_WEIGHT * w for m, w in zip(meaning, words, strict=True)]
    order = sorted(range(len(hits)), key=lambda i: -combined[i])
    best = combined[order[0]]
    return [hits[i] for i in order if combined[i] >= RELATIVE_FLOOR * best][:shown]


def _stem_list(text: str) -> list[str]:
    # Four letters make "candid"/"candour" and "cancel"/"cancelling" meet without a stemmer.
    return [word[:4] for word in _WORD.findall(text.lower()) if word not in _COMMON]


def _bm25(terms: set[str], hits: Sequence[Scored]) -> list[float]:
    documents = [
        Counter(
            _stem_list(hit.text) + _stem_list(hit.heading.rsplit(" > ", 1)[-1]) * HEADING_REPEAT
        )
        for hit in hits
    ]
    average = sum(sum(d.values()) for d in documents) / len(documents) or 1.0
    having = Counter(term for d in documents for term in terms if term in d)
    scores = []
    for d in documents:
        length = sum(d.values())
        score = 0.0
        for term in terms & d.keys():
            rarity = math.log(1 + (len(documents) - having[term] + 0.5) / (having[term] + 0.5))
            tf = d[term]
            score += rarity * tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * length / average))
        scores.append(score)
    return scores


def _scaled(values: list[float]) -> list[float]:
    low, high = min(values), max(values)
    return [(v - low) / (high - low) if high > low else 0.0 for v in values]
