"""Build the `AsyncOpenAI` client from the settings, and describe the server for error messages."""

import functools
import ssl
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.config import Settings

if TYPE_CHECKING:
    from openai import AsyncOpenAI

OPENAI_URL = "https://api.openai.com/v1"
# Local servers ignore the key, but the client insists on one.
PLACEHOLDER_KEY = "not-needed"


@dataclass(frozen=True)
class Server:
    """Where requests go and what to tell people about it; never holds the key."""

    url: str
    model: str
    timeout: float
    max_retries: int
    is_custom: bool

    @property
    def offline_hint(self) -> str:
        variable = "OPENAI_BASE_URL" if self.is_custom else "OPENAI_API_KEY"
        check = "Check it is running" if self.is_custom else "Check your network"
        return f"{check}, or unset {variable} to use the offline guide."


def server_of(settings: Settings) -> Server:
    return Server(
        url=(settings.openai_base_url or OPENAI_URL).rstrip("/"),
        model=settings.model,
        timeout=settings.llm_timeout_seconds,
        max_retries=max(0, settings.llm_max_retries),
        is_custom=settings.openai_base_url is not None,
    )


def make_client(settings: Settings) -> "AsyncOpenAI":
    """A client with its own retries off: `transport` retries, bounded, honouring Retry-After.

    Each turn makes its own client, because an HTTP client belongs to the event loop it first
    ran in (the TUI and the tests run many); only the certificates are shared.
    """
    # Imported here: the offline guide never needs openai, and importing it costs 0.6 s.
    from openai import AsyncOpenAI, DefaultAsyncHttpxClient

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else PLACEHOLDER_KEY
    return AsyncOpenAI(
        api_key=key,
        base_url=server_of(settings).url,
        timeout=settings.llm_timeout_seconds,
        max_retries=0,
        http_client=DefaultAsyncHttpxClient(verify=_ssl_context()),
    )


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """The HTTP library's default context, built once: loading the certificates takes ~30 ms."""
    import httpx2

    return httpx2.create_ssl_context()


def secret_of(settings: Settings) -> str | None:
    """The key, only so error text from a server can be scrubbed of it."""
    return settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
