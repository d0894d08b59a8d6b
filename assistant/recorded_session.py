"""What is recorded for one session, as one side of the pair may see it.

After a debrief is saved, its author wants to see what the store now holds for that session:
both sides' shared parts (ratings, what each learned, the shared summary, commitments) and their
own private note. The other side's private note is never read here.
"""

from datetime import date

from assistant.models import SessionSummary, Side
from assistant.store import Store


def recorded_session(
    store: Store, pair_id: str, held_on: date, side: Side
) -> SessionSummary | None:
    """The session recorded on `held_on`, with `side`'s own private note only; None if none."""
    summary = next((s for s in store.sessions(pair_id) if s.held_on == held_on), None)
    if summary is None:
        return None
    note = next((text for day, text in store.private_notes(pair_id, side) if day == held_on), "")
    return summary.model_copy(update={f"{side}_private_note": note})
