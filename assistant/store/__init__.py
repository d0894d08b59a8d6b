"""SQL persistence for the programme: people, pairs, objectives, sessions and private notes."""

from assistant.store.errors import FieldError, NotFound, SessionConflict, StoreError
from assistant.store.record import Recorded
from assistant.store.store import ChangeCount, Store

__all__ = [
    "ChangeCount",
    "FieldError",
    "NotFound",
    "Recorded",
    "SessionConflict",
    "Store",
    "StoreError",
]
