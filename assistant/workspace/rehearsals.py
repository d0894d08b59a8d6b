"""Use cases for a mentor's practice: score one piece of feedback, rehearse with a persona.

Online the model plays the leader and may refine the rubric's score within its limits; offline
the persona's canned reply and the rules alone. Nothing a mentor types here is stored.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING

from assistant.workspace.errors import InvalidInput, translated
from assistant.workspace.parts import Parts

if TYPE_CHECKING:
    from assistant.agent.events import AgentEvent
    from assistant.agent.rehearsal import AttemptScore, Rehearsal
    from assistant.agent.rubric import RubricResult


class RehearsalUseCases(Parts):
    async def score_feedback(self, text: str) -> RubricResult:
        """One piece of feedback scored against the rubric, with a rewrite."""
        from assistant.agent.rubric import score_feedback

        if not text.strip():
            raise InvalidInput("there is no feedback to score", "write what you would say")
        if not self.online:
            return score_feedback(text)
        # The model's side (prompt templates, the client's errors) loads only when one answers.
        from assistant.agent.scoring import refined_score

        with translated():
            return await refined_score(text, self.settings)

    async def rehearse(self, rehearsal: Rehearsal, text: str) -> AsyncIterator[AgentEvent]:
        """The leader's reply in character, then the scored attempt (`AttemptScored`)."""
        with translated():
            async for event in self.coach.rehearse(rehearsal, text):
                yield event


def progress_lines(scores: Sequence[AttemptScore]) -> list[str]:
    """A rehearsal's progress as the app's Progress panel and `rmcoach rehearse` both show it:
    each attempt's total on a fixed scale, then the change since the first attempt. (What is
    still to work on is on each attempt's rubric card.)"""
    lines = [f"Attempt {s.number}: {s.total}/{s.out_of} {score_bar(s)}" for s in scores]
    if len(scores) > 1:
        lines.append(f"{scores[-1].total - scores[0].total:+d} since your first attempt")
    return lines


def score_bar(score: AttemptScore) -> str:
    """The score in cells of a fixed scale, so 2/14 looks like 2/14 whatever came before."""
    return "█" * score.total + "░" * (score.out_of - score.total)
