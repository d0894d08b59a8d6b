"""Each side of a pair records its own fields of a session summary, and no one else's."""

from assistant.models import SessionSummary, Side

_OWN_FIELDS = ("learned", "ratings", "private_note")


def other_side_fields(summary: SessionSummary, side: Side) -> list[str]:
    """The fields of the other side that `summary` fills, by name; empty when it keeps to `side`."""
    other = "mentor" if side == "leader" else "leader"
    names = [f"{other}_{field}" for field in _OWN_FIELDS]
    return [name for name in names if getattr(summary, name)]
