"""Fit a prompt into the model's context window, counting tokens with tiktoken.

The prompt is: a system message (instructions only), the recent history, and the user's new
message, which carries the material (`material.Block`s: the pair's context, then retrieved
guidance, best first) ahead of what the person asked. When it does not fit, the oldest history
goes first, then guidance from the lowest rank, then context blocks from the last; the
instructions and the person's message are never cut. Counts use o200k_base for every model,
scaled by the server's own count when an overflow error told us it (`Window.token_ratio`).
"""

import functools
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from assistant.llm.errors import ContextBudgetError, tokens
from assistant.llm.material import Block, with_material
from assistant.tokenizer import count_tokens

DEFAULT_CONTEXT_WINDOW = 8_192
# First match wins, searched in the lower-cased model name without any "vendor/" prefix.
CONTEXT_WINDOWS: tuple[tuple[str, int], ...] = (
    (r"gpt-4\.1", 1_047_576),
    (r"gpt-5", 400_000),
    (r"gpt-4o", 128_000),
    (r"gpt-4-turbo", 128_000),
    (r"gpt-3\.5-turbo", 16_385),
    (r"^o\d", 200_000),
    (r"llama-?3\.[1-9]", 131_072),
    (r"llama-?3", 8_192),
    (r"qwen2\.5", 32_768),
    (r"mistral-nemo", 128_000),
    (r"mistral|mixtral", 32_768),
)
# OpenAI's chat format costs a few tokens per message, and 3 to prime the reply.
_PER_MESSAGE = 4
_REPLY_PRIMING = 3
# A small window must still leave the prompt most of the room: the reply gets at most a quarter.
_REPLY_SHARE = 4
WindowSource = Literal["server", "overflow", "settings", "table"]


@dataclass(frozen=True)
class Window:
    """A context window, where it came from, and how the server counts against our tokenizer."""

    tokens: int
    source: WindowSource
    model: str
    where: str
    """Who has it, for messages: "the model server at URL" or "the model 'name'"."""
    token_ratio: float = 1.0


def context_window(model: str, overrides: Mapping[str, int] | None = None) -> int:
    """The model's context window in tokens: the settings' override, the table, or 8192."""
    if overrides and model in overrides:
        return overrides[model]
    name = model.lower().rsplit("/", 1)[-1]
    for pattern, window in CONTEXT_WINDOWS:
        if re.search(pattern, name):
            return window
    return DEFAULT_CONTEXT_WINDOW


def message_tokens(message: Mapping[str, Any], count: Callable[[str], int] = count_tokens) -> int:
    tokens = _PER_MESSAGE + count(str(message.get("content") or ""))
    if message.get("tool_calls"):
        tokens += count(json.dumps(message["tool_calls"]))
    return tokens


def messages_tokens(
    messages: Sequence[Mapping[str, Any]], count: Callable[[str], int] = count_tokens
) -> int:
    return sum(message_tokens(message, count) for message in messages) + _REPLY_PRIMING


@dataclass(frozen=True)
class FittedPrompt:
    messages: list[dict[str, Any]]
    input_tokens: int
    window: int
    dropped_history: int
    dropped_guidance: int
    dropped_context: int


def reply_room(window: Window, wanted: int) -> int:
    return min(wanted, window.tokens // _REPLY_SHARE)


def fit_messages(
    system: str,
    context_blocks: list[Block],
    guidance: list[Block],
    history: list[dict[str, Any]],
    user: str,
    *,
    window: Window,
    reply_reserve: int = 1024,
) -> FittedPrompt:
    """The messages to send, trimmed to fit; `guidance` is ordered best first.

    Raises `ContextBudgetError` when the instructions and the person's message alone do not fit.
    """
    reserve = reply_room(window, reply_reserve)
    limit = window.tokens - reserve
    kept_context, kept_guidance, kept_history = list(context_blocks), list(guidance), list(history)
    count = functools.cache(count_tokens)  # each text is tokenized once, however many trims
    while True:
        messages = _assemble(system, kept_context, kept_guidance, kept_history, user)
        needed = math.ceil(messages_tokens(messages, count) * window.token_ratio)
        if needed <= limit:
            return FittedPrompt(
                messages,
                needed,
                window.tokens,
                dropped_history=len(history) - len(kept_history),
                dropped_guidance=len(guidance) - len(kept_guidance),
                dropped_context=len(context_blocks) - len(kept_context),
            )
        if kept_history:
            _drop_oldest(kept_history)
        elif kept_guidance:
            kept_guidance.pop()
        elif kept_context:
            kept_context.pop()
        else:
            raise does_not_fit(window, needed, reserve)


def _assemble(
    system: str,
    context: list[Block],
    guidance: list[Block],
    history: list[dict[str, Any]],
    user: str,
) -> list[dict[str, Any]]:
    return [
        {"role": "system", "content": system},
        *history,
        {"role": "user", "content": with_material([*context, *guidance], user)},
    ]


def _drop_oldest(history: list[dict[str, Any]]) -> None:
    """Drop the oldest message, and any tool results that would be left without their call."""
    history.pop(0)
    while history and history[0].get("role") == "tool":
        history.pop(0)


def does_not_fit(window: Window, needed: int, reserve: int) -> ContextBudgetError:
    """One line: the sizes, and the setting or server option that gives more room."""
    sizes = (
        f"{window.where} has a context of {tokens(window.tokens)} and this prompt needs "
        f"{needed:,} with {reserve:,} kept for the reply"
    )
    if window.source in ("server", "overflow"):
        advice = "start the server with a larger context (llama.cpp: -c 8192)"
    else:
        advice = (
            "if the model has more, set it, e.g. "
            f"RMCOACH_CONTEXT_WINDOWS='{{\"{window.model}\": {window.tokens * 4}}}'"
        )
    return ContextBudgetError(
        f"{sizes}, even without the guidance and history; {advice}, or shorten the message.",
        needed=needed,
        window=window.tokens,
    )
