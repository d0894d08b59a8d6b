"""Fit a prompt into the model's context window, counting tokens with tiktoken.

The agent's prompt is: a system message (instructions, then the pair's context, then retrieved
guidance, best first), the recent history, and the user's new message. When it does not fit, the
oldest history goes first, then guidance from the lowest rank, then context blocks from the
last; the instructions and the user's message are never cut. Counts use o200k_base for every
model: close for OpenAI's, an estimate for local models, which `reply_reserve` absorbs.
"""

import functools
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.llm.errors import ContextBudgetError
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
_SEPARATOR = "\n\n"


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


def fit_messages(
    system: str,
    context_blocks: list[str],
    guidance: list[str],
    history: list[dict[str, Any]],
    user: str,
    *,
    model: str,
    reply_reserve: int = 1024,
    context_windows: Mapping[str, int] | None = None,
) -> FittedPrompt:
    """The messages to send, trimmed to fit; `guidance` is ordered best first.

    Raises `ContextBudgetError` when the system prompt and the user's message alone do not fit.
    """
    window = context_window(model, context_windows)
    limit = window - reply_reserve
    kept_context, kept_guidance, kept_history = list(context_blocks), list(guidance), list(history)
    count = functools.cache(count_tokens)  # each text is tokenized once, however many trims
    while True:
        messages = _assemble(system, kept_context, kept_guidance, kept_history, user)
        tokens = messages_tokens(messages, count)
        if tokens <= limit:
            return FittedPrompt(
                messages,
                tokens,
                window,
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
            raise _does_not_fit(model, tokens, window, reply_reserve)


def _assemble(
    system: str, context: list[str], guidance: list[str], history: list[dict[str, Any]], user: str
) -> list[dict[str, Any]]:
    system_text = _SEPARATOR.join(part for part in (system, *context, *guidance) if part)
    return [
        {"role": "system", "content": system_text},
        *history,
        {"role": "user", "content": user},
    ]


def _drop_oldest(history: list[dict[str, Any]]) -> None:
    """Drop the oldest message, and any tool results that would be left without their call."""
    history.pop(0)
    while history and history[0].get("role") == "tool":
        history.pop(0)


def _does_not_fit(model: str, tokens: int, window: int, reserve: int) -> ContextBudgetError:
    return ContextBudgetError(
        f"the instructions and your message need {tokens} tokens, but {model!r} has a context "
        f"window of {window} tokens and {reserve} are kept for its reply. Shorten the message, "
        f"or set the window in the settings, e.g. RMCOACH_CONTEXT_WINDOWS='{{\"{model}\": 32768}}'."
    )
