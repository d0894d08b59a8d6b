"""Tool calling by prompt, for servers that refuse the `tools` parameter.

The tools are described in the system message and the model is asked to call one by writing a
JSON object `{"tool": name, "arguments": {...}}` on a line of its own. `ToolLineFilter` watches
the streamed text, holds back lines that may be such a call (a line starting with `{`, or a
``` fence that weak models wrap it in), and turns them into calls so the user never sees them.
"""

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.llm.events import ToolResult
from assistant.llm.tools import Tool, decode_arguments

_HOLD_MAX_LINES = 40
_ATTEMPT = re.compile(r'^\s*(?:```\w*\s*)?\{\s*"(?:tool|name)"\s*:')
_NAME = re.compile(r'"(?:tool|name)"\s*:\s*"([^"]+)"')


def instructions(tools: Sequence[Tool]) -> str:
    described = "\n".join(
        f"- {tool.name}: {tool.description}\n  arguments (JSON schema): "
        f"{json.dumps(tool.parameters(), separators=(',', ':'))}"
        for tool in tools
    )
    return (
        "You can call tools. To call one, write a line holding only this JSON object and "
        'nothing else: {"tool": "<tool name>", "arguments": {<arguments>}}\n'
        "Then stop writing; the result comes back in the next message. Call a tool only when "
        "you need it; otherwise answer normally.\n"
        f"Tools:\n{described}"
    )


def with_instructions(messages: Sequence[dict[str, Any]], tools: Sequence[Tool]) -> list[dict]:
    """The messages with the tool protocol added to the first system message (or a new one)."""
    protocol = instructions(tools)
    result = [dict(message) for message in messages]
    if result and result[0].get("role") == "system":
        result[0]["content"] = f"{result[0].get('content') or ''}\n\n{protocol}"
    else:
        result.insert(0, {"role": "system", "content": protocol})
    return result


def result_message(result: ToolResult, content: str) -> dict[str, str]:
    """A tool result as a user message: a server without tool support has no `tool` role."""
    status = "result" if result.ok else "error"
    return {"role": "user", "content": f"Tool {status} for {result.name}:\n{content}"}


@dataclass(frozen=True)
class PromptCall:
    name: str
    arguments: dict[str, Any]
    decode_error: str | None


@dataclass
class ToolLineFilter:
    """Feed it streamed text; it returns the part to show and collects the tool calls."""

    calls: list[PromptCall] = field(default_factory=list)
    _partial: str = ""
    _held: list[str] = field(default_factory=list)
    _showing_line: bool = False

    def feed(self, text: str) -> str:
        shown: list[str] = []
        for piece in re.split(r"(\n)", text):
            if piece == "\n":
                self._end_line(shown)
            elif piece:
                self._add(piece, shown)
        return "".join(shown)

    def finish(self) -> str:
        shown: list[str] = []
        if self._partial:
            self._held.append(self._partial)
            self._partial = ""
        if self._held:
            self._resolve(shown, final=True)
        return "".join(shown)

    def _add(self, piece: str, shown: list[str]) -> None:
        if self._showing_line:
            shown.append(piece)
            return
        self._partial += piece
        start = self._partial.lstrip()
        if not self._held and start and start[0] not in "{`":
            shown.append(self._partial)
            self._partial, self._showing_line = "", True

    def _end_line(self, shown: list[str]) -> None:
        if self._showing_line:
            shown.append("\n")
            self._showing_line = False
            return
        line, self._partial = self._partial, ""
        if not self._held and not line.strip():
            shown.append(line + "\n")
            return
        self._held.append(line)
        self._resolve(shown, final=False)

    def _resolve(self, shown: list[str], *, final: bool) -> None:
        block = "\n".join(self._held)
        open_block = not final and _still_open(self._held)
        fenced = self._held[0].lstrip().startswith("```")
        # A fence is judged whole: parsing it early would leave its closing ``` on screen.
        call = None if fenced and open_block else parse_call(block)
        if call is None and open_block:
            return
        if call is None and _ATTEMPT.match(block):
            name = _NAME.search(block)
            call = PromptCall(name.group(1) if name else "?", {}, "the call was not valid JSON")
        self._held = []
        if call is not None:
            self.calls.append(call)
        else:
            shown.append(block if final else block + "\n")


def _still_open(lines: list[str]) -> bool:
    if len(lines) >= _HOLD_MAX_LINES:
        return False
    first = lines[0].strip()
    if first.startswith("```"):
        return len(lines) == 1 or lines[-1].strip() != "```"
    block = "\n".join(lines)
    return first.startswith("{") and block.count("{") > block.count("}")


def parse_call(block: str) -> PromptCall | None:
    """A tool call if the block is one (bare or in a ``` fence), else None."""
    text = _unfence(block.strip())
    if not text.startswith("{"):
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return None
    if not isinstance(value, dict):
        return None
    name = value.get("tool", value.get("name"))
    if not isinstance(name, str):
        return None
    arguments = value.get("arguments", value.get("args", {}))
    if isinstance(arguments, str):
        return PromptCall(name, *decode_arguments(arguments))
    if not isinstance(arguments, dict):
        return PromptCall(name, {}, "the arguments must be a JSON object")
    return PromptCall(name, arguments, None)


def _unfence(text: str) -> str:
    if not text.startswith("```"):
        return text
    lines = text.splitlines()[1:]
    if lines and lines[-1].strip() == "```":
        lines = lines[:-1]
    return "\n".join(lines).strip()
