"""The coordinator's report, in pydantic: what `build_report` returns and every format renders.

Its JSON (`ProgrammeReport.model_dump_json()`) is the stable format for tools, documented in the
README under "Reports"; `SCHEMA_VERSION` changes whenever a field is renamed, removed or changes
meaning. A breakdown over fewer pairs than the minimum group size is a `Suppressed` value,
never a number, so no format can print what it was.
"""

from datetime import date
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION: Final = 1


class ReportModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Suppressed(ReportModel):
    """Stands in for a value computed over fewer pairs than the minimum group size."""

    suppressed: Literal[True] = True


#: A number the coordinator may see, the marker that it was withheld, or None when there was
#: nothing to measure (a completion rate when every commitment was dropped).
Value = int | float | Suppressed | None


class ReportMeta(ReportModel):
    generated_for: date
    cohort: str | None
    since: date | None
    min_group_size: int
    suppressed_values: int = 0


class PairCounts(ReportModel):
    """Counts of pairs are shown as they are: they name no one and carry no session content."""

    active: int
    paused: int
    closed: int
    total: int
    consenting: int
    """Pairs whose two participants consented to share summaries: the only ones counted below."""


class Totals(ReportModel):
    pairs: PairCounts
    sessions_held: Value
    sessions_per_pair_median: Value
    median_days_between_sessions: Value
    cadence_met_share: Value
    """Share (0-1) of active pairs that held at least one session per planned cadence so far."""


class SideRatings(ReportModel):
    safety_mean: Value
    """Psychological safety, 1-7."""
    usefulness_mean: Value
    """Usefulness, 1-5."""


class MonthRatings(ReportModel):
    month: str
    leader: SideRatings
    mentor: SideRatings


class RatingsSection(ReportModel):
    leader: SideRatings
    mentor: SideRatings
    by_month: list[MonthRatings]


class Accountability(ReportModel):
    made: Value
    done: Value
    dropped: Value
    open: Value
    overdue: Value
    completion_rate: Value
    """done / (made - dropped), 0-1."""


class ObjectiveKindProgress(ReportModel):
    kind: str
    pairs: Value
    objectives: Value
    mean_progress: Value
    """0-100, from each objective's latest progress update."""
    completed_share: Value
    """Share (0-1) of objectives at 100."""


class Retention(ReportModel):
    role: Literal["leader", "mentor"]
    months: Literal[3, 6, 12]
    eligible: Value
    """Participants who joined at least this many months before the report date."""
    still_active_share: Value


class ThemeMonth(ReportModel):
    month: str
    sessions: Value
    topics: dict[str, Value]
    """Sessions that covered each topic; a topic no session covered is absent."""


RiskCode = Literal[
    "missed-cadence", "falling-safety", "overdue-commitments", "rating-gap", "poor-fit"
]


class RiskReason(ReportModel):
    code: RiskCode
    detail: str
    """Generated from dates, counts and ratings only: never quotes what anyone wrote."""


class PairAtRisk(ReportModel):
    pair_id: str
    cohort: str
    reasons: list[RiskReason]


class AtRisk(ReportModel):
    pairs: list[PairAtRisk]
    not_assessed_without_consent: int
    """Active pairs left out because a participant did not consent to share summaries."""


class NudgeSummary(ReportModel):
    """How many nudges are due on the report date (`rmcoach nudges`), never what they say."""

    total: Value
    by_kind: dict[str, Value]
    """overdue-session, overdue-commitment, debrief-missing, rating-drop; absent when none."""


class Outcome(ReportModel):
    """Learning: one scale of one side, baseline to closing, over the people who answered both."""

    scale: str
    side: Literal["leader", "mentor"]
    people: Value
    before_mean: Value
    after_mean: Value
    change: Value
    """after_mean - before_mean, in the scale's points (a scale's score is the sum of its items)."""
    p_value: Value
    """Wilcoxon signed-rank test of the paired scores; None when no one's score changed."""
    effect_size: Value
    """Matched-pairs rank-biserial correlation, -1 to 1 (positive: scores rose)."""


class Nps(ReportModel):
    """Net promoter score of the closing recommendation (0-10): % 9-10 minus % 0-6."""

    respondents: Value
    score: Value


class PairingFit(ReportModel):
    """Reaction: the pairing-fit survey after the first held session."""

    respondents: Value
    mean: Value
    """Mean item answer, 1-5."""
    poor_pairs: Value
    """Pairs where a side's mean item answer was at or below the poor-fit line (2.5)."""


class FeedbackTheme(ReportModel):
    """A theme in what consenting pairs wrote, named by its most distinctive words only."""

    label: str
    words: list[str]
    pairs: int
    sessions: int
    """Held sessions' passages (shared summary, what each side learned) in the theme, a session
    counted once per passage; survey answers add pairs, not sessions."""


class ProgrammeReport(ReportModel):
    schema_version: Literal[1] = SCHEMA_VERSION
    meta: ReportMeta
    totals: Totals
    ratings: RatingsSection
    accountability: Accountability
    objectives: list[ObjectiveKindProgress]
    retention: list[Retention]
    themes: list[ThemeMonth]
    at_risk: AtRisk
    nudges: NudgeSummary
    pairing_fit: PairingFit
    outcomes: list[Outcome]
    nps: Nps
    feedback_themes: list[FeedbackTheme]
