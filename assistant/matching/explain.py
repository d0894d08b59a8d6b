"""Why a pair scored what it did: its parts, and the facts that drove them.

Every number here is read from the same matrices the assignment used, so an explanation can
never disagree with the score: the parts' contributions add up to it, and goal_fit is the mean
of the goal matches' credits.
"""

import numpy as np

from assistant.matching.results import Explanation, GoalMatch, Part, PhraseKind
from assistant.matching.scoring import (
    PARTS,
    Scores,
    leader_goals,
    mentor_phrases,
    mentor_tags,
    normalise,
    slots,
    tag,
)
from assistant.models import Participant

_MAX_FACTS = 3
# A fact that moved the score by less than this did not drive it (scores run from 0 to ~1).
_MIN_CONTRIBUTION = 0.02
# A second mentor phrase is named beside the best one when it earns at least this share of
# the best one's credit for the same goal.
_RUNNER_UP_SHARE = 0.5


def explain(scores: Scores, row: int, column: int) -> Explanation:
    leader, mentor = scores.leaders[row], scores.mentors[column]
    parts = [
        Part(
            name=name,
            value=float(scores.parts[name][row, column]),
            weight=scores.weights[name],
            contribution=float(scores.weights[name] * scores.parts[name][row, column]),
        )
        for name in PARTS
    ]
    matches = _goal_matches(scores, leader, mentor)
    shared_tags = _shared([*leader.goals, *leader.interests], set(mentor_tags(mentor)))
    shared_slots = _shared(leader.availability, set(slots(mentor)))
    facts = _facts(scores, leader, mentor, matches, shared_tags, shared_slots, parts)
    return Explanation(
        parts=parts,
        goal_matches=matches,
        shared_tags=shared_tags,
        shared_slots=shared_slots,
        facts=facts,
    )


def _shared(texts: list[str], other_side: set[str]) -> list[str]:
    """The texts (as this side wrote them) whose tag the other side also has."""
    return list(dict.fromkeys(normalise(text) for text in texts if tag(text) in other_side))


def _goal_matches(scores: Scores, leader: Participant, mentor: Participant) -> list[GoalMatch]:
    space = scores.goals
    phrases = mentor_phrases(mentor)
    columns = [space.phrase_columns[phrase] for phrase, _ in phrases]
    matches = []
    for goal in leader_goals(leader):
        row = space.goal_rows[goal]
        if not columns:
            matches.append(
                GoalMatch(goal=goal, phrase=None, phrase_kind=None, similarity=None, credit=0.0)
            )
            continue
        best = int(np.argmax(space.credit[row, columns]))
        phrase, kind = phrases[best]
        matches.append(
            GoalMatch(
                goal=goal,
                phrase=phrase,
                phrase_kind=kind,
                similarity=float(space.similarity[row, columns[best]]),
                credit=float(space.credit[row, columns[best]]),
            )
        )
    return matches


def _runner_up(
    scores: Scores, mentor: Participant, match: GoalMatch
) -> tuple[str, PhraseKind] | None:
    space = scores.goals
    row = space.goal_rows[match.goal]
    others = [(p, k) for p, k in mentor_phrases(mentor) if p != match.phrase]
    ranked = sorted(others, key=lambda item: -space.credit[row, space.phrase_columns[item[0]]])
    if (
        ranked
        and space.credit[row, space.phrase_columns[ranked[0][0]]] >= _RUNNER_UP_SHARE * match.credit
    ):
        return ranked[0]
    return None


def _goal_fact(scores: Scores, mentor: Participant, match: GoalMatch) -> str:
    named: list[tuple[str | None, PhraseKind | None]] = [(match.phrase, match.phrase_kind)]
    runner_up = _runner_up(scores, mentor, match)
    if runner_up is not None:
        named.append(runner_up)
    by_kind: dict[str, list[str]] = {}
    for phrase, kind in named:
        by_kind.setdefault(str(kind), []).append(str(phrase))
    mentor_side = "; ".join(
        f"mentor's {kind}{'s' if len(items) > 1 else ''}: {', '.join(items)}"
        for kind, items in by_kind.items()
    )
    return f"{mentor_side}; leader's goal: {match.goal}"


def _perspective_fact(leader: Participant, mentor: Participant) -> str:
    if leader.department.casefold() == mentor.department.casefold():
        where = f"same department ({leader.department})"
    else:
        where = f"different departments ({leader.department}, {mentor.department})"
    gap = leader.level - mentor.level
    levels = f"{gap} level{'s' if abs(gap) != 1 else ''} apart" if gap > 0 else "no level gap"
    return f"{where}, {levels}"


def _facts(
    scores: Scores,
    leader: Participant,
    mentor: Participant,
    matches: list[GoalMatch],
    shared_tags: list[str],
    shared_slots: list[str],
    parts: list[Part],
) -> list[str]:
    """Candidate facts weighed by what they added to the score; the strongest few."""
    weight = {part.name: part.weight for part in parts}
    contribution = {part.name: part.contribution for part in parts}
    candidates: list[tuple[float, str]] = [
        (weight["goal_fit"] * match.credit / len(matches), _goal_fact(scores, mentor, match))
        for match in matches
        if match.credit > 0
    ]
    if shared_tags:
        candidates.append((contribution["tag_overlap"], f"shared tags: {', '.join(shared_tags)}"))
    if contribution["perspective"] > 0:
        candidates.append((contribution["perspective"], _perspective_fact(leader, mentor)))
    if shared_slots:
        candidates.append((contribution["availability"], f"both free: {', '.join(shared_slots)}"))
    candidates = [item for item in candidates if item[0] >= _MIN_CONTRIBUTION]
    if not candidates:
        return ["nothing in common on goals, tags, perspective or slots: the best option left"]
    candidates.sort(key=lambda item: -item[0])
    return [text for _, text in candidates[:_MAX_FACTS]]
