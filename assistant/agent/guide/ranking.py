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
WORD_CANDIDATES = 3
"""Sections beyond those that share the most of the question's words, added to the candidates."""
SEARCHED = 1_000
"""How many sections to hand `best_sections`: all of them (searching them all costs well under a
millisecond)."""
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
    | {"without", "their", "getting", "really", "just", "very", "some", "also", "being", "after"}
)
# People ask in their own words; the guidance uses the programme's. A question's word (stem)
# also looks for the words the guidance answers it with: "dominating" the session is what the
# pitfalls call lecturing, talking and airtime; "defensive" is how feedback "stings" and the
# leader "reacts"; "offending" a leader is what candid, caring feedback avoids.
_ASKED_AS = {
    "domi": ("talk", "lect"),
    "defe": ("stin",),
    "offe": ("cand", "cari", "chal"),
}


class Scored(Protocol):
    heading: str
    text: str
    score: float


H = TypeVar("H", bound=Scored)


def stems(text: str) -> set[str]:
    return set(_stem_list(text))


def _asked(question: str) -> set[str]:
    """The question's stems and the guidance's words for them."""
    found = stems(question)
    return found.union(*(_ASKED_AS.get(stem, ()) for stem in found))


def best_sections(question: str, hits: Sequence[H], shown: int = 3) -> list[H]:
    """Up to `shown` of `hits` (every section, closest in meaning first), re-ranked, weak ones
    left out. The candidates are the CANDIDATES closest in meaning and the WORD_CANDIDATES that
    share the most of the question's words: the embedding can put the section that names the
    question's subject fiftieth."""
    near = list(hits[:CANDIDATES])
    hits = near + _word_candidates(question, near, hits[CANDIDATES:])
    if not hits:
        return []
    meaning = _scaled([hit.score for hit in hits])
    # Rarity is judged among the nearest only, so the added sections do not reorder them.
    words = _scaled(_bm25(_asked(question), hits, near))
    combined = [m + LEXICAL_WEIGHT * w for m, w in zip(meaning, words, strict=True)]
    order = sorted(range(len(hits)), key=lambda i: -combined[i])
    best = combined[order[0]]
    return [hits[i] for i in order if combined[i] >= RELATIVE_FLOOR * best][:shown]


def _word_candidates(question: str, near: Sequence[H], rest: Sequence[H]) -> list[H]:
    """Sections further off in meaning that share more of the question's words than any near one."""
    if not rest:
        return []
    asked = _asked(question)
    bar = max(_bm25(asked, near, near), default=0.0)
    by_words = _bm25(asked, rest, near)
    wordy = sorted((i for i in range(len(rest)) if by_words[i] > bar), key=lambda i: -by_words[i])
    return [rest[i] for i in wordy[:WORD_CANDIDATES]]


def _stem_list(text: str) -> list[str]:
    # Four letters make "candid"/"candour" and "cancel"/"cancelling" meet without a stemmer.
    return [word[:4] for word in _WORD.findall(text.lower()) if word not in _COMMON]


def _bm25(terms: set[str], hits: Sequence[Scored], corpus: Sequence[Scored]) -> list[float]:
    """Each hit's BM25 score, with rarity and length judged over `corpus`."""
    known = [_counts(hit) for hit in corpus]
    average = sum(sum(d.values()) for d in known) / len(known) or 1.0
    having = Counter(term for d in known for term in terms if term in d)
    documents = [_counts(hit) for hit in hits]
    scores = []
    for d in documents:
        length = sum(d.values())
        score = 0.0
        for term in terms & d.keys():
            rarity = math.log(1 + (len(known) - having[term] + 0.5) / (having[term] + 0.5))
            tf = d[term]
            score += rarity * tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * length / average))
        scores.append(score)
    return scores


def _counts(hit: Scored) -> Counter[str]:
    heading = hit.heading.rsplit(" > ", 1)[-1]
    return Counter(_stem_list(hit.text) + _stem_list(heading) * HEADING_REPEAT)


def _scaled(values: list[float]) -> list[float]:
    low, high = min(values), max(values)
    return [(v - low) / (high - low) if high > low else 0.0 for v in values]
