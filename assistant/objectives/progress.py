"""A pair's objectives with how their progress moved, session by session."""

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from assistant.models import Objective, SessionSummary
from assistant.objectives.catalogue import Catalogue

MOST_OBJECTIVES = 3
"""The guidance's limit: more than two or three objectives dilutes the sessions."""


class ProgressPoint(BaseModel):
    model_config = ConfigDict(extra="forbid")

    held_on: date
    progress: int
    note: str


class ObjectiveStatus(BaseModel):
    model_config = ConfigDict(extra="forbid")

    objective: Objective
    history: list[ProgressPoint]
    """Progress as each session summary recorded it, oldest first."""
    session_topics: list[str]
    """Suggested topics, when the objective came from a catalogue template."""


def objective_statuses(
    objectives: Sequence[Objective], sessions: Sequence[SessionSummary], catalogue: Catalogue
) -> list[ObjectiveStatus]:
    """Each objective with its progress history from `sessions` (any order) and its topics."""
    history: dict[str, list[ProgressPoint]] = {o.id: [] for o in objectives}
    for session in sorted(sessions, key=lambda s: s.held_on):
        for update in session.objective_progress:
            if update.objective_id in history:
                point = ProgressPoint(
                    held_on=session.held_on, progress=update.progress, note=update.note
                )
                history[update.objective_id].append(point)
    templates = {t.id: t for t in catalogue.templates}
    return [
        ObjectiveStatus(
            objective=objective,
            history=history[objective.id],
            session_topics=templates[objective.id].session_topics
            if objective.id in templates
            else [],
        )
        for objective in objectives
    ]
