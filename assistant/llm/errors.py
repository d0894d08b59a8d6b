"""Errors for people: which server, what failed, what to do, in one line. Never the key.

A server's own words (often a validation dump or a traceback) go to the log, never to a screen:
`log_server_reply` writes them there, scrubbed of every secret. What to do next depends on the
front end (the app gives the message back in the box; the command line is run again), so these
messages stop at what is true everywhere.
"""

import logging
from typing import TYPE_CHECKING

from pydantic import ValidationError

from assistant.llm.client import Server

if TYPE_CHECKING:
    import openai

_DETAIL_LIMIT = 2000
NOT_CONFIGURED = (
    "no model server is configured: set OPENAI_BASE_URL (a local server) or OPENAI_API_KEY. "
    "Until then rmcoach answers with its offline guide."
)

log = logging.getLogger("rmcoach.llm")


class LLMError(Exception):
    """A model request failed; `message` is ready to show, `retryable` says resending may work."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable


class StructuredOutputError(LLMError):
    """The model's reply did not match the schema, even after one repair round."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message, retryable=True)
        self.problems = problems


class ContextBudgetError(LLMError):
    """The prompt does not fit the model's context window, even trimmed; nothing was sent."""

    def __init__(self, message: str, *, needed: int = 0, window: int = 0) -> None:
        super().__init__(message, retryable=False)
        self.needed = needed
        self.window = window


class ContextOverflowError(LLMError):
    """The server said the prompt is over its context; `window` is what it said it has."""

    def __init__(self, message: str, *, window: int | None, needed: int | None) -> None:
        super().__init__(message, retryable=False)
        self.window = window
        self.needed = needed


class EmptyReplyError(LLMError):
    """The server answered with nothing at all: no text, no tool call."""


def tries(count: int) -> str:
    return "1 try" if count == 1 else f"{count} tries"


def tokens(count: int) -> str:
    return f"{count:,} tokens"


def scrub(text: str, secrets: tuple[str, ...]) -> str:
    """Servers sometimes echo the key back in an error; it must never reach a screen or a log."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def server_detail(error: "openai.APIStatusError", secrets: tuple[str, ...]) -> str:
    """The server's own explanation, for the log: whole enough to debug, without any secret."""
    body = error.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        body = inner.get("message", inner) if isinstance(inner, dict) else inner
    text = str(body if body is not None else error.message).strip()
    if len(text) > _DETAIL_LIMIT:
        text = text[:_DETAIL_LIMIT].rstrip() + "…"
    return scrub(text, secrets)


def log_server_reply(server: Server, error: Exception, secrets: tuple[str, ...]) -> None:
    import openai  # only once a request was made, so it is already loaded

    if isinstance(error, openai.APIStatusError):
        detail = server_detail(error, secrets)
        log.warning("%s answered HTTP %d: %s", server.url, error.status_code, detail)
    else:
        log.warning("%s: %s", server.url, type(error).__name__)


def dropped_mid_reply(server: Server) -> LLMError:
    return LLMError(
        f"the model server at {server.url} closed the connection in the middle of its reply; "
        "the partial reply is shown.",
        retryable=True,
    )


def unreadable_reply(server: Server) -> LLMError:
    return LLMError(
        f"the model server at {server.url} sent a reply rmcoach could not read (the log has it).",
        retryable=True,
    )


def empty_reply(server: Server) -> EmptyReplyError:
    return EmptyReplyError(f"the model server at {server.url} sent an empty reply.", retryable=True)


def unexpected(server: Server) -> LLMError:
    return LLMError(
        f"something unexpected went wrong talking to the model server at {server.url}; "
        "the log has the details.",
        retryable=True,
    )


def too_many_tool_rounds(server: Server, rounds: int) -> LLMError:
    return LLMError(
        f"the model {server.model!r} kept calling tools after {rounds} rounds without answering.",
        retryable=True,
    )


def overflow(server: Server, window: int | None, needed: int | None) -> ContextOverflowError:
    """The server refused a prompt over its context: say the sizes and how to get more room."""
    sizes = f"its context is {tokens(window)}" if window else "the prompt is over its context"
    if window and needed:
        sizes += f" and this prompt needs {needed:,}"
    return ContextOverflowError(
        f"the model server at {server.url} refused the request: {sizes}. Start the server with "
        "a larger context (llama.cpp: -c 8192), or shorten the conversation.",
        window=window,
        needed=needed,
    )


def final_error(error: Exception, server: Server, attempts: int) -> LLMError:
    """The message after the last try (or at once, for errors retrying cannot fix)."""
    import openai  # only once a request was made, so it is already loaded

    where = f"the model server at {server.url}"
    if isinstance(error, openai.APITimeoutError):
        return LLMError(
            f"{where} did not answer in {server.timeout:g} s ({tries(attempts)}). "
            f"{server.offline_hint}",
            retryable=True,
        )
    if isinstance(error, openai.APIConnectionError):
        return LLMError(
            f"could not reach {where} ({tries(attempts)}). {server.offline_hint}", retryable=True
        )
    if isinstance(error, openai.APIStatusError):
        return _status_error(error, server, attempts)
    return unreadable_reply(server)


def _status_error(error: "openai.APIStatusError", server: Server, attempts: int) -> LLMError:
    where = f"the model server at {server.url}"
    status = error.status_code
    if status in (401, 403):
        return LLMError(
            f"{where} refused the API key (HTTP {status}). Check OPENAI_API_KEY.", retryable=False
        )
    if status == 404:
        return LLMError(
            f"{where} has no model {server.model!r} (HTTP 404). Set RMCOACH_MODEL to a model it "
            f"serves; {server.url}/models lists them.",
            retryable=False,
        )
    if status == 429:
        return LLMError(
            f"{where} is limiting requests (HTTP 429, {tries(attempts)}). Wait a minute, then "
            "try again.",
            retryable=True,
        )
    if status >= 500:
        return LLMError(
            f"{where} failed (HTTP {status}, {tries(attempts)}); the log has its answer. "
            "Check the server's own log, then try again.",
            retryable=True,
        )
    return LLMError(
        f"{where} rejected the request (HTTP {status}); the log has its answer.",
        retryable=False,
    )


def describe_validation(error: ValidationError) -> list[str]:
    """Each problem as 'field.path: what is wrong', for people and for the model's repair round."""
    problems = []
    for item in error.errors(include_url=False):
        where = ".".join(str(part) for part in item["loc"]) or "(the whole reply)"
        problems.append(f"{where}: {item['msg']}")
    return problems
