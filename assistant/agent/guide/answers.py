"""Answers without a model: the best guidance sections, condensed and cited, streamed as events.

The offline guide answers in the same event stream as a model (`TextDelta` pieces, the sources,
then `TurnDone`), so every screen and command has one code path for both.
"""

import re
from collections.abc import Iterator, Sequence
from typing import Protocol

from assistant.agent.events import AgentEvent, SourcesCited
from assistant.llm.events import TextDelta, TurnDone
from assistant.llm.material import Block, guidance
from assistant.models import SourceRef

SECTIONS_SHOWN = 3
SENTENCES_PER_SECTION = 2
_SENTENCE = re.compile(r"(?<=[.!?:])\s+(?=[\"“A-Z])")
_MARKUP = re.compile(r"^\s*(?:#+\s.*|[-*]\s+|\d+\.\s+|- \[ \]\s+)|\*\*|`", re.MULTILINE)
_WORD = re.compile(r"[a-z]{4,}")
# Table rows read as noise once flattened into a sentence ("| Avoid | Why | Say instead |").
_TABLE_ROW = re.compile(r"^\s*\|.*$", re.MULTILINE)
_PIECE = re.compile(r"\s*\S+|\s+$")
_CITATION = re.compile(r"\[(?P<doc>[^\[\]>]+?\.md)\s*>\s*(?P<heading>[^\[\]]+)\]")
_COMMON = frozenset(
    {
        "what",
        "when",
        "where",
        "which",
        "with",
        "that",
        "this",
        "have",
        "about",
        "your",
        "from",
        "they",
        "them",
        "there",
        "would",
        "could",
        "should",
        "does",
        "into",
        "make",
        "more",
    }
)


class SectionIndex(Protocol):
    def has_section(self, doc: str, heading: str) -> bool: ...


class Hit(Protocol):
    doc: str
    heading: str
    text: str


def source_of(hit: Hit) -> SourceRef:
    return SourceRef(doc=hit.doc, heading=hit.heading)


def guidance_block(hit: Hit) -> str:
    """One retrieved section as a tool returns it, headed by the citation it should use."""
    return f"{source_of(hit).cite()}\n{hit.text}"


def guidance_material(hit: Hit) -> Block:
    """One retrieved section as prompt material: the citation to use, and the text."""
    return guidance(source_of(hit).cite(), hit.text)


def offline_answer(
    question: str, hits: Sequence[Hit], why: str | None = None
) -> tuple[str, list[SourceRef]]:
    """The answer's text, and the sections it cites; `why` says why the model did not answer."""
    head = f"Offline guide: {why}\n" if why else ""
    if not hits:
        return (
            f"{head}Offline guide: the guidance has nothing on this. Try other words, or browse "
            "it with `rmcoach knowledge search`.",
            [],
        )
    title = (
        "The most relevant guidance, condensed."
        if why
        else ("Offline guide (no model configured): the most relevant guidance, condensed.")
    )
    lines = [f"{head}{title}", ""]
    shown = hits[:SECTIONS_SHOWN]
    for hit in shown:
        topic = hit.heading.rsplit(" > ", 1)[-1]
        lines.append(f"- {topic}: {condense(hit.text, question)} {source_of(hit).cite()}")
    return "\n".join(lines), [source_of(hit) for hit in shown]


def condense(text: str, question: str) -> str:
    """The sentences of `text` that share most words with the question, in their own order."""
    prose = _MARKUP.sub(" ", _TABLE_ROW.sub("", text))
    sentences = [s.strip() for s in _SENTENCE.split(prose) if len(s.strip()) > 20]
    wanted = _stems(question)
    ranked = sorted(range(len(sentences)), key=lambda i: (-len(_stems(sentences[i]) & wanted), i))
    chosen = sorted(ranked[:SENTENCES_PER_SECTION])
    return " ".join(" ".join(sentences[i].split()) for i in chosen)


def _stems(text: str) -> set[str]:
    # Five letters make "candour"/"candid" and "feedback"/"feedbacks" meet without a stemmer.
    return {word[:5] for word in _WORD.findall(text.lower()) if word not in _COMMON}


def cited(text: str, given: Sequence[SourceRef], index: SectionIndex) -> tuple[SourceRef, ...]:
    """The sections `text` cites, else all it was given.

    A citation counts if it names a given section (by doc and last heading) or, written out in
    full, a section the knowledge base really has; a made-up one is never listed as a source.
    """
    found = [s for s in given if s.doc in text and s.heading.rsplit(" > ", 1)[-1] in text]
    for match in _CITATION.finditer(text):
        source = SourceRef(doc=match["doc"].strip(), heading=match["heading"].strip())
        if source not in found and index.has_section(source.doc, source.heading):
            found.append(source)
    return tuple(dict.fromkeys(found or given))


def streamed(
    text: str, sources: Sequence[SourceRef], extra: Sequence[AgentEvent] = ()
) -> Iterator[AgentEvent]:
    """A finished text as the events a streamed model reply would give; `extra` before the end."""
    for piece in _PIECE.findall(text):
        yield TextDelta(piece)
    yield SourcesCited(tuple(dict.fromkeys(sources)))
    yield from extra
    yield TurnDone(text)
