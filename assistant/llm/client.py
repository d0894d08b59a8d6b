"""Build the `AsyncOpenAI` client from the settings, and describe the server for error messages.

A base URL may carry credentials (`http://user:secret@proxy/v1`, common behind a proxy): the
client gets the URL as written, while `Server.url`, the one every message, log line and the
capability file show, has the password and any key-like query value masked.
"""

import functools
import ssl
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from assistant.config import Settings

if TYPE_CHECKING:
    from openai import AsyncOpenAI

OPENAI_URL = "https://api.openai.com/v1"
# Local servers ignore the key, but the client insists on one.
PLACEHOLDER_KEY = "not-needed"
MASK = "***"
_SECRET_QUERY = ("key", "token", "secret", "password", "auth", "sig")


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


def base_url(settings: Settings) -> str:
    """The URL requests go to, credentials included: for the client only, never to show."""
    return (settings.openai_base_url or OPENAI_URL).rstrip("/")


def masked_url(url: str) -> str:
    """`url` with its password and key-like query values replaced by ***."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:{MASK}@{host}" if ":" in userinfo else f"{MASK}@{host}"
    query = urlencode(
        [
            (name, MASK if any(word in name.lower() for word in _SECRET_QUERY) else value)
            for name, value in parse_qsl(parts.query, keep_blank_values=True)
        ],
        safe="*",
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def server_of(settings: Settings) -> Server:
    return Server(
        url=masked_url(base_url(settings)),
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
    url, credentials = without_credentials(base_url(settings))
    return AsyncOpenAI(
        api_key=key,
        base_url=url,
        timeout=settings.llm_timeout_seconds,
        max_retries=0,
        http_client=DefaultAsyncHttpxClient(verify=_ssl_context(), auth=credentials),
    )


def without_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """The URL without its user name and password, and those as basic auth for the client:
    the HTTP library logs each request's URL, and the password must not be in it."""
    parts = urlsplit(url)
    if parts.username is None:
        return url, None
    host = parts.netloc.rsplit("@", 1)[1]
    bare = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return bare, (unquote(parts.username), unquote(parts.password or ""))


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """The HTTP library's default context, built once: loading the certificates takes ~30 ms."""
    import httpx2

    return httpx2.create_ssl_context()


def secrets_of(settings: Settings) -> tuple[str, ...]:
    """The key and the URL's credentials, only so a server's error text can be scrubbed of them."""
    found = [settings.openai_api_key.get_secret_value()] if settings.openai_api_key else []
    parts = urlsplit(base_url(settings))
    found += [parts.password] if parts.password else []
    found += [
        value
        for name, value in parse_qsl(parts.query)
        if value and any(word in name.lower() for word in _SECRET_QUERY)
    ]
    return tuple(found)
