"""One matching run: check the roster and the request, score, assign and explain, per cohort.

Pure over the roster and the existing pairs; nothing here reads or writes the store, so the
same run can be shown, tested and, only when asked, saved (`to_pairs`).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from assistant.config import MatchingWeights
from assistant.matching.assign import Blocks, assign, unmatched
from assistant.matching.explain import explain
from assistant.matching.graph import ReportingLines, RosterCheck, check_roster
from assistant.matching.results import CohortSummary, MatchResult, Proposal, Unmatched
from assistant.matching.rules import (
    MatchInputError,
    PersonPair,
    Request,
    Rules,
    check_request,
)
from assistant.matching.scoring import Scores, score
from assistant.matching.vectors import PhraseVectors
from assistant.models import Pair, Participant

_MATCHED_ROLES = ("leader", "mentor")


@dataclass(frozen=True)
class _Context:
    roster: RosterCheck
    rules: Rules
    weights: MatchingWeights
    vectors: PhraseVectors


def propose(
    participants: Sequence[Participant],
    pairs: Sequence[Pair],
    weights: MatchingWeights,
    vectors: PhraseVectors,
    request: Request | None = None,
) -> MatchResult:
    """The best pairs for every cohort (or `request.cohort`); raises MatchInputError."""
    request = request or Request()
    people: dict[str, Participant] = {}
    for person in participants:
        people.setdefault(person.id, person)
    roster = check_roster(participants, pairs)
    context = _Context(roster, check_request(request, people, pairs, roster), weights, vectors)
    known = sorted({p.cohort for p in people.values() if p.role in _MATCHED_ROLES})
    if request.cohort is not None and request.cohort not in known:
        raise MatchInputError(
            [f"--cohort {request.cohort}: nobody is in that cohort; cohorts: {', '.join(known)}"]
        )
    cohorts = known if request.cohort is None else [request.cohort]
    result = MatchResult(
        cohorts=[], proposals=[], unmatched=[], problems=[], closing=context.rules.closing
    )
    for cohort in cohorts:
        members = [p for p in people.values() if p.cohort == cohort and p.left is None]
        _match_cohort(cohort, members, context, result)
    in_scope = {p.id for p in people.values() if request.cohort in (None, p.cohort)}
    result.problems = [p for p in roster.problems if p.participant_id in in_scope]
    return result


def _match_cohort(
    cohort: str, members: list[Participant], context: _Context, result: MatchResult
) -> None:
    rules, left_out = context.rules, context.roster.left_out
    candidates = [p for p in members if p.role in _MATCHED_ROLES and p.id not in rules.busy]
    result.unmatched.extend(_left_out(cohort, candidates, left_out))
    by_id = {p.id: p for p in members}
    locks = [lock for lock in rules.locks if lock[0] in by_id]
    locked = {person_id for lock in locks for person_id in lock}
    free = [p for p in candidates if p.id not in left_out and p.id not in locked]
    free_leaders = [p for p in free if p.role == "leader"]
    free_mentors = [p for p in free if p.role == "mentor"]
    leaders = free_leaders + [by_id[leader_id] for leader_id, _ in locks]
    mentors = free_mentors + [by_id[mentor_id] for _, mentor_id in locks]
    scores = score(leaders, mentors, context.weights, context.vectors)
    blocks = blocks_for(free_leaders, free_mentors, context.roster.lines, rules)
    n_leaders, n_mentors = len(free_leaders), len(free_mentors)
    chosen = assign(scores.total[:n_leaders, :n_mentors], blocks.any)
    held = [(n_leaders + k, n_mentors + k) for k in range(len(locks))]
    proposals = [
        _proposal(cohort, scores, row, column, locked=row >= n_leaders)
        for row, column in [*held, *sorted(chosen, key=lambda rc: leaders[rc[0]].name)]
    ]
    result.proposals.extend(proposals)
    result.unmatched.extend(unmatched(cohort, free_leaders, free_mentors, chosen, blocks))
    result.cohorts.append(
        CohortSummary(
            cohort=cohort,
            free_leaders=n_leaders + len(locks),
            free_mentors=n_mentors + len(locks),
            already_paired=len({rules.busy[p.id] for p in members if p.id in rules.busy}),
            proposed=len(proposals),
            total_score=round(sum(p.score for p in proposals), 4),
        )
    )


def _left_out(
    cohort: str, candidates: list[Participant], left_out: dict[str, str]
) -> list[Unmatched]:
    """The people a roster fault keeps out of matching, each with that fault."""
    return [
        Unmatched(
            cohort=cohort,
            person_id=person.id,
            name=person.name,
            role=person.role,
            reason=left_out[person.id],
        )
        for person in candidates
        if person.id in left_out
    ]


def _proposal(cohort: str, scores: Scores, row: int, column: int, *, locked: bool) -> Proposal:
    leader, mentor = scores.leaders[row], scores.mentors[column]
    explanation = explain(scores, row, column)
    return Proposal(
        cohort=cohort,
        leader_id=leader.id,
        leader_name=leader.name,
        mentor_id=mentor.id,
        mentor_name=mentor.name,
        score=sum(part.contribution for part in explanation.parts),
        locked=locked,
        explanation=explanation,
    )


def _mark(
    matrix: np.ndarray,
    pairs: Iterable[PersonPair],
    leader_rows: dict[str, int],
    mentor_columns: dict[str, int],
) -> None:
    for leader_id, mentor_id in pairs:
        if leader_id in leader_rows and mentor_id in mentor_columns:
            matrix[leader_rows[leader_id], mentor_columns[mentor_id]] = True


def blocks_for(
    leaders: Sequence[Participant],
    mentors: Sequence[Participant],
    lines: ReportingLines,
    rules: Rules,
) -> Blocks:
    rows = {p.id: i for i, p in enumerate(leaders)}
    columns = {p.id: j for j, p in enumerate(mentors)}
    shape = (len(leaders), len(mentors))
    related = np.zeros(shape, dtype=bool)
    # Chains are short, so walking each person's managers is cheaper than comparing all pairs.
    _mark(related, ((m, p.id) for p in mentors for m in lines.managers_of(p.id)), rows, columns)
    _mark(related, ((p.id, m) for p in leaders for m in lines.managers_of(p.id)), rows, columns)
    forbidden = np.zeros(shape, dtype=bool)
    _mark(forbidden, rules.forbidden, rows, columns)
    before = np.zeros(shape, dtype=bool)
    _mark(before, rules.paired_before, rows, columns)
    return Blocks(reporting_line=related, forbidden=forbidden, paired_before=before)


def to_pairs(result: MatchResult, existing: Sequence[Pair], start_date: date) -> list[Pair]:
    """The proposals as new pairs, and the rematched pairs closed: what `--save` writes."""
    taken = {pair.id for pair in existing}
    closing = [
        p.model_copy(update={"status": "closed"}) for p in existing if p.id in result.closing
    ]
    new = []
    for proposal in result.proposals:
        pair_id = _pair_id(proposal, taken)
        taken.add(pair_id)
        new.append(
            Pair(
                id=pair_id,
                leader_id=proposal.leader_id,
                mentor_id=proposal.mentor_id,
                cohort=proposal.cohort,
                start_date=start_date,
            )
        )
    return [*closing, *new]


def _pair_id(proposal: Proposal, taken: set[str]) -> str:
    """Readable when it fits: `leader.mentor`, with a counter if that pair existed before."""
    base = f"{proposal.leader_id}.{proposal.mentor_id}"[:60]
    candidate, counter = base, 1
    while candidate in taken:
        counter += 1
        candidate = f"{base}.{counter}"
    return candidate
