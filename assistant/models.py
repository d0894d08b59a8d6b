"""The programme's domain, in pydantic.

Everything here is validated strictly (`extra="forbid"`): these models are filled from CSV rows,
JSON files and model replies, and a typo in a field name must be an error that names the field,
never silently dropped data.
"""

from datetime import date
from typing import Annotated, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

Role = Literal["leader", "mentor", "coordinator"]
Side = Literal["leader", "mentor"]
SIDES: tuple[Side, ...] = ("leader", "mentor")
"""The two sides of a pair, leader first: the order reports, nudges and merges go through."""
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
ObjectiveKind = Literal[
    "digital-fluency", "inclusion", "leadership-perspective", "generational", "custom"
]
PairStatus = Literal["active", "paused", "closed"]
CommitmentStatus = Literal["open", "done", "dropped"]
SessionStatus = Literal["held", "cancelled"]

ROLES: tuple[str, ...] = get_args(Role)
TOPICS: tuple[str, ...] = get_args(Topic)
OBJECTIVE_KINDS: tuple[str, ...] = get_args(ObjectiveKind)

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)
"""The dates rmcoach accepts: a year-1 session would make every figure between sessions absurd."""


def check_day(day: date) -> date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"{day} is outside the dates rmcoach accepts, {FIRST_DAY} to {LAST_DAY}")
    return day


def _not_a_boolean(value: object) -> object:
    # pydantic reads true as 1; a rating or a duration of "true" is a mistake, not a number.
    if isinstance(value, bool):
        raise ValueError(f"{str(value).lower()} is not a number; give a whole number")
    return value


Day = Annotated[date, AfterValidator(check_day)]
Count = Annotated[int, BeforeValidator(_not_a_boolean)]

Identifier = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=64)
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# One @, something on each side and a dot in the domain: enough to catch a name or a typo in the
# column, without refusing addresses a mail server would accept (deliverability is the server's).
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s.]+$"
Email = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=254, pattern=EMAIL_PATTERN)
]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Participant(StrictModel):
    id: Identifier
    name: Name
    role: Role
    department: Name
    level: Count = Field(
        ge=1, le=12, description="Grade: 1 is a new graduate, 12 the executive board."
    )
    manager_id: Identifier | None = None
    skills: list[Name] = []
    interests: list[Name] = []
    goals: list[Name] = Field(default=[], description="What this person wants to learn.")
    availability: list[Name] = Field(default=[], description="Free slots such as 'mon-am'.")
    cohort: Identifier = "default"
    joined: Day | None = None
    left: Day | None = None
    consent_to_share: bool = Field(
        default=True,
        description="Whether this person's session summaries may count in coordinator reports.",
    )
    email: Email | None = Field(
        default=None, description="For calendar invitations and e-mailed nudges; optional."
    )

    @model_validator(mode="after")
    def _left_after_joining(self) -> "Participant":
        if self.joined and self.left and self.left < self.joined:
            raise ValueError(f"left ({self.left}) is before joined ({self.joined})")
        return self


class Objective(StrictModel):
    id: Identifier
    title: Name
    kind: ObjectiveKind
    success_criteria: list[Name] = []
    progress: Count = Field(
        default=0,
        ge=0,
        le=100,
        description=(
            "0 not started, 25 explored, 50 practising, 75 applied at work, "
            "100 success criteria met."
        ),
    )


class Pair(StrictModel):
    id: Identifier
    leader_id: Identifier
    mentor_id: Identifier
    cohort: Identifier = "default"
    objectives: list[Objective] = []
    start_date: Day
    cadence_days: Count = Field(
        default=14, ge=1, le=120, description="Planned days between sessions."
    )
    status: PairStatus = "active"

    @model_validator(mode="after")
    def _two_different_people(self) -> "Pair":
        if self.leader_id == self.mentor_id:
            raise ValueError("leader_id and mentor_id must be two different people")
        return self


class Commitment(StrictModel):
    id: Count | None = Field(
        default=None,
        description="Assigned by the store; keeps a commitment's identity across sessions.",
    )
    owner: Side
    text: Name
    due: Day | None = None
    status: CommitmentStatus = "open"


class Ratings(StrictModel):
    safety: Count = Field(
        ge=1, le=7, description="Psychological safety, 1 (guarded) to 7 (fully candid)."
    )
    usefulness: Count = Field(ge=1, le=5, description="How useful the session was, 1 to 5.")


class ObjectiveProgress(StrictModel):
    objective_id: Identifier
    progress: Count = Field(ge=0, le=100)
    note: Text = ""


class SessionSummary(StrictModel):
    """What one session left behind. The two private notes are for their author only."""

    pair_id: Identifier
    held_on: Day
    status: SessionStatus = "held"
    duration_minutes: Count = Field(
        default=45, ge=0, le=480, description="0 for a cancelled session, which is the default."
    )
    topics: list[Topic] = Field(default=[], max_length=len(TOPICS))
    agenda_covered: list[Name] = Field(default=[], max_length=50)
    leader_learned: Text = ""
    mentor_learned: Text = ""
    commitments: list[Commitment] = Field(
        default=[], max_length=100, description="New and updated commitments; at most 100."
    )
    leader_ratings: Ratings | None = None
    mentor_ratings: Ratings | None = None
    objective_progress: list[ObjectiveProgress] = Field(default=[], max_length=50)
    shared_summary: Text = ""
    leader_private_note: Text = ""
    mentor_private_note: Text = ""

    @model_validator(mode="after")
    def _cancelled_has_no_ratings_or_duration(self) -> "SessionSummary":
        if self.status != "cancelled":
            return self
        rated = [f"{side}_ratings" for side in ("leader", "mentor")]
        given = [name for name in rated if getattr(self, name) is not None]
        if self.duration_minutes and "duration_minutes" in self.model_fields_set:
            given.append(f"duration_minutes ({self.duration_minutes})")
        if given:
            raise ValueError(
                f"a cancelled session has no {' or '.join(given)}: leave them out, "
                "or record the session as held"
            )
        self.duration_minutes = 0
        return self

    def without_private_notes(self) -> "SessionSummary":
        """The summary as anyone but its authors may see it."""
        return self.model_copy(update={"leader_private_note": "", "mentor_private_note": ""})


class PairContext(StrictModel):
    """What a session with this pair starts from; holds no private note.

    On a shared store a leader or mentor reads only the other side's card (name, department,
    side, grade, left date): that side's other fields keep the defaults (no e-mail, no goals).
    """

    pair: Pair
    leader: Participant
    mentor: Participant
    objectives: list[Objective] = []
    recent_summaries: list[SessionSummary] = Field(
        default=[], description="The last few sessions, newest first, shared fields only."
    )
    open_commitments: list[Commitment] = []
    sessions_held: int = 0


SessionStage = Literal["first", "middle", "closing"]
SESSION_STAGES: tuple[str, ...] = get_args(SessionStage)
COMMITMENT_CHECK_IN = "commitments"
"""`AgendaItem.serves` for the item that reviews the pair's open commitments."""
CHECK_IN_QUOTES = 3
"""How many open commitments the check-in item quotes; it counts the rest ("and 6 more"), so
a pair with many stays within the item's 2,000 characters."""

# A question opening with one of these invites a yes or a no, not reflection.
_YES_NO_OPENERS = frozenset(
    {"am", "is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would"}
    | {"shall", "should", "have", "has", "had", "may", "might", "must"}
)


def _open_question(text: str) -> str:
    if not text.endswith("?"):
        raise ValueError(f"a reflection question must end with '?': {text!r}")
    first_word = text.split(maxsplit=1)[0].strip("\"'“‘").lower()
    if first_word in _YES_NO_OPENERS:
        raise ValueError(
            f"{text!r} invites a yes or no; ask an open question (what, how, which, where, who)"
        )
    return text


OpenQuestion = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=5, max_length=300),
    AfterValidator(_open_question),
]


class SourceRef(StrictModel):
    """A section of the guidance: the document's id and one of its headings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    doc: Name
    heading: Name

    def cite(self) -> str:
        return f"[{self.doc} > {self.heading}]"


class AgendaItem(StrictModel):
    title: Name
    minutes: Count = Field(ge=1, le=480)
    purpose: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
    serves: Name | None = Field(
        default=None,
        description="The id of the objective this item serves, or 'commitments' for the check-in.",
    )


class SafetyPrompts(StrictModel):
    """Things each side can say or do to make candour across the power gap safer."""

    leader: list[Name] = Field(min_length=1)
    mentor: list[Name] = Field(min_length=1)


class SessionPlan(StrictModel):
    """A plan for one session. Checks that need the store or the guidance live in the agent."""

    pair_id: Identifier
    stage: SessionStage
    session_number: Count = Field(ge=1, description="1 for the first session the pair holds.")
    minutes: Count = Field(ge=15, le=240)
    agenda: list[AgendaItem] = Field(min_length=1)
    reflection_before: list[OpenQuestion] = Field(
        min_length=1, description="For the leader, in the ten minutes before the session."
    )
    reflection_after: list[OpenQuestion] = Field(
        min_length=1, description="For the leader, within two hours after the session."
    )
    safety_prompts: SafetyPrompts
    sources: list[SourceRef] = Field(min_length=1)

    @model_validator(mode="after")
    def _agenda_fills_the_session(self) -> "SessionPlan":
        planned = sum(item.minutes for item in self.agenda)
        if planned != self.minutes:
            raise ValueError(
                f"agenda minutes add up to {planned}, but the session is {self.minutes} minutes"
            )
        return self
