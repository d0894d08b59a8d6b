"""Events the agent adds to the model boundary's stream; the UI matches on all of them alike.

A turn still ends with exactly one `TurnDone` or `TurnError`: these come just before `TurnDone`.
"""

from dataclasses import dataclass

from assistant.agent.rehearsal import Attempt
from assistant.agent.summary import SummaryDraft
from assistant.llm.events import Event
from assistant.models import SessionPlan, SourceRef


@dataclass(frozen=True, slots=True)
class SourcesCited:
    """The guidance the answer rests on: the sections it cites, else every section it was given."""

    sources: tuple[SourceRef, ...]


@dataclass(frozen=True, slots=True)
class PlanProposed:
    """A checked session plan produced during the turn, to show beside the reply."""

    plan: SessionPlan


@dataclass(frozen=True, slots=True)
class SummaryDrafted:
    """A summary draft produced during the turn; nothing is stored until the person confirms it."""

    draft: SummaryDraft


@dataclass(frozen=True, slots=True)
class AttemptScored:
    """A rehearsal attempt, scored, after the persona's reply has streamed."""

    attempt: Attempt


@dataclass(frozen=True, slots=True)
class FellBack:
    """The model failed before answering; the offline guide answers instead, for `reason`."""

    reason: str


AgentEvent = Event | SourcesCited | PlanProposed | SummaryDrafted | AttemptScored | FellBack
