"""One deterministic check per rubric criterion: a score (2 met, 1 partly, 0 missing or violated),
a reason a mentor can act on, and the span of the input that decided it."""

import re
from collections.abc import Callable, Iterable

from assistant.agent.rubric import cues
from assistant.agent.rubric.text import Feedback, Finding, Sentence, word_before

Span = tuple[int, int]


def _first(patterns: Iterable[re.Pattern[str]], text: str, offset: int = 0) -> Span | None:
    found = [m.span() for p in patterns if (m := p.search(text))]
    if not found:
        return None
    start, end = min(found)
    return start + offset, end + offset


def _all(pattern: re.Pattern[str], text: str) -> list[Span]:
    return [m.span() for m in pattern.finditer(text)]


def is_request(sentence: Sentence) -> bool:
    """Whether a sentence asks for something: its words describe a wish, not what happened."""
    masked = sentence.masked
    if cues.PERMISSION.search(masked):
        return False
    if _first([*cues.REQUEST_ASK, cues.SUGGESTION], masked):
        return True
    return masked.rstrip().endswith("?") and bool(cues.MODAL.search(masked))


def _statements(feedback: Feedback) -> list[Sentence]:
    return [s for s in feedback.sentences if not is_request(s)]


def _search_statements(feedback: Feedback, patterns: Iterable[re.Pattern[str]]) -> Span | None:
    for sentence in _statements(feedback):
        if span := _first(patterns, sentence.masked, sentence.start):
            return span
    return None


def check_situation(feedback: Feedback) -> Finding:
    for pattern in cues.SITUATION_SPECIFIC:
        if span := _search_statements(feedback, [pattern]):
            return Finding(2, "Anchors the moment, so the leader can recall it.", span)
    if span := _search_statements(feedback, [cues.SITUATION_VAGUE]):
        return Finding(1, "Too vague to recall: name the meeting, message or day.", span)
    return Finding(0, "No when or where: name the meeting, message or day it happened.")


def _observation(feedback: Feedback) -> Span | None:
    for sentence in _statements(feedback):
        for match in cues.BEHAVIOUR_ACTION.finditer(sentence.masked):
            if _describes(sentence.masked, match):
                return match.start() + sentence.start, match.end() + sentence.start
        patterns = [cues.BEHAVIOUR_ARTEFACT, cues.BEHAVIOUR_NAMED_IN_ORDER]
        if span := _first(patterns, sentence.masked, sentence.start):
            return span
    # The leader's own words, quoted, are the most observable behaviour there is.
    return feedback.quotes[0] if feedback.quotes else None


def _describes(masked: str, match: re.Match[str]) -> bool:
    """Whether "you <verb>" tells what the leader did, not what they should do or felt."""
    words = {word_before(masked, match.start()), *match.group("between").lower().split()}
    return (
        not words & cues.NOT_A_DESCRIPTION
        and match.group("verb").lower() not in cues.NOT_OBSERVABLE
    )


def check_behaviour(feedback: Feedback) -> Finding:
    observed = _observation(feedback)
    judged = _first(cues.BEHAVIOUR_JUDGEMENT, feedback.masked)
    if observed and not judged:
        return Finding(
            2, "Describes what the leader said or did, as a camera would record it.", observed
        )
    if observed and judged:
        return Finding(
            1, "Mixes an observation with a verdict: keep what they did, drop the label.", judged
        )
    if judged:
        return Finding(
            0, "A judgement of character, not behaviour: say what they said or did.", judged
        )
    return Finding(0, "No behaviour described: say what the leader said or did, as a camera would.")


def _effect(feedback: Feedback) -> Span | None:
    for sentence in _statements(feedback):
        for pattern in cues.IMPACT_EFFECT:
            for start, end in _all(pattern, sentence.masked):
                # "you missed the deadline" is the leader's behaviour, not its effect on others.
                if word_before(sentence.masked, start) != "you":
                    return start + sentence.start, end + sentence.start
    return None


def check_impact(feedback: Feedback) -> Finding:
    if span := _effect(feedback):
        return Finding(2, "States the effect on you or others.", span)
    if span := _search_statements(feedback, [cues.IMPACT_VERDICT]):
        return Finding(
            1, "A verdict, not an effect: say who was affected, how, and how you know.", span
        )
    return Finding(0, "No impact stated: say what it did to you or others, and how you know.")


def check_request(feedback: Feedback) -> Finding:
    for sentence in feedback.sentences:
        if not is_request(sentence):
            continue
        span = (sentence.start, sentence.end)
        if vague := _first([cues.REQUEST_VAGUE], sentence.masked, sentence.start):
            return Finding(
                1, "The ask names no change: say what you would like them to try.", vague
            )
        return Finding(
            2, "Ends with a specific request or question that opens a conversation.", span
        )
    return _weak_request(feedback)


def _weak_request(feedback: Feedback) -> Finding:
    if span := _first(cues.COMMAND, feedback.masked) or _command_sentence(feedback):
        return Finding(1, "A demand, not a request: ask for one specific change.", span)
    for sentence in feedback.sentences:
        if cues.WH_QUESTION.search(sentence.masked) and sentence.masked.rstrip().endswith("?"):
            span = (sentence.start, sentence.end)
            return Finding(
                1, "Asks for an explanation, not a change: add what you'd like them to try.", span
            )
    if span := _first([cues.REQUEST_VAGUE, cues.NEXT_TIME], feedback.masked):
        return Finding(1, "Too vague to act on: ask for one specific change.", span)
    return Finding(
        0, 'No request or question: end with one specific ask, e.g. "Could you ... next time?"'
    )


def _command_sentence(feedback: Feedback) -> Span | None:
    for sentence in feedback.sentences:
        if span := _first([cues.COMMAND[1]], sentence.masked, sentence.start):
            return span
    return None


def check_tone(feedback: Feedback) -> Finding:
    put_downs = sorted(s for p in cues.TONE_PUT_DOWN for s in _all(p, feedback.masked))
    orders = sorted(_all(cues.TONE_CONDESCENDING, feedback.masked) + _commands(feedback))
    if put_downs or len(orders) > 1:
        span = (put_downs or orders)[0]
        return Finding(
            0, "Sarcasm or a put-down gives the leader a reason to dismiss the point.", span
        )
    if orders:
        return Finding(1, "Sounds like an order or talks down: ask, don't tell.", orders[0])
    if erasing := _all(cues.TONE_SELF_ERASING, feedback.masked):
        return Finding(
            1,
            "Talks your own point down: the leader asked for your view, so give it plainly.",
            erasing[0],
        )
    return Finding(2, "Respectful and candid.")


def _commands(feedback: Feedback) -> list[Span]:
    spans = _all(cues.COMMAND[0], feedback.masked)
    return spans + ([span] if (span := _command_sentence(feedback)) else [])


def check_absolutes(feedback: Feedback) -> Finding:
    found = [
        span for sentence in _statements(feedback) for span in _offset(cues.ABSOLUTE, sentence)
    ]
    if not found:
        return Finding(2, 'No absolutes: nothing invites a quick "that\'s not true".')
    about_you = _first([cues.ABSOLUTE_ABOUT_YOU], feedback.masked)
    score = 0 if len(found) > 1 or about_you else 1
    reason = (
        "Invites the leader to find the exception: "
        "use a specific, recent example and honest frequency."
    )
    return Finding(score, reason, found[0])


def _offset(pattern: re.Pattern[str], sentence: Sentence) -> list[Span]:
    return [(s + sentence.start, e + sentence.start) for s, e in _all(pattern, sentence.masked)]


def hedge_spans(masked: str) -> tuple[list[Span], list[Span]]:
    """Burying hedges, and mild ones that do not overlap them."""
    burying = _all(cues.HEDGE_BURYING, masked)
    mild = [
        span
        for span in _all(cues.HEDGE_MILD, masked)
        if not any(span[0] < end and start < span[1] for start, end in burying)
    ]
    return burying, mild


def check_hedging(feedback: Feedback) -> Finding:
    burying, mild = hedge_spans(feedback.masked)
    if not burying and not mild:
        return Finding(2, "No hedging: the point comes through.")
    if not burying and len(mild) == 1:
        return Finding(1, "One softener: cut it, and keep none before the main point.", mild[0])
    spans = sorted(burying + mild)
    reason = (
        f"Buries the message ({len(spans)} qualifier(s) that take the point back): "
        "a leader hearing them concludes the point is minor."
    )
    return Finding(0, reason, spans[0])


CHECKS: dict[str, Callable[[Feedback], Finding]] = {
    "situation": check_situation,
    "behaviour": check_behaviour,
    "impact": check_impact,
    "request": check_request,
    "tone": check_tone,
    "absolutes": check_absolutes,
    "hedging": check_hedging,
}
