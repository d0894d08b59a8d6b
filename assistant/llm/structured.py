"""Replies that must be data: the best response format the server offers, pydantic validation,
one repair round, then a clear error. Invalid data never leaves this module.
"""

import logging
import re
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.config import Settings
from assistant.llm import errors
from assistant.llm.capabilities import Capabilities
from assistant.llm.schemas import json_schema, schema_rule
from assistant.llm.transport import ModelSession, Request
from assistant.llm.usage import UsageMeter

Model = TypeVar("Model", bound=BaseModel)
_FENCE = re.compile(r"^```[\w-]*\s*\n?(.*?)\n?```$", re.DOTALL)
_SHOWN_PROBLEMS = 5

log = logging.getLogger("rmcoach.llm")


async def complete_structured(
    messages: Sequence[dict[str, Any]],
    schema: type[Model],
    *,
    settings: Settings,
    max_tokens: int | None = None,
) -> Model:
    """The model's reply as a validated `schema` instance; `max_tokens` caps each reply.

    Raises `StructuredOutputError` (a reply that still does not match after one repair round)
    or `LLMError` (the server failed; its message says what to do).
    """
    if not settings.llm_configured:
        raise errors.LLMError(errors.NOT_CONFIGURED, retryable=False)
    session = ModelSession(settings, max_tokens)
    meter = UsageMeter(session.server.model)
    outcome = "cancelled"
    try:
        result = await _complete(session, meter, list(messages), schema)
        outcome = "ok"
        return result
    except errors.LLMError:
        outcome = "error"
        raise
    except Exception as error:  # a bug, or a server stranger than any seen
        outcome = "error"
        log.exception("unexpected failure in a structured model call")
        raise errors.unexpected(session.server) from error
    finally:
        await session.aclose()
        meter.log("structured", outcome)


async def _complete(
    session: ModelSession, meter: UsageMeter, messages: list[dict[str, Any]], schema: type[Model]
) -> Model:
    reply = await _ask(session, meter, messages, schema)
    try:
        return parse_reply(reply, schema)
    except ValidationError as error:
        problems = errors.describe_validation(error)
    repair = [
        *messages,
        {"role": "assistant", "content": reply},
        {"role": "user", "content": _repair_request(problems)},
    ]
    reply = await _ask(session, meter, repair, schema)
    try:
        return parse_reply(reply, schema)
    except ValidationError as error:
        raise _failure(schema, errors.describe_validation(error)) from None


def parse_reply(reply: str, schema: type[Model]) -> Model:
    """Validate a reply, forgiving the ``` fences and the prose around JSON that weak models add."""
    text = reply.strip()
    if fenced := _FENCE.match(text):
        text = fenced.group(1).strip()
    start, end = text.find("{"), text.rfind("}")
    if not text.startswith("{") and 0 <= start < end:
        text = text[start : end + 1]
    return schema.model_validate_json(text)


async def _ask(
    session: ModelSession, meter: UsageMeter, messages: list[dict[str, Any]], schema: type[Model]
) -> str:
    instructed = _with_schema_instructions(messages, schema)

    def build(capabilities: Capabilities) -> Request:
        return _format_request(session, capabilities, instructed, schema)

    parts: list[str] = []
    usage = None
    async for _request, chunk in session.stream(build):
        usage = chunk.usage or usage
        parts.extend(choice.delta.content or "" for choice in chunk.choices[:1])
    reply = "".join(parts)
    meter.add(usage, instructed, reply)
    if not reply.strip():
        raise errors.empty_reply(session.server)
    return reply


def _format_request(
    session: ModelSession,
    capabilities: Capabilities,
    messages: list[dict[str, Any]],
    schema: type[BaseModel],
) -> Request:
    base = session.request(capabilities, messages)
    if capabilities.allows("json_schema"):
        name = re.sub(r"[^A-Za-z0-9_-]", "_", schema.__name__)[:64]
        spec = {"name": name, "schema": json_schema(schema)}
        response_format = {"type": "json_schema", "json_schema": spec}
        return base.using("json_schema", response_format=response_format)
    if capabilities.allows("json_object"):
        return base.using("json_object", response_format={"type": "json_object"})
    return base


def _with_schema_instructions(
    messages: list[dict[str, Any]], schema: type[BaseModel]
) -> list[dict[str, Any]]:
    # Said in every mode: some servers accept response_format and then ignore it.
    rule = schema_rule(schema)
    result = [dict(message) for message in messages]
    if result and result[0].get("role") == "system":
        system = result[0].get("content") or ""
        if rule not in system:
            result[0]["content"] = f"{system}\n\n{rule}"
    else:
        result.insert(0, {"role": "system", "content": rule})
    return result


def _repair_request(problems: list[str]) -> str:
    listed = "\n".join(f"- {problem}" for problem in problems)
    return (
        f"Your reply did not match the schema:\n{listed}\n"
        "Reply again with the corrected JSON object only."
    )


def _failure(schema: type[BaseModel], problems: list[str]) -> errors.StructuredOutputError:
    shown = "; ".join(problems[:_SHOWN_PROBLEMS])
    more = len(problems) - _SHOWN_PROBLEMS
    extra = f" (and {more} more)" if more > 0 else ""
    return errors.StructuredOutputError(
        f"the model's reply did not match the {schema.__name__} format, even after one "
        f"correction: {shown}{extra}. Try again, or use a stronger model.",
        problems,
    )
