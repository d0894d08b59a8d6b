"""From a debrief as typed (a `DebriefDraft`) to a `SessionSummary`, with errors per form field.

One side fills the form: its ratings, what it learned and its private note land in that side's
fields of the summary. Errors come back keyed by the draft's field names (`held_on`,
`commitments.2.text`), so a form can put each message beside the field it is about.
`rmcoach log` on a local store with nobody chosen answers for both sides at once: a draft per
side, joined into one summary by `summary_fields`.
"""

from collections.abc import Sequence

from pydantic import ValidationError

from assistant.models import Commitment, SessionSummary, Side
from assistant.workspace.drafts import DebriefDraft, DraftCommitment
from assistant.workspace.errors import plain_reason


class DebriefInvalid(ValueError):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in errors.items()))
        self.errors = errors


def to_summary(draft: DebriefDraft) -> SessionSummary:
    """The summary this draft describes; raises `DebriefInvalid` naming each field that is wrong."""
    missing = {
        name: f"choose a rating ({label})"
        for name, label in (("safety", "1 to 7"), ("usefulness", "1 to 5"))
        if getattr(draft, name) is None and draft.status == "held"
    }
    try:
        summary = SessionSummary.model_validate(_summary_fields(draft))
    except ValidationError as error:
        raise DebriefInvalid(missing | _form_errors(error, draft.side)) from error
    if missing:
        raise DebriefInvalid(missing)
    return summary


def from_summary(summary: SessionSummary, side: Side, base: DebriefDraft) -> DebriefDraft:
    """A draft filled from a summary the coach drafted, keeping what the form already had."""
    ratings = summary.leader_ratings if side == "leader" else summary.mentor_ratings
    learned = summary.leader_learned if side == "leader" else summary.mentor_learned
    private = summary.leader_private_note if side == "leader" else summary.mentor_private_note
    kept = [commitment for commitment in base.commitments if commitment.id is not None]
    new = [_draft_commitment(c) for c in summary.commitments if c.id is None]
    return base.model_copy(
        update={
            "held_on": summary.held_on.isoformat(),
            "duration_minutes": str(summary.duration_minutes)
            if "duration_minutes" in summary.model_fields_set
            else base.duration_minutes,
            "topics": list(summary.topics) or base.topics,
            "safety": ratings.safety if ratings else base.safety,
            "usefulness": ratings.usefulness if ratings else base.usefulness,
            "learned": learned or base.learned,
            "commitments": kept + new,
            "objective_progress": {p.objective_id: p.progress for p in summary.objective_progress}
            or base.objective_progress,
            "shared_summary": summary.shared_summary or base.shared_summary,
            "private_note": private or base.private_note,
        }
    )


def summary_fields(drafts: Sequence[DebriefDraft]) -> dict[str, object]:
    """The summary's fields from one side's draft, or both sides' of the same session: the
    shared fields come from the first, each side's own fields from its draft."""
    fields = _summary_fields(drafts[0])
    for draft in drafts[1:]:
        fields |= {
            name: value
            for name, value in _summary_fields(draft).items()
            if name.startswith(f"{draft.side}_")
        }
    return fields


def _summary_fields(draft: DebriefDraft) -> dict[str, object]:
    side = draft.side
    ratings = None
    if draft.safety is not None and draft.usefulness is not None:
        ratings = {"safety": draft.safety, "usefulness": draft.usefulness}
    cancelled = draft.status == "cancelled"
    return {
        "pair_id": draft.pair_id,
        "held_on": draft.held_on,
        "status": draft.status,
        **({} if cancelled else {"duration_minutes": draft.duration_minutes}),
        "topics": draft.topics,
        "agenda_covered": draft.agenda_covered,
        f"{side}_learned": draft.learned,
        f"{side}_ratings": ratings,
        "commitments": [_commitment_fields(c) for c in draft.commitments if c.text.strip() or c.id],
        "objective_progress": [
            {
                "objective_id": objective_id,
                "progress": progress,
                "note": draft.objective_notes.get(objective_id, ""),
            }
            for objective_id, progress in draft.objective_progress.items()
        ],
        "shared_summary": draft.shared_summary,
        f"{side}_private_note": draft.private_note,
    }


def _commitment_fields(commitment: DraftCommitment) -> dict[str, object]:
    fields = commitment.model_dump()
    fields["due"] = commitment.due.strip() or None
    return fields


def _draft_commitment(commitment: Commitment) -> DraftCommitment:
    due = commitment.due.isoformat() if commitment.due else ""
    return DraftCommitment(
        owner=commitment.owner, text=commitment.text, due=due, status=commitment.status
    )


def _form_errors(error: ValidationError, side: Side) -> dict[str, str]:
    renames = {
        f"{side}_learned": "learned",
        f"{side}_private_note": "private_note",
        f"{side}_ratings": "",
    }
    found: dict[str, str] = {}
    for detail in error.errors():
        head, *rest = detail["loc"]
        parts = [renames.get(str(head), str(head)), *map(str, rest)]
        found.setdefault(".".join(part for part in parts if part), plain_reason(detail))
    return found
