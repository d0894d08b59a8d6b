"""What a matching run proposes, in pydantic so `rmcoach match --json` is the same data."""

from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.matching.graph import RosterProblem

PhraseKind = Literal["skill", "interest"]


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Part(_Result):
    name: str
    value: float
    """Between 0 and 1."""
    weight: float
    contribution: float
    """value x weight; a pair's contributions add up to its score."""


class GoalMatch(_Result):
    """One of the leader's goals and the mentor phrase that answers it best."""

    goal: str
    phrase: str | None
    phrase_kind: PhraseKind | None
    similarity: float | None
    credit: float
    """Between 0 and 1; goal_fit is the mean credit over the leader's goals."""


class Explanation(_Result):
    parts: list[Part]
    goal_matches: list[GoalMatch]
    shared_tags: list[str]
    shared_slots: list[str]
    facts: list[str]
    """The two or three facts that drove the score, strongest first."""


class Proposal(_Result):
    cohort: str
    leader_id: str
    leader_name: str
    mentor_id: str
    mentor_name: str
    score: float
    locked: bool
    explanation: Explanation


class Unmatched(_Result):
    cohort: str
    person_id: str
    name: str
    role: Literal["leader", "mentor"]
    reason: str


class CohortSummary(_Result):
    cohort: str
    free_leaders: int
    free_mentors: int
    already_paired: int
    """Open pairs left as they are."""
    proposed: int
    total_score: float


class MatchResult(_Result):
    cohorts: list[CohortSummary]
    proposals: list[Proposal]
    unmatched: list[Unmatched]
    problems: list[RosterProblem]
    closing: list[str]
    """Ids of open pairs that `--rematch` closes when the proposals are saved."""
