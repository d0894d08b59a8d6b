"""The programme's domain, in pydantic.

Everything here is validated strictly (`extra="forbid"`): these models are filled from CSV rows,
JSON files and model replies, and a typo in a field name must be an error that names the field,
never silently dropped data.
"""

from datetime import date
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Role = Literal["leader", "mentor", "coordinator"]
Side = Literal["leader", "mentor"]
Topic = Literal[
    "programme-design",
    "objectives",
    "matching",
    "ground-rules",
    "psychological-safety",
    "feedback",
    "agenda",
    "reflection",
    "accountability",
    "measurement",
    "digital-fluency",
    "inclusion",
    "generational",
    "pitfalls",
    "closing",
]
ObjectiveKind = Literal["digital-fluency", "inclusion", "leadership-perspective", "generational", "custom"]
PairStatus = Literal["active", "paused", "closed"]
CommitmentStatus = Literal["open", "done", "dropped"]
SessionStatus = Literal["held", "cancelled"]

ROLES: tuple[str, ...] = get_args(Role)
TOPICS: tuple[str, ...] = get_args(Topic)
OBJECTIVE_KINDS: tuple[str, ...] = get_args(ObjectiveKind)

Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Participant(StrictModel):
    id: Identifier
    name: Name
    role: Role
    department: Name
    level: int = Field(ge=1, le=12, description="Grade: 1 is a new graduate, 12 the executive board.")
    manager_id: Identifier | None = None
    skills: list[Name] = []
    interests: list[Name] = []
    goals: list[Name] = Field(default=[], description="What this person wants to learn.")
    availability: list[Name] = Field(default=[], description="Free slots such as 'mon-am'.")
    cohort: Identifier = "default"
    joined: date | None = None
    left: date | None = None
    consent_to_share: bool = Field(
        default=True, description="Whether this person's session summaries may count in coordinator reports."
    )


class Objective(StrictModel):
    id: Identifier
    title: Name
    kind: ObjectiveKind
    success_criteria: list[Name] = []
    progress: int = Field(
        default=0,
        ge=0,
        le=100,
        description="0 not started, 25 explored, 50 practising, 75 applied at work, 100 success criteria met.",
    )


class Pair(StrictModel):
    id: Identifier
    leader_id: Identifier
    mentor_id: Identifier
    cohort: Identifier = "default"
    objectives: list[Objective] = []
    start_date: date
    cadence_days: int = Field(default=14, ge=1, le=120, description="Planned days between sessions.")
    status: PairStatus = "active"

    @model_validator(mode="after")
    def _two_different_people(self) -> "Pair":
        if self.leader_id == self.mentor_id:
            raise ValueError("leader_id and mentor_id must be two different people")
        return self


class Commitment(StrictModel):
    id: int | None = Field(default=None, description="Assigned by the store; keeps a commitment's identity across sessions.")
    owner: Side
    text: Name
    due: date | None = None
    status: CommitmentStatus = "open"


class Ratings(StrictModel):
    safety: int = Field(ge=1, le=7, description="Psychological safety, 1 (guarded) to 7 (fully candid).")
    usefulness: int = Field(ge=1, le=5, description="How useful the session was, 1 to 5.")


class ObjectiveProgress(StrictModel):
    objective_id: Identifier
    progress: int = Field(ge=0, le=100)
    note: Text = ""


class SessionSummary(StrictModel):
    """What one session left behind. The two private notes are for their author only."""

    pair_id: Identifier
    held_on: date
    status: SessionStatus = "held"
    duration_minutes: int = Field(default=45, ge=0, le=480)
    topics: list[Topic] = []
    agenda_covered: list[Name] = []
    leader_learned: Text = ""
    mentor_learned: Text = ""
    commitments: list[Commitment] = []
    leader_ratings: Ratings | None = None
    mentor_ratings: Ratings | None = None
    objective_progress: list[ObjectiveProgress] = []
    shared_summary: Text = ""
    leader_private_note: Text = ""
    mentor_private_note: Text = ""

    def without_private_notes(self) -> "SessionSummary":
        """The summary as anyone but its authors may see it."""
        return self.model_copy(update={"leader_private_note": "", "mentor_private_note": ""})


class PairContext(StrictModel):
    """What a session with this pair starts from; holds no private note."""

    pair: Pair
    leader: Participant
    mentor: Participant
    objectives: list[Objective] = []
    recent_summaries: list[SessionSummary] = Field(
        default=[], description="The last few sessions, newest first, shared fields only."
    )
    open_commitments: list[Commitment] = []
    sessions_held: int = 0
