"""The guided debrief form: fields pre-filled by plain rules, and a question for each empty one.

The rules are deliberately simple and predictable (a person checks every field): commitments
come from sentences like "I will ...", "Sam will ..." or lines labelled "Agreed:" / "Action:";
learning from "I learned ..." or "Mentor learned: ..."; topics from keywords; ratings from
"safety 6/7" or "Safety felt like a 6, usefulness 4"; the length from "40 minutes" or "an
hour". Open commitments are carried over so their status can be set, and one the debrief says
was done or dropped is marked so.
"""

import re
from collections.abc import Mapping
from datetime import date

from assistant.models import (
    Commitment,
    CommitmentStatus,
    PairContext,
    Participant,
    Ratings,
    SessionSummary,
    Side,
    Topic,
)

QUESTIONS: dict[str, str] = {
    "shared_summary": "In three to five sentences you would both be happy for the coordinator "
    "to read: what happened in the session?",
    "agenda_covered": "Which agenda items did you get through?",
    "topics": "Which topics did the session touch on?",
    "leader_learned": "What did the leader learn, in their own words?",
    "mentor_learned": "What did the mentor learn, from the leader or from the session?",
    "commitments": "What did each of you agree to do before the next session (who, what, by when)?",
    "leader_ratings": "Leader: how safe did you feel to say what you really thought (1-7), "
    "and how useful was the session (1-5)?",
    "mentor_ratings": "Mentor: how safe did you feel to say what you really thought (1-7), "
    "and how useful was the session (1-5)?",
}

TOPIC_WORDS: dict[Topic, tuple[str, ...]] = {
    "digital-fluency": (
        "digital",
        "ai",
        "app",
        "tool",
        "teams",
        "slack",
        "whiteboard",
        "linkedin",
        "social media",
        "channel",
        "online",
    ),
    "inclusion": ("inclusion", "inclusive", "diversity", "background", "remote", "accessib"),
    "generational": ("generation", "gen z", "millennial", "younger", "older", "graduate"),
    "feedback": ("feedback", "sbi", "candid"),
    "psychological-safety": ("safe", "safety", "candour", "speak up", "speaking up"),
    "ground-rules": ("ground rule", "confidential"),
    "objectives": ("objective", "goal", "smart", "success criteria"),
    "accountability": ("commitment", "follow-through", "follow through", "action"),
    "reflection": ("reflect", "journal"),
    "closing": ("closing", "wrap up", "final session", "last session"),
    "measurement": ("survey", "measure"),
}

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_LABELLED_ACTION = re.compile(
    r"^\s*[-*•]?\s*(?:agreed|actions?|commitments?|next steps?)\s*:\s*(?P<action>.+)$", re.I
)
_LABELLED_LEARNING = re.compile(
    r"^\s*[-*•]?\s*(?P<who>leader|mentor)\s+learn(?:ed|t)\s*:\s*(?P<what>.+)$", re.I
)
_DONE = re.compile(r"\b(done|did it|did that|completed|finished)\b", re.I)
_DROPPED = re.compile(r"\b(drop|dropped|dropping|abandon(?:ed)?)\b", re.I)


def _rating(word: str, top: int) -> re.Pattern[str]:
    # "safety 6/7", "Safety felt like a 6", "usefulness: 4 out of 5"; not "safety 6/10", and not
    # a number past the sentence's end or a longer number ("safety for 30 minutes").
    return re.compile(
        rf"\b{word}\b[^.!?\d]{{0,24}}?(?<!\d)([1-{top}])(?!\d|\.\d)"
        rf"(?!\s*(?:/|out of)\s*(?!{top}(?!\d))\d)",
        re.I,
    )


_SAFETY = _rating("safety", 7)
_USEFULNESS = _rating("useful(?:ness)?", 5)
# "40 minutes", "a 45-minute session", "90 mins", "an hour", "1.5 hours", "half an hour".
_MINUTES = re.compile(r"\b(\d{1,3})\s*-?\s*(?:minutes?|mins?)\b", re.I)
_HOURS = re.compile(r"\b(an|one|two|\d(?:\.\d+)?)\s*-?\s*hours?\b", re.I)
_HALF_HOUR = re.compile(r"\bhalf an hour\b", re.I)
_HOUR_WORDS = {"an": 1.0, "one": 1.0, "two": 2.0}
_WORD = re.compile(r"[a-z0-9']+")


def prefill(debrief: str, context: PairContext, *, held_on: date, author: Side) -> SessionSummary:
    sentences = [s.strip() for s in _SENTENCE.split(debrief) if s.strip()]
    who = _speakers(context, author)
    learned = _learning(sentences, who)
    ratings = _ratings(debrief)
    minutes = _duration(debrief)
    return SessionSummary(
        pair_id=context.pair.id,
        held_on=held_on,
        **({"duration_minutes": minutes} if minutes is not None else {}),
        topics=_topics(_USEFULNESS.sub("", _SAFETY.sub("", debrief))),
        leader_learned=learned.get("leader", ""),
        mentor_learned=learned.get("mentor", ""),
        commitments=[*carried_over(context, _updates(sentences, context)), *_new(sentences, who)],
        **({f"{author}_ratings": ratings} if ratings else {}),
    )


def carried_over(context: PairContext, updates: Mapping[int, CommitmentStatus]) -> list[Commitment]:
    """The pair's open commitments, each with the status the debrief gives it (else still open)."""
    return [
        c.model_copy(update={"status": updates.get(c.id, c.status)}) if c.id is not None else c
        for c in context.open_commitments
    ]


def questions_for(summary: SessionSummary, author: Side | None = None) -> dict[str, str]:
    """A question for every field of `summary` still empty; with an `author`, none about the
    other side's learning or ratings, which only the other side records."""
    new_commitments = [c for c in summary.commitments if c.id is None]
    filled = summary.model_dump() | {"commitments": new_commitments}
    theirs: tuple[str, ...] = ()
    if author is not None:
        other = "mentor" if author == "leader" else "leader"
        theirs = (f"{other}_learned", f"{other}_ratings")
    return {
        field: question
        for field, question in QUESTIONS.items()
        if not filled[field] and field not in theirs
    }


def _speakers(context: PairContext, author: Side) -> dict[str, Side]:
    """Who a sentence's subject refers to, lower-cased."""
    names: dict[str, Side] = {"i": author, "we": author}
    sides: tuple[tuple[Side, Participant], ...] = (
        ("leader", context.leader),
        ("mentor", context.mentor),
    )
    for side, person in sides:
        names[person.name.split()[0].lower()] = side
        names[person.name.lower()] = side
        names[f"the {side}"] = side
        names[f"my {side}"] = side
    return names


def _subject_pattern(who: Mapping[str, Side], verbs: str) -> re.Pattern[str]:
    names = "|".join(re.escape(name) for name in sorted(who, key=len, reverse=True))
    return re.compile(rf"\b(?P<who>{names})\s+(?:{verbs})\s+(?P<rest>[^.;!?]+)", re.I)


def _new(sentences: list[str], who: Mapping[str, Side]) -> list[Commitment]:
    promise = _subject_pattern(
        who, r"will|'ll|agreed to|committed to|promised to|is going to|am going to"
    )
    found: list[Commitment] = []
    for sentence in sentences:
        labelled = _LABELLED_ACTION.match(sentence)
        text = labelled["action"] if labelled else sentence
        match = promise.search(text)
        if match:
            found.append(_commitment(who[match["who"].lower()], match["rest"]))
        elif labelled:
            found.append(_commitment(who["i"], text))
    return found


def _commitment(owner: Side, action: str) -> Commitment:
    due = _ISO_DATE.search(action)
    action = re.sub(r"\s*\b(?:by|on|before)\s+\d{4}-\d{2}-\d{2}\b", "", action).strip(" .")
    action = action[:1].upper() + action[1:]
    return Commitment(
        owner=owner, text=action[:200], due=date.fromisoformat(due[1]) if due else None
    )


def _learning(sentences: list[str], who: Mapping[str, Side]) -> dict[Side, str]:
    learned = _subject_pattern(who, r"learned|learnt|realised|realized|discovered")
    found: dict[Side, list[str]] = {"leader": [], "mentor": []}
    for sentence in sentences:
        labelled = _LABELLED_LEARNING.match(sentence)
        match = None if labelled else learned.search(sentence)
        if labelled:
            side: Side = "leader" if labelled["who"].lower() == "leader" else "mentor"
            found[side].append(labelled["what"].strip())
        elif match:
            found[who[match["who"].lower()]].append(_sentence_case(match["rest"]))
    return {side: " ".join(texts) for side, texts in found.items() if texts}


def _sentence_case(text: str) -> str:
    text = re.sub(r"^that\s+", "", text.strip(), flags=re.I)
    return f"{text[:1].upper()}{text[1:]}."


def _updates(sentences: list[str], context: PairContext) -> dict[int, CommitmentStatus]:
    """Open commitments a sentence names (most of their words) together with done or dropped."""
    updates: dict[int, CommitmentStatus] = {}
    for commitment in context.open_commitments:
        words = set(_WORD.findall(commitment.text.lower()))
        for sentence in sentences:
            named = len(words & set(_WORD.findall(sentence.lower()))) >= 0.6 * len(words)
            if (
                commitment.id is not None
                and named
                and (_DROPPED.search(sentence) or _DONE.search(sentence))
            ):
                updates[commitment.id] = "dropped" if _DROPPED.search(sentence) else "done"
    return updates


def _topics(debrief: str) -> list[Topic]:
    lowered = debrief.lower()
    return [
        topic
        for topic, words in TOPIC_WORDS.items()
        if any(re.search(rf"\b{re.escape(word)}", lowered) for word in words)
    ]


def _ratings(debrief: str) -> Ratings | None:
    safety, usefulness = _SAFETY.search(debrief), _USEFULNESS.search(debrief)
    if not (safety and usefulness):
        return None
    return Ratings(safety=int(safety[1]), usefulness=int(usefulness[1]))


def _duration(debrief: str) -> int | None:
    """The session's length in minutes, when the debrief gives one that a session can last."""
    minutes: float | None = None
    if found := _MINUTES.search(debrief):
        minutes = int(found[1])
    elif _HALF_HOUR.search(debrief):
        minutes = 30
    elif found := _HOURS.search(debrief):
        word = found[1].lower()
        minutes = _HOUR_WORDS.get(word) or float(word)
        minutes *= 60
    return round(minutes) if minutes is not None and 1 <= minutes <= 480 else None
