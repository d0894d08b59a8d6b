"""What each model server can do, learnt from its refusals and remembered in a small JSON file.

Servers differ: llama.cpp without `--jinja` refuses `tools`, llama-cpp-python refuses
`json_schema` (with HTTP 500), LM Studio refuses `json_object`, older servers refuse
`stream_options`. Any 4xx or 5xx whose body names a feature we sent is a refusal: the request
is sent again at once without it (no backoff: retrying cannot change the answer), and once that
succeeds the finding is saved (key: base URL + model) so later runs go straight to what works.
The server's context window is kept here too (`context`). Deleting the file forgets everything.
"""

import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, RootModel, ValidationError

from assistant.llm.client import Server

FILE_NAME = "llm-capabilities.json"
Feature = Literal["tool_choice", "tools", "json_schema", "json_object", "stream_usage"]
# Most specific first: a body naming both `tool_choice` and `tools` refuses the choice, and
# llama-cpp-python's refusal of json_schema also lists json_object as what it accepts.
FEATURES: tuple[Feature, ...] = (
    "tool_choice",
    "tools",
    "json_schema",
    "json_object",
    "stream_usage",
)
_MENTIONS: dict[Feature, tuple[str, ...]] = {
    "tool_choice": ("tool_choice",),
    "tools": ("tools", "tool call", "tool_call", "function call", "function_call"),
    "json_schema": ("json_schema", "response_format", "response format"),
    "json_object": ("json_object", "response_format", "response format"),
    "stream_usage": ("stream_options", "include_usage"),
}
# Statuses that say something other than "I cannot do that": the key, the rate, the clock.
_NOT_REFUSALS = {401, 403, 408, 409, 429}
ContextSource = Literal["server", "overflow"]

log = logging.getLogger("rmcoach.llm")


class Capabilities(BaseModel):
    """None: not tried yet; True: worked; False: refused, so the fallback is used."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tool_choice: bool | None = None
    tools: bool | None = None
    json_schema: bool | None = None
    json_object: bool | None = None
    stream_usage: bool | None = None
    context: int | None = None
    """The server's context window in tokens, as it reported it or as its overflow error said."""
    context_source: ContextSource | None = None
    context_probed: bool = False
    """True once the server was asked for its window, so it is asked once, not every turn."""
    token_ratio: float | None = None
    """The server's token count of a prompt over ours (tiktoken), from an overflow error."""

    def allows(self, feature: Feature) -> bool:
        return getattr(self, feature) is not False


class _CapabilityFile(RootModel[dict[str, Capabilities]]):
    pass


def capability_key(server: Server) -> str:
    return f"{server.url} {server.model}"


class CapabilityStore:
    """The remembered capabilities of every server used so far, in `home/llm-capabilities.json`."""

    def __init__(self, home: Path) -> None:
        self.path = home / FILE_NAME

    def get(self, key: str) -> Capabilities:
        return self._load().get(key, Capabilities())

    def record(self, key: str, found: dict[str, object]) -> None:
        entries = self._load()
        current = entries.get(key, Capabilities())
        updated = current.model_copy(update=found)
        if updated == current:
            return
        entries[key] = updated
        self._write(entries)

    def _load(self) -> dict[str, Capabilities]:
        try:
            return _CapabilityFile.model_validate_json(self.path.read_bytes()).root
        except FileNotFoundError:
            return {}
        except (OSError, ValidationError) as error:
            # Only a cache of findings: relearning beats refusing to talk to the model.
            log.warning("ignoring unreadable %s (%s); it will be rewritten", self.path, error)
            return {}

    def _write(self, entries: dict[str, Capabilities]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        data = {key: caps.model_dump() for key, caps in sorted(entries.items())}
        partial.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        os.replace(partial, self.path)  # atomic: readers see the old file or the new, never half


def rejected_feature(error: Exception, sent: Sequence[Feature]) -> Feature | None:
    """The feature a server's error refuses: any 4xx or 5xx whose body names one we sent."""
    import openai  # only after a request failed, so already loaded

    if not isinstance(error, openai.APIStatusError) or not sent:
        return None
    status = error.status_code
    if status in _NOT_REFUSALS or status < 400:
        return None
    text = f"{error.message} {error.body}".lower()
    if "invalid schema" in text:
        return None  # "Invalid schema for function ...": our mistake, not the server's limit
    mentioned = next((f for f in FEATURES if f in sent and _names(text, f)), None)
    if mentioned is None and status in (404, 501) and "model" not in text:
        return sent[0]  # an old server without the route for what we asked
    return mentioned


def _names(text: str, feature: Feature) -> bool:
    return any(word in text for word in _MENTIONS[feature])
