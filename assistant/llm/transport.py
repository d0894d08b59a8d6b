"""One streamed chat completion, with bounded retries and per-server feature fallbacks.

The openai client's own retries are off: here a retry honours Retry-After, backs off with
jitter, stops after `llm_max_retries`, and never repeats a reply that has started to stream
(the user would see it twice), which ends in a clear error instead. A refusal of a feature is
not retried: the request goes again at once without it. A prompt over the server's context is
not retried either: the window the server names is remembered and the caller told.
"""

import asyncio
import email.utils
import json
import logging
import random
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import openai
from openai.types.chat import ChatCompletionChunk

from assistant.config import Settings
from assistant.llm import errors
from assistant.llm.budget import messages_tokens
from assistant.llm.capabilities import (
    FEATURES,
    Capabilities,
    CapabilityStore,
    Feature,
    capability_key,
    rejected_feature,
)
from assistant.llm.client import make_client, secrets_of, server_of
from assistant.llm.overflow import overflow_of

_BACKOFF_FIRST = 0.25
_BACKOFF_MAX = 8.0
# A server asking for a longer pause than this is not worth keeping the user waiting for.
_RETRY_AFTER_MAX = 60.0
_RETRY_STATUSES = {408, 409, 429}

log = logging.getLogger("rmcoach.llm")


@dataclass(frozen=True)
class Request:
    """The keyword arguments of one `chat.completions.create` call and the features they use."""

    params: dict[str, Any]
    sent: tuple[Feature, ...] = ()

    def using(self, feature: Feature, **params: Any) -> "Request":
        sent = tuple(f for f in FEATURES if f in self.sent or f == feature)
        return Request({**self.params, **params}, sent)


Builder = Callable[[Capabilities], Request]


class ModelSession:
    """A client, its server's description and capabilities, for one turn or one structured call."""

    def __init__(self, settings: Settings, max_tokens: int | None = None) -> None:
        self.server = server_of(settings)
        self.max_tokens = max_tokens
        self.client = make_client(settings)
        self.secrets = secrets_of(settings)
        self.refused: set[Feature] = set()
        self._store = CapabilityStore(settings.home)
        self._key = capability_key(self.server)
        self.capabilities = self._store.get(self._key)

    async def aclose(self) -> None:
        await self.client.close()

    def request(
        self, capabilities: Capabilities, messages: list[dict[str, Any]], **params: Any
    ) -> Request:
        """A request for this model; it asks for a closing usage chunk unless that was refused.

        A local server gets `max_tokens`, the room the prompt budget kept for the reply: without
        it llama.cpp's servers write until the context is full. OpenAI's newer models refuse
        the parameter, and bill by the token anyway.
        """
        params = {"model": self.server.model, "messages": messages, **params}
        if self.max_tokens and self.server.is_custom:
            params["max_tokens"] = self.max_tokens
        if not capabilities.allows("stream_usage"):
            return Request(params)
        params["stream_options"] = {"include_usage": True}
        return Request(params, ("stream_usage",))

    async def stream(self, build: Builder) -> AsyncIterator[tuple[Request, ChatCompletionChunk]]:
        """The chunks of one completion, each with the request that produced it.

        Raises `errors.LLMError` after the last try, or at once when retrying cannot help.
        """
        failures = 0
        while True:
            request = build(self.capabilities)
            seen = _Seen()
            try:
                stream = await self.client.chat.completions.create(**request.params, stream=True)
                async with stream:
                    async for chunk in stream:
                        if seen.chunks == 0:
                            self._confirm(request.sent)
                        seen.add(chunk)
                        yield request, chunk
                if seen.chunks == 0:
                    await self._explain_silence(request)
                if "stream_usage" in request.sent and not seen.usage:
                    self._refuse("stream_usage", "accepted stream_options but sent no usage")
                    self._save({"stream_usage": False})
                return
            except openai.APIError as error:
                if seen.payload:
                    raise errors.dropped_mid_reply(self.server) from error
                errors.log_server_reply(self.server, error, self.secrets)
                self._raise_for_overflow(error, request)
                feature = rejected_feature(error, request.sent)
                if feature is not None:
                    self._refuse(feature, f"HTTP {getattr(error, 'status_code', '?')}")
                    continue
                failures += 1
                delay = retry_delay(error, failures)
                if delay is None or failures > self.server.max_retries:
                    raise errors.final_error(error, self.server, failures) from error
                self._log_retry(error, failures, delay)
                await asyncio.sleep(delay)
            except json.JSONDecodeError as error:
                raise errors.unreadable_reply(self.server) from error

    async def _explain_silence(self, request: Request) -> None:
        """An empty event stream: llama-cpp-python's way of refusing a prompt over its context.

        Asking again without streaming, for one token, gets the reason in words: an overflow
        error, or a reply that shows the server does answer, and simply said nothing.
        """
        params = {k: v for k, v in request.params.items() if k != "stream_options"}
        params["max_tokens"] = 1
        # llama-cpp-python drops the connection its failed stream was on: a second try gets
        # a fresh one.
        for attempt in (1, 2):
            try:
                await self.client.chat.completions.create(**params, stream=False)
            except openai.APIConnectionError as error:
                if attempt == 2:
                    raise errors.final_error(error, self.server, attempt) from error
                continue
            except openai.APIError as error:
                errors.log_server_reply(self.server, error, self.secrets)
                self._raise_for_overflow(error, request)
                raise errors.final_error(error, self.server, 1) from error
            break
        raise errors.empty_reply(self.server)

    def _raise_for_overflow(self, error: openai.APIError, request: Request) -> None:
        found = overflow_of(error)
        if found is None:
            return
        learned: dict[str, object] = {}
        if found.window:
            learned = {"context": found.window, "context_source": "overflow"}
        if found.prompt_tokens:
            ours = messages_tokens(request.params["messages"])
            learned["token_ratio"] = round(max(1.0, found.prompt_tokens / max(1, ours)), 3)
        if learned:
            self.capabilities = self.capabilities.model_copy(update=learned)
            self._save(learned)
        raise errors.overflow(self.server, found.window, found.prompt_tokens) from error

    def _refuse(self, feature: Feature, why: str) -> None:
        log.info("%s refused %s (%s); falling back", self.server.url, feature, why)
        self.refused.add(feature)
        self.capabilities = self.capabilities.model_copy(update={feature: False})

    def _confirm(self, sent: Sequence[Feature]) -> None:
        found: dict[str, object] = {feature: True for feature in sent}
        found.update({feature: False for feature in self.refused})
        self._save(found)

    def _save(self, found: dict[str, object]) -> None:
        try:
            self._store.record(self._key, found)
        except OSError as error:
            log.warning("could not save model capabilities to %s: %s", self._store.path, error)

    def _log_retry(self, error: openai.APIError, failures: int, delay: float) -> None:
        reason = (
            f"HTTP {error.status_code}"
            if isinstance(error, openai.APIStatusError)
            else type(error).__name__
        )
        log.warning(
            "%s: %s; retry %d of %d in %.1f s",
            self.server.url,
            reason,
            failures,
            self.server.max_retries,
            delay,
        )


@dataclass
class _Seen:
    """What a stream has brought so far."""

    chunks: int = 0
    payload: bool = False
    usage: bool = False

    def add(self, chunk: ChatCompletionChunk) -> None:
        self.chunks += 1
        self.usage = self.usage or chunk.usage is not None
        self.payload = self.payload or any(
            choice.delta.content or choice.delta.tool_calls for choice in chunk.choices
        )


def retry_delay(error: openai.APIError, failures: int) -> float | None:
    """Seconds to wait before the next try, or None when this error is not worth retrying."""
    if isinstance(error, openai.APIConnectionError):  # includes timeouts
        return _backoff(failures)
    if not isinstance(error, openai.APIStatusError):
        return None
    status = error.status_code
    if status not in _RETRY_STATUSES and (status < 500 or status == 501):
        return None
    asked = _retry_after(error.response.headers)
    if asked is None:
        return _backoff(failures)
    return asked if asked <= _RETRY_AFTER_MAX else None


def _backoff(failures: int) -> float:
    delay = min(_BACKOFF_MAX, _BACKOFF_FIRST * 2 ** (failures - 1))
    return delay * random.uniform(0.8, 1.2)  # jitter: many clients must not retry in lockstep


def _retry_after(headers: Any) -> float | None:
    """Retry-After in seconds or as an HTTP date; OpenAI also sends retry-after-ms."""
    if (millis := headers.get("retry-after-ms")) is not None:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
