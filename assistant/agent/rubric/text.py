"""The feedback text as the rubric rules read it: sentences, and a copy with quoted speech masked.

Quoted speech is the leader's words, not the mentor's: "you called them 'the kids'" must not count
as the mentor's put-down, nor "'never'" as the mentor's absolute. Bracketed placeholders
("[when did it happen?]") are the template's prompts, not the mentor's words, so they are masked
too. Masking replaces letters with "x" one for one, so an offset in the masked copy is the same
offset in the original and every quote the rules return is an exact substring of the input.
"""

import re
from dataclasses import dataclass

# A quotation opens after a non-letter and closes before one, so the apostrophes in "didn't" and
# "Tuesday's" never open or close a quote; "'we'll see'" is still one quote.
_QUOTED = re.compile(r"\"[^\"\n]+\"|“[^”\n]+”|(?<![\w'])['‘](?=\S)[^\n]+?(?<=\S)['’](?!\w)")
_PLACEHOLDER = re.compile(r"\[[^\]\n]*\]")
# A sentence ends at . ! or ? followed by space; "8am." or "e.g" stay inside sentences well
# enough for feedback of a few sentences.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Finding:
    """One rule's verdict: a score, why, and where in the text (start, end) it was decided."""

    score: int
    reason: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    masked: str


@dataclass(frozen=True)
class Feedback:
    original: str
    masked: str
    quotes: tuple[tuple[int, int], ...]
    sentences: tuple[Sentence, ...]

    def quote(self, span: tuple[int, int] | None) -> str:
        return "" if span is None else self.original[span[0] : span[1]]

    def sentence_at(self, position: int) -> int:
        """Index of the sentence holding a character offset."""
        for index, sentence in enumerate(self.sentences):
            if sentence.start <= position < sentence.end:
                return index
        return len(self.sentences) - 1


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(start + 1, end - 1):
            if chars[i].isalnum():
                chars[i] = "x"
    return "".join(chars)


def _sentences(original: str, masked: str) -> tuple[Sentence, ...]:
    found, start = [], 0
    for boundary in [*_SENTENCE_END.finditer(masked), None]:
        end = boundary.start() if boundary else len(original)
        if original[start:end].strip():
            found.append(Sentence(start, end, original[start:end], masked[start:end]))
        start = boundary.end() if boundary else end
    return tuple(found)


# A typographic apostrophe ("didn’t") reads as a plain one, so the rules need only one spelling.
_CURLY_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")


def prepare(text: str) -> Feedback:
    quotes = [match.span() for match in _QUOTED.finditer(text)]
    placeholders = [match.span() for match in _PLACEHOLDER.finditer(text)]
    masked = _mask(_CURLY_APOSTROPHE.sub("'", text), quotes + placeholders)
    return Feedback(text, masked, tuple(quotes), _sentences(text, masked))


def word_before(text: str, position: int) -> str:
    """The word just before an offset, lower-cased ("" at the start)."""
    words = re.findall(r"[\w']+", text[:position])
    return words[-1].lower() if words else ""
