"""Tools the model may call: a name, a description, a pydantic arguments model and a handler.

Whatever the model sends, calling a tool never raises: bad JSON, unknown tools, invalid
arguments and failing handlers all become a `ToolResult` with `ok=False` whose content tells the
model what to fix, so it can try again in the next round.
"""

import inspect
import json
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from assistant.llm.errors import describe_validation
from assistant.llm.events import ToolResult
from assistant.llm.schemas import json_schema

log = logging.getLogger("rmcoach.llm")


@dataclass(frozen=True)
class Tool:
    """`handler` receives a validated `args` instance and returns the text the model reads."""

    name: str
    description: str
    args: type[BaseModel]
    handler: Callable[[Any], str | Awaitable[str]]

    def parameters(self) -> dict[str, Any]:
        return json_schema(self.args)

    def openai_schema(self) -> dict[str, Any]:
        return {
            "type": "function",
            "function": {
                "name": self.name,
                "description": self.description,
                "parameters": self.parameters(),
            },
        }


def decode_arguments(raw: str) -> tuple[dict[str, Any], str | None]:
    """The arguments as a dict, or an empty dict and what was wrong with them."""
    try:
        value = json.loads(raw.strip() or "{}")
    except json.JSONDecodeError as error:
        return {}, f"the arguments were not valid JSON ({error.msg} at character {error.pos})"
    if not isinstance(value, dict):
        return {}, "the arguments must be a JSON object"
    return value, None


async def call_tool(
    tools: Mapping[str, Tool],
    call_id: str,
    name: str,
    arguments: dict[str, Any],
    decode_error: str | None = None,
) -> ToolResult:
    tool = tools.get(name)
    if tool is None:
        known = ", ".join(sorted(tools)) or "none"
        return ToolResult(call_id, name, f"There is no tool named {name!r}. Tools: {known}.", False)
    if decode_error is not None:
        return _invalid(call_id, name, [decode_error])
    try:
        args = tool.args.model_validate(arguments)
    except ValidationError as error:
        return _invalid(call_id, name, describe_validation(error))
    try:
        result = tool.handler(args)
        if inspect.isawaitable(result):
            result = await result
    except Exception as error:  # the model hears of a failing tool; the app carries on
        log.warning("tool %s failed: %s", name, type(error).__name__)
        return ToolResult(call_id, name, f"The tool {name} failed: {error}", False)
    return ToolResult(call_id, name, str(result), True)


def _invalid(call_id: str, name: str, problems: list[str]) -> ToolResult:
    content = (
        f"Invalid arguments for {name}: {'; '.join(problems)}. "
        "Call the tool again with corrected arguments."
    )
    return ToolResult(call_id, name, content, False)
