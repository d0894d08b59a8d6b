"""SQL persistence for the programme: people, pairs, objectives, sessions and private notes."""

from assistant.store.errors import FieldError, NotFound, StoreError
from assistant.store.store import ChangeCount, Store

__all__ = ["ChangeCount", "FieldError", "NotFound", "Store", "StoreError"]
