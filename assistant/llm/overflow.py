"""A server's "this prompt is over my context" error, read into numbers.

Each server says it its own way (recorded from real ones in `tests/scripted_openai.py`):

- llama-cpp-python, vLLM and OpenAI: HTTP 400 "This model's maximum context length is 2048
  tokens. However, you requested 2536 tokens (2531 in the messages, 5 in the completion)...";
  newer vLLM: "... maximum context length is 2048 tokens and your request has 2100 input tokens".
- llama-server: HTTP 400, type `exceed_context_size_error`, with `n_ctx` and `n_prompt_tokens`
  in the body ("request (4476 tokens) exceeds the available context size (4096 tokens)").

llama-cpp-python streams nothing at all for an oversized prompt (HTTP 200, an empty event
stream); `transport` then asks again without streaming, which gets the error above.
"""

import re
from dataclasses import dataclass
from typing import Any

_PHRASES = (
    "maximum context length",
    "context_length_exceeded",
    "exceed_context_size",
    "exceeds the available context",
    "context size",
    "context window",
    "too many tokens",
    "input is too long",
)
_WINDOW = (
    re.compile(r"maximum context length is (\d+)"),
    re.compile(r"available context size \((\d+) tokens\)"),
    re.compile(r"context (?:size|window|length) (?:is|of) (\d+)"),
)
_PROMPT = (
    re.compile(r"\((\d+) in the messages"),
    re.compile(r"request has (\d+) input tokens"),
    re.compile(r"request \((\d+) tokens\)"),
)


@dataclass(frozen=True)
class Overflow:
    """What the server said: its window, and how many tokens it counted in our prompt."""

    window: int | None
    prompt_tokens: int | None


def overflow_of(error: Exception) -> Overflow | None:
    """The overflow an error reports, or None when it is some other error."""
    import openai  # only after a request failed, so already loaded

    if not isinstance(error, openai.APIStatusError) or error.status_code not in (400, 413, 500):
        return None
    body = _inner(error.body)
    text = f"{error.message} {body}".lower()
    if not any(phrase in text for phrase in _PHRASES):
        return None
    window = _number(body, "n_ctx") or _first(_WINDOW, text)
    prompt = _number(body, "n_prompt_tokens") or _first(_PROMPT, text)
    return Overflow(window, prompt)


def _inner(body: Any) -> Any:
    return body.get("error", body) if isinstance(body, dict) else body


def _number(body: Any, key: str) -> int | None:
    value = body.get(key) if isinstance(body, dict) else None
    return value if isinstance(value, int) and value > 0 else None


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> int | None:
    for pattern in patterns:
        if match := pattern.search(text):
            return int(match.group(1))
    return None
