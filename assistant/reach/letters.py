"""What `rmcoach nudges --send` says to whom: one letter per person, one summary per coordinator.

Pure: nudges (the session rules' and the surveys') and people in; letters out, each listing the
keys of the items it carries so the sender can record them once the server has accepted it. An
item already sent to that person (its key in `sent`) is left out, and a person with nothing new
gets no letter.

The coordinator's summary is built from what a coordinator may see: each nudge's kind, pair,
recipients and the reason `accountability.nudges` words for the coordinator (dates and counts,
never a rating), and how many surveys are owed by kind (people owing surveys are counted there,
not listed one by one). Nudges addressed to coordinators (a poor pairing fit) reach them as
their own letter, like anyone's. No session summary's text and no private note reaches this
module.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.accountability.nudges import Nudge
from assistant.models import Participant
from assistant.surveys.due import OwedSurvey

KIND_TITLES = {
    "overdue-session": "Time for your next session",
    "overdue-commitment": "A commitment past its date",
    "debrief-missing": "Your debrief is missing",
    "rating-drop": "A check-in after your last session",
    "survey-due": "A short survey",
    "poor-fit": "A pairing that fits poorly",
}
# Each nudge greets its reader by name already, so the letter opens without a second greeting
# (and not with "From ", which mail systems rewrite as ">From ").
OPENING = "Here is what your reverse-mentoring programme has waiting for you:"
#: Kinds the coordinator's summary counts rather than lists.
COUNTED = frozenset({"survey-due"})
FOOTER = "Sent by rmcoach, the coach of your reverse-mentoring programme."


@dataclass(frozen=True)
class Item:
    key: str
    """What makes it the same item from one run to the next; recorded once sent."""
    heading: str
    text: str
    kind: str = ""
    """The nudge kind it carries, if any."""


@dataclass(frozen=True)
class Letter:
    recipient: Participant
    subject: str
    items: list[Item]
    opening: str
    notes: list[str] = field(default_factory=list)
    """Context after the items (a coordinator's survey counts), sent but not recorded."""

    @property
    def keys(self) -> list[str]:
        return [item.key for item in self.items]

    @property
    def body(self) -> str:
        parts = [self.opening]
        parts += [f"{item.heading}\n{item.text}" for item in self.items]
        parts += self.notes
        return "\n\n".join([*parts, f"--\n{FOOTER}"]) + "\n"


@dataclass(frozen=True)
class Unreachable:
    """A person something was due for, whom no letter can reach: no address in the roster."""

    person: Participant
    items: int


def personal_letters(
    people: dict[str, Participant], nudges: Sequence[Nudge], sent: dict[str, set[str]]
) -> tuple[list[Letter], list[Unreachable]]:
    """A letter for each person with something new, and those who have no address."""
    items: dict[str, list[Item]] = defaultdict(list)
    for nudge in nudges:
        for recipient in nudge.to:
            items[recipient.id].append(_nudge_item(nudge))
    letters, unreachable = [], []
    for person_id in sorted(items):
        person = people[person_id]
        new = [item for item in items[person_id] if item.key not in sent.get(person_id, set())]
        if not new:
            continue
        if person.email is None:
            unreachable.append(Unreachable(person, len(new)))
            continue
        letters.append(Letter(person, _subject(new), new, OPENING))
    return letters, unreachable


def coordinator_summaries(
    coordinators: Iterable[Participant],
    nudges: Sequence[Nudge],
    owed: Sequence[OwedSurvey],
    unreachable: Sequence[Unreachable],
    failed: Sequence[tuple[Participant, str]],
    today: str,
    sent: dict[str, set[str]],
) -> list[Letter]:
    """One summary per coordinator with an address, when it has something they were not sent."""
    listed = [n for n in nudges if n.kind not in COUNTED and _to_pair(n)]
    items = [_summary_item(nudge) for nudge in listed]
    items += [
        Item(
            f"unreachable:{gone.person.id}",
            f"No e-mail address for {gone.person.name} ({gone.person.role}, {gone.person.id})",
            f"{gone.items} item(s) could not be sent: add an email column to the roster "
            "(rmcoach roster import) to reach them.",
        )
        for gone in unreachable
    ]
    items += [
        Item(
            f"failed:{person.id}:{today}",
            f"Not delivered to {person.name} ({person.id})",
            f"{reason}. Nothing was recorded for them, so the next run tries again.",
        )
        for person, reason in failed
    ]
    notes = [_survey_counts(owed)] if owed else []
    letters = []
    for coordinator in coordinators:
        if coordinator.email is None:
            continue
        new = [item for item in items if item.key not in sent.get(coordinator.id, set())]
        if new:
            subject = f"rmcoach: programme summary for {today}, {_count(len(new), 'new item')}"
            opening = (
                f"Hi {_first_name(coordinator)},\n\nWhat rmcoach sent and found today "
                f"({today}), new since the last summary:"
            )
            letters.append(Letter(coordinator, subject, new, opening, notes))
    return letters


def _nudge_item(nudge: Nudge) -> Item:
    source = f"Guidance: {nudge.source.doc} > {nudge.source.heading}"
    return Item(
        f"nudge:{nudge.key}",
        f"{KIND_TITLES.get(nudge.kind, _label(nudge.kind))} (pair {nudge.pair_id})",
        f"{nudge.message}\n{source}",
        nudge.kind,
    )


def _to_pair(nudge: Nudge) -> bool:
    """Whether the nudge went to the pair's people (not to the coordinators themselves)."""
    return all(recipient.role != "coordinator" for recipient in nudge.to)


def _summary_item(nudge: Nudge) -> Item:
    to = " and ".join(f"{r.name} ({r.role})" for r in nudge.to)
    return Item(
        f"summary:{nudge.key}",
        f"{_label(nudge.kind)}, pair {nudge.pair_id}: nudged {to}",
        nudge.reason,
    )


def _survey_counts(owed: Sequence[OwedSurvey]) -> str:
    counts = Counter(survey.kind for survey in owed)
    listed = ", ".join(f"{kind} {counts[kind]}" for kind in sorted(counts))
    pairs = len({survey.pair_id for survey in owed})
    return f"Surveys still owed: {len(owed)} across {_count(pairs, 'pair')} ({listed})."


def _subject(items: Sequence[Item]) -> str:
    surveys = sum(item.kind == "survey-due" for item in items)
    nudges = len(items) - surveys
    said = [_count(nudges, "reminder")] if nudges else []
    said += [_count(surveys, "survey")] if surveys else []
    return f"Your reverse-mentoring programme: {' and '.join(said)}"


def _label(kind: str) -> str:
    return kind.replace("-", " ").capitalize()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _first_name(person: Participant) -> str:
    return person.name.split()[0]
