"""The typed events of one model turn: text and tool traffic, then usage, then the end.

A turn always ends with exactly one `TurnDone` or one `TurnError`; consumers `match` on the
type and hold no knowledge of the wire format.
"""

from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class TextDelta:
    """A piece of the reply as it streams in, to show the user at once."""

    text: str


@dataclass(frozen=True, slots=True)
class ToolCall:
    """The model asked for a tool; `arguments` is empty when what it sent was not a JSON object."""

    call_id: str
    name: str
    arguments: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ToolResult:
    """What a tool returned to the model; `ok` is False for bad arguments or a failing tool."""

    call_id: str
    name: str
    content: str
    ok: bool


@dataclass(frozen=True, slots=True)
class Usage:
    """Tokens in and out over the whole turn; `estimated` when the server did not report them."""

    input_tokens: int
    output_tokens: int
    estimated: bool = False


@dataclass(frozen=True, slots=True)
class TurnError:
    """The turn failed; `message` is for people and never holds a secret.

    `retryable` is True when sending the same message again may well work (timeouts, rate
    limits, server errors, dropped connections) and False when settings must change first.
    `kind` is "overflow" when the server said the prompt is over its context, which it then
    remembers, so a caller may fit the prompt again and resend once.
    """

    message: str
    retryable: bool
    kind: Literal["failed", "overflow"] = "failed"


@dataclass(frozen=True, slots=True)
class TurnDone:
    """The turn finished; `text` is every `TextDelta` of the turn joined."""

    text: str


Event = TextDelta | ToolCall | ToolResult | Usage | TurnError | TurnDone
