"""The suggested rewrite: the mentor's own words in SBI order, with bracketed prompts for the gaps.

It is a template, not a ghost-writer: it keeps the sentences that carry a situation, a behaviour,
an impact or a request, strips the absolutes and hedges out of them, and where a part is missing
asks for it in brackets ("[What was the effect ...?]") instead of inventing facts it cannot know.
It always ends with a request, because upward feedback that asks nothing closes the conversation.
"""

import re
from dataclasses import dataclass

from assistant.agent.rubric import cues
from assistant.agent.rubric.rules import hedge_spans, is_request
from assistant.agent.rubric.text import Feedback, Finding, Sentence, word_before

PROMPTS = {
    "situation": "[When and where did it happen? Name the meeting, message or day.]",
    "behaviour": "[What did they say or do? Describe it as a camera would record it.]",
    "impact": "[What was the effect, on whom, and how do you know?]",
    "request": "Could you [one specific thing to do differently next time]?",
}
# Absolutes become the specific question they hide; "never" becomes a plain negative so the
# sentence keeps its meaning for one occasion.
_ABSOLUTE_REPLACEMENTS = {
    "never": "didn't",
    "not once": "didn't",
    "everyone": "[who exactly?]",
    "every one": "[who exactly?]",
    "everybody": "[who exactly?]",
    "every body": "[who exactly?]",
    "nobody": "[how many people?]",
    "no one": "[how many people?]",
    "noone": "[how many people?]",
    "no-one": "[how many people?]",
    "every single": "[which]",
}
# Whole sentences that are verdicts, orders or put-downs cannot be softened into feedback;
# sarcastic openers ("Great job ...") and self-erasure can simply be cut.
_UNUSABLE = [
    *cues.BEHAVIOUR_JUDGEMENT,
    cues.TONE_PUT_DOWN[0],
    cues.TONE_PUT_DOWN[3],
    cues.TONE_CONDESCENDING,
    *cues.COMMAND,
    cues.IMPACT_VERDICT,
    cues.REQUEST_VAGUE,
]
_REMOVABLE = [cues.TONE_SELF_ERASING, cues.TONE_PUT_DOWN[1], cues.TONE_PUT_DOWN[2]]
_SLOTS = ("situation", "behaviour", "impact", "request")


@dataclass
class _Piece:
    text: str
    roles: set[str]
    prompt: bool = False


def build_rewrite(feedback: Feedback, findings: dict[str, Finding]) -> str:
    met = {
        slot: feedback.sentence_at(f.span[0])
        for slot in _SLOTS
        if (f := findings[slot]).score == 2 and f.span is not None
    }
    pieces = [
        _Piece(text, {slot for slot, at in met.items() if at == index})
        for index, sentence in enumerate(feedback.sentences)
        if _usable(sentence) and len(re.findall(r"\w+", text := _clean(sentence))) >= 3
    ]
    _add_situation(pieces, feedback, findings["situation"])
    _add_prompt(pieces, "behaviour", _behaviour_position(pieces))
    _add_prompt(pieces, "impact", _after(pieces, "behaviour"))
    _request_last(pieces)
    return " ".join(piece.text for piece in pieces)


def _add_situation(pieces: list[_Piece], feedback: Feedback, finding: Finding) -> None:
    if any("situation" in piece.roles for piece in pieces):
        return
    # The anchor sits in a sentence too flawed to keep: keep the anchor alone.
    text = (
        _anchor_only(feedback.quote(finding.span)) if finding.score == 2 else PROMPTS["situation"]
    )
    pieces.insert(0, _Piece(text, {"situation"}, prompt=True))


def _behaviour_position(pieces: list[_Piece]) -> int:
    if pieces[0].prompt:
        return 1
    # Behaviour comes before the effect it had, even when the effect carries the situation.
    return next((i for i, p in enumerate(pieces) if p.roles & {"impact", "request"}), len(pieces))


def _after(pieces: list[_Piece], role: str) -> int:
    return next(i + 1 for i, p in enumerate(pieces) if role in p.roles)


def _add_prompt(pieces: list[_Piece], slot: str, position: int) -> None:
    if not any(slot in piece.roles for piece in pieces):
        pieces.insert(position, _Piece(PROMPTS[slot], {slot}, prompt=True))


def _request_last(pieces: list[_Piece]) -> None:
    """Upward feedback ends with its ask, so the conversation starts there."""
    asks = [piece for piece in pieces if "request" in piece.roles]
    for piece in asks:
        pieces.remove(piece)
    pieces.extend(asks or [_Piece(PROMPTS["request"], {"request"}, prompt=True)])


def _usable(sentence: Sentence) -> bool:
    return not any(pattern.search(sentence.masked) for pattern in _UNUSABLE)


def _anchor_only(anchor: str) -> str:
    """A situation phrase on its own, ready to lead into the behaviour prompt."""
    needs_preposition = anchor.lower().startswith("the ")
    phrase = f"In {anchor}" if needs_preposition else anchor[:1].upper() + anchor[1:]
    return phrase + ","


# Marks where words were cut, so that a clause left with nothing to say can go as well.
_CUT = "\x00"
# Words that carry no content of their own: a clause of only these, once its hedges are cut
# ("I just wanted to say", "and sorry if this is out of line"), was only there to soften.
_EMPTY_WORDS = cues.word_set(
    "i you we me it it's this that is was be and but so if or to a the just say said "
    "mention wanted want think know feel really well anyway um also here there ok okay "
    "though"
)
_SOFTENED_ASK = re.compile(
    rf"^\W*(?:i think,? )?(?:maybe|perhaps),? "
    rf"(?:(?P<who>we|you) could\b ?|(?=(?:{cues.SUGGESTED_VERBS})\b))",
    re.IGNORECASE,
)
_LINKING = cues.word_set("is was are were 's 're has have had will would can could")


def _edits(sentence: Sentence) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in a sentence: hedges out, asks unhedged, absolutes replaced."""
    masked = sentence.masked
    edits = [
        (*match.span(), f"could {match.group('who') or 'you'} ")
        for match in _SOFTENED_ASK.finditer(masked)
    ]
    burying, mild = hedge_spans(masked)
    edits += [(start, end, _CUT) for start, end in burying + mild]
    for pattern in _REMOVABLE:
        edits += [(*match.span(), _CUT) for match in pattern.finditer(masked)]
    edits += [
        (*match.span(), _unabsolute(masked, match)) for match in cues.ABSOLUTE.finditer(masked)
    ]
    return _without_overlaps(edits)


def _unabsolute(masked: str, match: re.Match[str]) -> str:
    word = re.sub(r"\s+", " ", match.group().lower())
    if word in ("never", "not once"):
        # "it's never open" -> "it's not open"; "you never reply" -> "you didn't reply".
        before = word_before(masked, match.start())
        return "not" if before in _LINKING or before.endswith(("'s", "'re")) else "didn't"
    if word == "every time":
        return (
            "when"
            if re.match(r"\s+(?:i|you|we|he|she|they)\b", masked[match.end() :], re.I)
            else ""
        )
    return _ABSOLUTE_REPLACEMENTS.get(word, "")


def _without_overlaps(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for edit in sorted(edits, key=lambda e: (e[0], -e[1])):
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    return kept


def _clean(sentence: Sentence) -> str:
    text = sentence.text
    for start, end, replacement in reversed(_edits(sentence)):
        text = text[:start] + replacement + text[end:]
    clauses = text.split(",")
    kept = [clause for clause in clauses if not _only_softening(clause)]
    text = ",".join(kept).replace(_CUT, " ")
    if kept and kept[0] is not clauses[0]:
        text = re.sub(r"^\W*(?:and|but|that)\b", "", text, flags=re.IGNORECASE)
    # "...the slides had a lot of text?" is a statement hedged as a question: say it.
    if not is_request(sentence) and not cues.QUESTION_START.search(sentence.masked):
        text = re.sub(r"\?\s*$", ".", text.rstrip())
    text = _tidy(text)
    # A cut clause may have taken the full stop with it.
    return text if not text or text[-1] in ".!?" else text + "."


def _only_softening(clause: str) -> bool:
    words = re.findall(r"[\w']+", clause.replace(_CUT, " ").lower())
    return _CUT in clause and all(word in _EMPTY_WORDS for word in words)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"^(?:[\s,;:.-]|\b(?:so|well|anyway|um+|uh+)\b)+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(so|and|but|anyway),?\s*([.!?])", r"\2", text, flags=re.IGNORECASE)
    return text[:1].upper() + text[1:] if text else text
