"""Reading one session summary from JSON (`rmcoach log --from`) or from the answers a debrief
gave, with errors that name the field."""

from typing import Any

from pydantic import ValidationError

from assistant.models import SessionSummary
from assistant.store.errors import plain_errors
from assistant.store.json_input import InvalidJson, load_json
from assistant.workspace.errors import WorkspaceError


class InvalidSummary(WorkspaceError):
    """The JSON does not describe a valid session summary; nothing was recorded."""


def parse_summary(
    pair_id: str, data: str | dict[str, Any], source: str = "the summary"
) -> SessionSummary:
    """Validate JSON text or an already-parsed object as this pair's summary.

    `pair_id` may be left out of the JSON; when present it must name the same pair.
    """
    fields = _load(data, source)
    given = fields.setdefault("pair_id", pair_id)
    if given != pair_id:
        raise InvalidSummary(
            f"{source}: pair_id: says {given!r}, but the session is being logged for {pair_id!r}"
        )
    try:
        return SessionSummary.model_validate(fields)
    except ValidationError as error:
        problems = "\n".join(f"  {problem}" for problem in plain_errors(error))
        raise InvalidSummary(
            f"{source} is not a valid session summary; nothing was recorded:\n{problems}"
        ) from error


def _load(data: str | dict[str, Any], source: str) -> dict[str, Any]:
    if isinstance(data, str):
        try:
            data = load_json(data, source)
        except InvalidJson as error:
            raise InvalidSummary(str(error)) from error
    if not isinstance(data, dict):
        raise InvalidSummary(f"{source}: expected a JSON object {{...}} with the summary's fields")
    return dict(data)
