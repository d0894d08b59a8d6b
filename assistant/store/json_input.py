"""JSON from a file or a pipe, read within limits, with errors that say where and never quote
more than a short excerpt of what was wrong."""

import json
from typing import Any

from assistant.store.errors import StoreError, excerpt

MAX_JSON_CHARACTERS = 2_000_000
"""Far above any real summary or survey (a summary's text fields hold at most ~130,000
characters); stops a 10 MB paste before it is parsed and echoed."""


class InvalidJson(StoreError):
    """The text is not JSON rmcoach will read; nothing was recorded."""


def load_json(text: str, source: str) -> Any:
    """`text` parsed, or InvalidJson naming `source`, the line and column, and what to do."""
    if len(text) > MAX_JSON_CHARACTERS:
        raise InvalidJson(
            f"{source}: {len(text):,} characters, more than the {MAX_JSON_CHARACTERS:,} "
            "rmcoach reads; is this the right file?"
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidJson(
            f"{source}: line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"
        ) from error
    except RecursionError as error:
        raise InvalidJson(f"{source}: nested too deeply to be a summary or a survey") from error
    except ValueError as error:  # an integer of more than 4,300 digits
        raise InvalidJson(f"{source}: a number too long to read: {excerpt(str(error))}") from error
