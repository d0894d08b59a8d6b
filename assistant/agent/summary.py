"""From a free-text debrief to a session summary draft the person confirms before it is stored.

With a model, the debrief is extracted into `ExtractedSummary` (a summary with no private-note
fields at all, so the model can neither be shown nor asked for one) and checked against the
pair. Offline, or when the model fails, the guided form is pre-filled by `guided_form` and every
field it could not fill comes with a question. Lines labelled "Private" in a debrief are removed
before anything reads it.
"""

import logging
import re
from datetime import date

from pydantic import BaseModel, Field

from assistant.agent.context import pair_material
from assistant.agent.guide import OFFLINE_LABEL, DraftedBy, forms
from assistant.agent.templates import render
from assistant.config import Settings
from assistant.models import (
    TOPICS,
    Commitment,
    CommitmentStatus,
    Name,
    ObjectiveProgress,
    PairContext,
    Ratings,
    SessionSummary,
    Side,
    StrictModel,
    Text,
    Topic,
)

log = logging.getLogger("rmcoach.agent")
_PRIVATE_LINE = re.compile(r"^\s*[-*•]?\s*\(?private\b", re.IGNORECASE)


class ExtractedCommitment(StrictModel):
    owner: Side
    text: Name
    due: date | None = None


class CommitmentUpdate(StrictModel):
    id: int
    status: CommitmentStatus


class ExtractedSummary(StrictModel):
    """What the model may fill in: a session summary without its private notes."""

    held_on: date | None = None
    duration_minutes: int | None = Field(default=None, ge=0, le=480)
    topics: list[Topic] = []
    agenda_covered: list[Name] = []
    leader_learned: Text = ""
    mentor_learned: Text = ""
    commitments: list[ExtractedCommitment] = []
    commitment_updates: list[CommitmentUpdate] = []
    objective_progress: list[ObjectiveProgress] = []
    leader_ratings: Ratings | None = None
    mentor_ratings: Ratings | None = None
    shared_summary: Text = ""


class SummaryDraft(BaseModel):
    """A summary for the person to check; `to_complete` asks about each field left empty."""

    summary: SessionSummary
    to_complete: dict[str, str]
    drafted_by: DraftedBy
    notice: str = ""


def shareable(debrief: str) -> str:
    """The debrief without lines labelled private: those belong in the private-note field."""
    return "\n".join(line for line in debrief.splitlines() if not _PRIVATE_LINE.match(line))


async def draft_summary(
    debrief: str, context: PairContext, settings: Settings, *, held_on: date, author: Side
) -> SummaryDraft:
    """The model's draft when one is configured and answers; the guided form otherwise."""
    text = shareable(debrief)
    if not settings.llm_configured:
        return guided_form(text, context, held_on=held_on, author=author)
    from assistant.llm.errors import ContextOverflowError, LLMError

    try:
        try:
            extracted = await _extract(text, context, settings, held_on)
        except ContextOverflowError:  # the server's smaller context is now known: fit again
            extracted = await _extract(text, context, settings, held_on)
    except LLMError as error:
        log.warning("summary extraction failed; offering the guided form")
        draft = guided_form(text, context, held_on=held_on, author=author)
        return draft.model_copy(update={"notice": f"{error.message} {draft.notice}"})
    return from_extraction(extracted, context, held_on=held_on, author=author)


async def _extract(
    debrief: str, context: PairContext, settings: Settings, held_on: date
) -> ExtractedSummary:
    from assistant.llm.budget import fit_messages, reply_room
    from assistant.llm.context import prompt_window
    from assistant.llm.material import Block
    from assistant.llm.schemas import schema_rule
    from assistant.llm.structured import complete_structured

    system = render("summary_extraction", held_on=held_on.isoformat(), topics=", ".join(TOPICS))
    system += "\n\n" + schema_rule(ExtractedSummary)
    window = await prompt_window(settings)
    fitted = fit_messages(
        system,
        [Block("debrief", debrief), pair_material(context)],  # the pair goes first if trimmed
        [],
        [],
        "Extract the session summary from the debrief in the material.",
        window=window,
        reply_reserve=settings.llm_max_reply_tokens,
    )
    log.info("summary extraction: %d input tokens", fitted.input_tokens)
    room = reply_room(window, settings.llm_max_reply_tokens)
    return await complete_structured(
        fitted.messages, ExtractedSummary, settings=settings, max_tokens=room
    )


def from_extraction(
    extracted: ExtractedSummary, context: PairContext, *, held_on: date, author: Side | None = None
) -> SummaryDraft:
    """The model's extraction as a summary of this pair; anything about another pair is dropped."""
    known_objectives = {objective.id for objective in context.objectives}
    progress = [p for p in extracted.objective_progress if p.objective_id in known_objectives]
    updates = {u.id: u.status for u in extracted.commitment_updates}
    summary = SessionSummary(
        pair_id=context.pair.id,
        held_on=extracted.held_on or held_on,
        duration_minutes=extracted.duration_minutes or 45,
        topics=list(dict.fromkeys(extracted.topics)),
        agenda_covered=extracted.agenda_covered,
        leader_learned=extracted.leader_learned,
        mentor_learned=extracted.mentor_learned,
        commitments=[
            *forms.carried_over(context, updates),
            *(Commitment(owner=c.owner, text=c.text, due=c.due) for c in extracted.commitments),
        ],
        leader_ratings=extracted.leader_ratings,
        mentor_ratings=extracted.mentor_ratings,
        objective_progress=progress,
        shared_summary=extracted.shared_summary,
    )
    dropped = len(extracted.objective_progress) - len(progress)
    notice = "Drafted by the model: check every field before saving."
    if dropped:
        notice += (
            f" {dropped} progress figure(s) for objectives this pair does not have were left out."
        )
    return SummaryDraft(
        summary=summary,
        to_complete=forms.questions_for(summary, author),
        drafted_by="model",
        notice=notice,
    )


def guided_form(debrief: str, context: PairContext, *, held_on: date, author: Side) -> SummaryDraft:
    """The offline guide's draft: what plain rules find in the debrief; questions for the rest."""
    summary = forms.prefill(shareable(debrief), context, held_on=held_on, author=author)
    return SummaryDraft(
        summary=summary,
        to_complete=forms.questions_for(summary, author),
        drafted_by=OFFLINE_LABEL,
        notice="Offline guide: the form is pre-filled where simple rules found an answer; "
        "check it and answer the questions for the rest.",
    )
