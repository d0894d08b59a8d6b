"""The feedback rubric for rehearsal: seven criteria, scored by deterministic rules.

A mentor rehearsing upward feedback gets, per criterion, a score (2 clearly met, 1 partly,
0 missing or violated), a reason and the exact words that decided it, plus a suggested rewrite.
The rules (cues, rules) work offline and are tested on a labelled set; with a model,
`merge_refinement` lets it adjust the verdict within limits.

`passed` means score == 2: a criterion passes only when a coach would not raise it. For
`absolutes` and `hedging` that is exactly "none found"; one mild hedge scores 1 and does not pass,
because the mentor can still cut it.
"""

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.agent.rubric.rewrite import build_rewrite
from assistant.agent.rubric.rules import CHECKS
from assistant.agent.rubric.text import prepare

CriterionId = Literal["situation", "behaviour", "impact", "request", "tone", "absolutes", "hedging"]
CRITERIA: tuple[str, ...] = get_args(CriterionId)
MAX_SCORE = 2
MAX_TOTAL = MAX_SCORE * len(CRITERIA)
# What a model may not wave away: a rule found the word, and the words are in the text.
FLOOR_CRITERIA = ("absolutes", "hedging")


class CriterionResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: CriterionId
    passed: bool = Field(description="True when the criterion is clearly met (score 2).")
    score: int = Field(
        ge=0, le=MAX_SCORE, description="2 clearly met, 1 partly, 0 missing or violated."
    )
    reason: str = Field(description="Why, in a sentence the mentor can act on.")
    quote: str = Field(
        description="The exact words of the feedback that decided it; empty when missing."
    )


class RubricResult(BaseModel):
    model_config = ConfigDict(extra="forbid")

    criteria: list[CriterionResult]
    rewrite: str = Field(
        description="An SBI-shaped rewrite with [bracketed prompts] for missing parts."
    )

    @model_validator(mode="after")
    def _every_criterion_once(self) -> "RubricResult":
        ids = [c.id for c in self.criteria]
        if sorted(ids) != sorted(CRITERIA):
            raise ValueError(f"criteria must be exactly {', '.join(CRITERIA)} once each, got {ids}")
        self.criteria.sort(key=lambda c: CRITERIA.index(c.id))
        return self

    @property
    def total(self) -> int:
        return sum(c.score for c in self.criteria)

    @property
    def failed(self) -> list[str]:
        return [c.id for c in self.criteria if not c.passed]

    def criterion(self, criterion_id: str) -> CriterionResult:
        return next(c for c in self.criteria if c.id == criterion_id)


def score_feedback(text: str) -> RubricResult:
    """Score one piece of feedback against every criterion, with a suggested rewrite."""
    feedback = prepare(text)
    findings = {criterion_id: CHECKS[criterion_id](feedback) for criterion_id in CRITERIA}
    criteria = [
        CriterionResult(
            id=criterion_id,
            passed=finding.score == MAX_SCORE,
            score=finding.score,
            reason=finding.reason,
            quote=feedback.quote(finding.span),
        )
        for criterion_id, finding in findings.items()
    ]
    return RubricResult(criteria=criteria, rewrite=build_rewrite(feedback, findings))


def merge_refinement(rules: RubricResult, model: RubricResult, text: str) -> RubricResult:
    """The rules' verdict on `text`, refined by a model's.

    The model may move each score by at most one and improve the reason, quote and rewrite; it
    may not clear an absolute or a hedge the rules found. Deterministic checks are the floor: a
    model can miss a word or be talked round by a persuasive text, while the word is verifiably
    there. A model's quote is kept only if it really is in `text`, and its rewrite only if it has
    no absolutes or hedges of its own.
    """
    refined = {c.id: c for c in model.criteria}
    criteria = [_merge_criterion(rule, refined[rule.id], text) for rule in rules.criteria]
    return RubricResult(criteria=criteria, rewrite=_merge_rewrite(rules.rewrite, model.rewrite))


def _merge_criterion(rule: CriterionResult, model: CriterionResult, text: str) -> CriterionResult:
    score = min(max(model.score, rule.score - 1), rule.score + 1)
    if rule.id in FLOOR_CRITERIA and rule.score < MAX_SCORE:
        score = min(score, rule.score)
    # The model's words explain the model's score; when its score was overruled they would not.
    if score != model.score:
        return rule.model_copy(update={"score": score, "passed": score == MAX_SCORE})
    quote = model.quote if model.quote and model.quote in text else rule.quote
    reason = model.reason.strip() or rule.reason
    return CriterionResult(
        id=rule.id, passed=score == MAX_SCORE, score=score, reason=reason, quote=quote
    )


def _merge_rewrite(rules_rewrite: str, model_rewrite: str) -> str:
    if not model_rewrite.strip():
        return rules_rewrite
    check = score_feedback(model_rewrite)
    clean = all(check.criterion(c).passed for c in FLOOR_CRITERIA)
    return model_rewrite.strip() if clean else rules_rewrite
