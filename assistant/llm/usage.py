"""Tokens in and out per turn: from the server's usage chunk, else estimated with tiktoken."""

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from assistant.llm.budget import messages_tokens
from assistant.llm.events import Usage
from assistant.tokenizer import count_tokens

log = logging.getLogger("rmcoach.llm")


@dataclass
class UsageMeter:
    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    estimated: bool = False
    requests: int = 0
    started: float = field(default_factory=time.monotonic)

    def add(self, usage: Any, sent: list[dict[str, Any]], output: str) -> None:
        """Count one request; `usage` is the server's report (`CompletionUsage`) or None."""
        self.requests += 1
        if usage is not None and usage.prompt_tokens is not None:
            self.input_tokens += usage.prompt_tokens
            self.output_tokens += usage.completion_tokens or 0
            return
        self.estimated = True
        self.input_tokens += messages_tokens(sent)
        self.output_tokens += count_tokens(output)

    def usage(self) -> Usage:
        return Usage(self.input_tokens, self.output_tokens, self.estimated)

    def log(self, what: str, outcome: str) -> None:
        """One line per turn: sizes and timing only, never message content or the key."""
        log.info(
            "%s model=%s outcome=%s input_tokens=%d output_tokens=%d%s requests=%d duration=%.2fs",
            what,
            self.model,
            outcome,
            self.input_tokens,
            self.output_tokens,
            " (estimated)" if self.estimated else "",
            self.requests,
            time.monotonic() - self.started,
        )
