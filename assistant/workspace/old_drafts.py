"""Drafts in the format `rmcoach log` used before the app and the command shared one.

The command kept a failed run's answers as `drafts/log-PAIR.json`: the session summary's own
fields (`leader_ratings`, `mentor_private_note`, ...), for one side or both. Such a file is
read once, the first time a draft of that pair is asked for, and becomes one draft per side it
holds answers for, in `assistant/workspace/drafts.py`'s format; then it is deleted. A file that
cannot be read is moved aside, as a damaged draft is.
"""

import json
from datetime import datetime
from typing import Any

from assistant.models import Side
from assistant.workspace.drafts import DebriefDraft, DraftCommitment, DraftFolder, set_aside

_OWN_FIELDS = ("learned", "ratings", "private_note")


def adopt_old_draft(drafts: DraftFolder, pair_id: str, asking: Side) -> None:
    """Turn `log-PAIR.json`, if there is one, into drafts of the sides it has answers for
    (the side `asking` when it has none of either side's own)."""
    old = drafts.folder / f"log-{pair_id}.json"
    try:
        text = old.read_bytes()
    except FileNotFoundError:
        return
    kept_since = datetime.fromtimestamp(old.stat().st_mtime).astimezone()
    try:
        converted = _converted(pair_id, json.loads(text), asking)
    except (LookupError, TypeError, AttributeError, ValueError):  # not the summary's fields
        set_aside(old)
        return
    for draft in converted:
        draft.saved_at = kept_since
        if not drafts.path(pair_id, draft.side).exists():  # a newer draft of that side wins
            drafts.save(draft)
    old.unlink()


def _converted(pair_id: str, fields: dict[str, Any], asking: Side) -> list[DebriefDraft]:
    sides: list[Side] = [
        side for side in ("leader", "mentor") if any(fields.get(f"{side}_{f}") for f in _OWN_FIELDS)
    ]
    return [_draft(pair_id, fields, side) for side in sides or [asking]]


def _draft(pair_id: str, fields: dict[str, Any], side: Side) -> DebriefDraft:
    ratings = fields.get(f"{side}_ratings") or {}
    progress = fields.get("objective_progress") or []
    return DebriefDraft(
        pair_id=pair_id,
        side=side,
        held_on=str(fields.get("held_on") or ""),
        status=fields.get("status") or "held",
        duration_minutes=str(fields.get("duration_minutes", 45)),
        topics=fields.get("topics") or [],
        agenda_covered=fields.get("agenda_covered") or [],
        safety=ratings.get("safety"),
        usefulness=ratings.get("usefulness"),
        learned=fields.get(f"{side}_learned") or "",
        objective_progress={p["objective_id"]: p["progress"] for p in progress},
        objective_notes={p["objective_id"]: p["note"] for p in progress if p.get("note")},
        commitments=[_commitment(c) for c in fields.get("commitments") or []],
        shared_summary=fields.get("shared_summary") or "",
        private_note=fields.get(f"{side}_private_note") or "",
        complete=True,  # the command kept answers only once every question was answered
    )


def _commitment(fields: dict[str, Any]) -> DraftCommitment:
    return DraftCommitment(
        id=fields.get("id"),
        owner=fields["owner"],
        text=fields.get("text") or "",
        due=fields.get("due") or "",
        status=fields.get("status") or "open",
    )
