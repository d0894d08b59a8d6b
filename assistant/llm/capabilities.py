"""What each model server can do, learnt from its refusals and remembered in a small JSON file.

Servers differ: llama.cpp without `--jinja` refuses `tools`, LM Studio refuses `json_object`,
older servers refuse `stream_options`. The first refusal is detected from the error the server
returns, the request is sent again without the feature, and once that succeeds the finding is
saved (key: base URL + model) so later runs go straight to what works. Deleting the file
forgets everything.
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
Feature = Literal["tools", "json_schema", "json_object", "stream_usage"]
# Most advanced first: a refusal that names nothing drops the first one sent.
FEATURES: tuple[Feature, ...] = ("tools", "json_schema", "json_object", "stream_usage")
_MENTIONS: dict[Feature, tuple[str, ...]] = {
    "tools": ("tool", "function"),
    "json_schema": ("json_schema", "response_format", "response format"),
    "json_object": ("json_object", "response_format", "response format"),
    "stream_usage": ("stream_options", "include_usage"),
}

log = logging.getLogger("rmcoach.llm")


class Capabilities(BaseModel):
    """None: not tried yet; True: worked; False: refused, so the fallback is used."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tools: bool | None = None
    json_schema: bool | None = None
    json_object: bool | None = None
    stream_usage: bool | None = None

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

    def record(self, key: str, found: dict[Feature, bool]) -> None:
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
    """The feature a server's error refuses, if it looks like a refusal of one we sent."""
    import openai  # only after a request failed, so already loaded

    if not isinstance(error, openai.APIStatusError) or not sent:
        return None
    text = f"{error.message} {error.body}".lower()
    mentioned = next((f for f in sent if any(word in text for word in _MENTIONS[f])), None)
    if error.status_code in (400, 422):
        # "Invalid schema for function ..." is our mistake, not the server's limit.
        return None if "invalid schema" in text else mentioned
    if error.status_code in (404, 501) and "model" not in text:
        return mentioned or sent[0]
    return None
