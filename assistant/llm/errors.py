"""Errors for people: what failed, at which server URL, and what to do. Never the key."""

from typing import TYPE_CHECKING

from pydantic import ValidationError

from assistant.llm.client import Server

if TYPE_CHECKING:
    import openai

KEPT = "Your message was kept; press Enter to resend."
_DETAIL_LIMIT = 200
NOT_CONFIGURED = (
    "no model server is configured: set OPENAI_BASE_URL (a local server) or OPENAI_API_KEY. "
    "Until then rmcoach answers with its offline guide."
)


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
    """Even the system prompt and the user's message do not fit the model's context window."""

    def __init__(self, message: str) -> None:
        super().__init__(message, retryable=False)


def tries(count: int) -> str:
    return "1 try" if count == 1 else f"{count} tries"


def scrub(text: str, secret: str | None) -> str:
    """Servers sometimes echo the key back in an error; it must never reach a screen or a log."""
    return text.replace(secret, "***") if secret else text


def server_detail(error: "openai.APIStatusError", secret: str | None) -> str:
    """The server's own explanation, short, without the key."""
    body = error.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        body = inner.get("message", inner) if isinstance(inner, dict) else inner
    text = str(body if body is not None else error.message).strip()
    if len(text) > _DETAIL_LIMIT:
        text = text[:_DETAIL_LIMIT].rstrip() + "…"
    return scrub(text, secret)


def dropped_mid_reply(server: Server) -> LLMError:
    return LLMError(
        f"the model server at {server.url} closed the connection in the middle of its reply. "
        f"The partial reply is shown. {KEPT}",
        retryable=True,
    )


def unreadable_reply(server: Server) -> LLMError:
    return LLMError(
        f"the model server at {server.url} sent a reply rmcoach could not read. {KEPT}",
        retryable=True,
    )


def unexpected(server: Server) -> LLMError:
    return LLMError(
        f"something unexpected went wrong talking to the model server at {server.url}; "
        f"the log has the details. {KEPT}",
        retryable=True,
    )


def too_many_tool_rounds(server: Server, rounds: int) -> LLMError:
    return LLMError(
        f"the model {server.model!r} kept calling tools after {rounds} rounds without answering. "
        f"{KEPT}",
        retryable=True,
    )


def final_error(error: Exception, server: Server, attempts: int, secret: str | None) -> LLMError:
    """The message after the last try (or at once, for errors retrying cannot fix)."""
    import openai  # only once a request was made, so it is already loaded

    where = f"the model server at {server.url}"
    if isinstance(error, openai.APITimeoutError):
        return LLMError(
            f"{where} did not answer in {server.timeout:g} s ({tries(attempts)}). "
            f"{server.offline_hint} {KEPT}",
            retryable=True,
        )
    if isinstance(error, openai.APIConnectionError):
        return LLMError(
            f"could not reach {where} ({tries(attempts)}). {server.offline_hint} {KEPT}",
            retryable=True,
        )
    if isinstance(error, openai.APIStatusError):
        return _status_error(error, server, attempts, secret)
    return unreadable_reply(server)


def _status_error(
    error: "openai.APIStatusError", server: Server, attempts: int, secret: str | None
) -> LLMError:
    where = f"the model server at {server.url}"
    status = error.status_code
    detail = server_detail(error, secret)
    if status in (401, 403):
        return LLMError(
            f"{where} refused the API key (HTTP {status}). Check OPENAI_API_KEY.", retryable=False
        )
    if status == 404:
        return LLMError(
            f"{where} has no model {server.model!r} (HTTP 404: {detail}). Set RMCOACH_MODEL to a "
            f"model it serves; {server.url}/models lists them.",
            retryable=False,
        )
    if status == 429:
        return LLMError(
            f"{where} is limiting requests (HTTP 429, {tries(attempts)}). Wait a minute. {KEPT}",
            retryable=True,
        )
    if status >= 500:
        return LLMError(
            f"{where} failed (HTTP {status}, {tries(attempts)}): {detail}. {KEPT}", retryable=True
        )
    if "context" in detail.lower() and ("length" in detail.lower() or "window" in detail.lower()):
        return LLMError(
            f"the conversation is too long for {server.model!r} at {server.url}: {detail}. "
            "Start a new session, or set a smaller context window for it in the settings.",
            retryable=False,
        )
    return LLMError(f"{where} rejected the request (HTTP {status}): {detail}.", retryable=False)


def describe_validation(error: ValidationError) -> list[str]:
    """Each problem as 'field.path: what is wrong', for people and for the model's repair round."""
    problems = []
    for item in error.errors(include_url=False):
        where = ".".join(str(part) for part in item["loc"]) or "(the whole reply)"
        problems.append(f"{where}: {item['msg']}")
    return problems
