"""The structured material in the guidance that the offline guide builds plans from.

Agenda templates (`- **Title** (N min): purpose` lines), the leader's reflection question banks and
the psychological-safety moves are read out of the knowledge base's own sections, so every plan
cites sections that exist, and editing a guidance document changes the offline plans with it.
"""

import re
from dataclasses import dataclass
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from assistant.knowledge.passages import GuidanceMissing, Passages
from assistant.models import Name, OpenQuestion, SessionStage, SourceRef

When = Literal["before", "after"]

_AGENDAS: dict[SessionStage, tuple[str, str]] = {
    "first": ("first-session.md", "A 60-minute first-session agenda"),
    "middle": ("mid-programme-sessions.md", "A 45-minute mid-programme agenda"),
    "closing": ("closing-session.md", "A 60-minute closing agenda"),
}
_CHECK_IN = ("accountability.md", "Opening each session with commitments")
_LEADER_QUESTIONS = ("reflection.md", "Question bank for the leader")
_CLOSING_LEARNING = ("closing-session.md", "Mutual feedback and what each learned")
_LEADER_INQUIRY = ("psychological-safety.md", "What the leader does to invite candour")
_LEADER_RECEIVING = ("psychological-safety.md", "How the leader receives what they hear")
_MENTOR_MOVES = ("psychological-safety.md", "What the mentor can do")

_AGENDA_LINE = re.compile(
    r"^\s*-\s+\*\*(?P<title>.+?)\*\*\s+\((?P<minutes>\d+)\s*min\):\s*(?P<purpose>.+)$"
)
_LIST_ITEM = re.compile(r"^\s*(?:-|\d+\.)\s+(?P<item>.+)$")
_LABELLED = re.compile(r"^\*\*(?P<label>.+?)\.?\*\*\s*(?P<rest>.*)$")
_SUBHEADING = re.compile(r"^#{2,6}\s+(?P<name>.+?)\s*$", re.MULTILINE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_QUOTED = re.compile(r'^"(?P<inner>.+)"$')
_OPEN_QUESTION = TypeAdapter(OpenQuestion)
_NAME = TypeAdapter(Name)


@dataclass(frozen=True)
class AgendaStep:
    title: str
    minutes: int
    purpose: str


class Guidebook(Passages):
    """The guidance sections by document and heading, with readers for what plans need."""

    def agenda(self, stage: SessionStage) -> tuple[SourceRef, list[AgendaStep]]:
        return self._agenda(*_AGENDAS[stage])

    def check_in(self) -> tuple[SourceRef, AgendaStep]:
        """The commitment review that opens a session, from the accountability guidance."""
        source, steps = self._agenda(*_CHECK_IN)
        return source, steps[0]

    def leader_questions(self, when: When) -> tuple[SourceRef, list[str]]:
        passage = self.passage(*_LEADER_QUESTIONS)
        wanted = "Before the session" if when == "before" else "After the session"
        return passage.source, _open_questions(_subsection(passage.text, wanted))

    def closing_learning_questions(self) -> tuple[SourceRef, list[str]]:
        passage = self.passage(*_CLOSING_LEARNING)
        return passage.source, _open_questions(passage.text)

    def leader_safety_moves(self) -> tuple[list[SourceRef], list[str], list[str]]:
        """Questions that invite candour, and the ways to receive it, with their sections."""
        inquiry = self.passage(*_LEADER_INQUIRY)
        receiving = self.passage(*_LEADER_RECEIVING)
        asks = [
            f"Ask, then wait without filling the silence: “{_unquoted(item)}”"
            for item in _list_items(_subsection(inquiry.text, "Practise proactive inquiry"))
        ]
        receives = [_first_sentences(item) for item in _list_items(receiving.text)]
        return [inquiry.source, receiving.source], _names(asks), _names(receives)

    def mentor_safety_moves(self) -> tuple[SourceRef, list[str]]:
        passage = self.passage(*_MENTOR_MOVES)
        return passage.source, _names([_first_sentences(i) for i in _list_items(passage.text)])

    def _agenda(self, doc: str, heading: str) -> tuple[SourceRef, list[AgendaStep]]:
        passage = self.passage(doc, heading)
        steps = [
            AgendaStep(m["title"].strip(), int(m["minutes"]), m["purpose"].strip())
            for m in map(_AGENDA_LINE.match, passage.text.splitlines())
            if m
        ]
        if not steps:
            raise GuidanceMissing(
                f"{doc} > {heading} has no agenda lines like '- **Title** (10 min): purpose'"
            )
        return passage.source, steps


def _subsection(text: str, name: str) -> str:
    """The text under the sub-heading `name`, up to the next heading."""
    headings = list(_SUBHEADING.finditer(text))
    for here, after in zip(headings, [*headings[1:], None], strict=True):
        if here["name"] == name:
            return text[here.end() : after.start() if after else len(text)]
    return ""


def _list_items(text: str) -> list[str]:
    return [m["item"].strip() for m in map(_LIST_ITEM.match, text.splitlines()) if m]


def _open_questions(text: str) -> list[str]:
    """List items that are open questions; any a yes/no check would refuse are left out."""
    questions = []
    for item in _list_items(text):
        try:
            questions.append(_OPEN_QUESTION.validate_python(_unquoted(item)))
        except ValidationError:
            continue
    return questions


def _unquoted(item: str) -> str:
    match = _QUOTED.match(item.strip())
    return match["inner"] if match else item


def _first_sentences(item: str) -> str:
    """`**Label.** First sentence.` as `Label: First sentence.`, short enough to take in at once."""
    match = _LABELLED.match(item)
    label, rest = (match["label"], match["rest"]) if match else ("", item)
    first = ""
    for sentence in _SENTENCE.split(rest.strip()):
        first = f"{first} {sentence}".strip()
        if first.count('"') % 2 == 0:  # never cut a quotation in half
            break
    if not label:
        return first
    return f"{label} {first}" if first[:1].islower() else f"{label}: {first}"


def _names(texts: list[str]) -> list[str]:
    return [_NAME.validate_python(text) for text in texts if 0 < len(text) <= 200]
