"""One person's answers to one survey, and the check of those answers against the questionnaire."""

from datetime import date
from typing import Annotated

from pydantic import Field

from assistant.models import Identifier, Side, StrictModel, Text
from assistant.store.errors import FieldError
from assistant.surveys.catalogue import SurveyCatalogue, SurveyKind

Comment = Annotated[Text, Field(max_length=2000)]


class SurveyResponse(StrictModel):
    """What one side of a pair answered; `comment` is shared like a session's shared summary."""

    pair_id: Identifier
    side: Side
    kind: SurveyKind
    answered_on: date
    answers: dict[Identifier, int]
    """Item id (e.g. `candour.3`) -> the value chosen, within its scale's range."""
    comment: Comment = ""

    def scale_scores(self, catalogue: SurveyCatalogue) -> dict[str, int]:
        """Each scale's score: the sum of its items."""
        return {
            scale.id: sum(self.answers[item.id] for item in scale.items)
            for scale in catalogue.scales_for(self.kind, self.side)
        }


def answer_problems(response: SurveyResponse, catalogue: SurveyCatalogue) -> list[FieldError]:
    """Every item the survey asks of this side answered once, in range, and nothing else."""
    asked = catalogue.items_for(response.kind, response.side)
    problems = []
    for scale, item in asked:
        value = response.answers.get(item.id)
        where = f"answers.{item.id}"
        if value is None:
            problems.append(FieldError(where, f"missing: answer {scale.low}-{scale.high}"))
        elif not scale.low <= value <= scale.high:
            reason = f"{value} is outside {scale.low}-{scale.high} ({' to '.join(scale.anchors)})"
            problems.append(FieldError(where, reason))
    known = {item.id for _, item in asked}
    for item_id in response.answers:
        if item_id not in known:
            reason = f"not an item the {response.kind} survey asks a {response.side}"
            problems.append(FieldError(f"answers.{item_id}", reason))
    return problems
