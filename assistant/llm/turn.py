"""One conversational turn: stream the reply, run the tools it asks for, loop until it answers.

`run_turn` is the only way the agent talks to a model. It yields typed events and never raises
for a model failure: every failure ends the turn with a `TurnError` whose message says what to
do. Cancelling the task that iterates it closes the HTTP stream at once and lets the
`CancelledError` through, so the UI can put the user's text back.
"""

import logging
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from openai.types.chat import ChatCompletionChunk
from openai.types.chat.chat_completion_chunk import ChoiceDeltaToolCall

from assistant.config import Settings
from assistant.llm import errors, prompt_tools
from assistant.llm.capabilities import Capabilities
from assistant.llm.events import (
    Event,
    TextDelta,
    ToolCall,
    ToolResult,
    TurnDone,
    TurnError,
)
from assistant.llm.material import Block, render_block
from assistant.llm.tools import Tool, call_tool, decode_arguments
from assistant.llm.transport import ModelSession, Request
from assistant.llm.usage import UsageMeter

log = logging.getLogger("rmcoach.llm")


async def run_turn(
    messages: list[dict[str, Any]],
    tools: Sequence[Tool] = (),
    *,
    settings: Settings,
    max_tool_rounds: int = 4,
    max_tokens: int | None = None,
) -> AsyncIterator[Event]:
    """Yield `TextDelta`, `ToolCall`, `ToolResult`, then `Usage` and `TurnDone`, or a `TurnError`.

    `messages` (OpenAI chat format) is not modified. After `max_tool_rounds` rounds of tool
    calls the model is asked to answer without tools. `max_tokens` caps each reply.
    """
    if not settings.llm_configured:
        yield TurnError(errors.NOT_CONFIGURED, retryable=False)
        return
    session = ModelSession(settings, max_tokens)
    meter = UsageMeter(session.server.model)
    outcome = "cancelled"
    try:
        async for event in _rounds(session, list(messages), tools, max_tool_rounds, meter):
            yield event
        outcome = "ok"
    except errors.LLMError as error:
        outcome = "error"
        overflow = isinstance(error, errors.ContextOverflowError)
        yield TurnError(error.message, error.retryable, "overflow" if overflow else "failed")
    except Exception:  # a bug, or a server stranger than any seen: log it, keep the app alive
        outcome = "error"
        log.exception("unexpected failure in a model turn")
        yield TurnError(errors.unexpected(session.server).message, retryable=True)
    finally:
        await session.aclose()
        meter.log("turn", outcome)


async def _rounds(
    session: ModelSession,
    conversation: list[dict[str, Any]],
    tools: Sequence[Tool],
    max_tool_rounds: int,
    meter: UsageMeter,
) -> AsyncIterator[Event]:
    by_name = {tool.name: tool for tool in tools}
    shown: list[str] = []
    for round_number in range(max_tool_rounds + 1):
        reply = _Reply(round_number)
        final = round_number == max_tool_rounds
        async for delta in _stream_round(session, conversation, tools, final, reply):
            shown.append(delta.text)
            yield delta
        meter.add(reply.usage, reply.sent_messages, reply.text)
        if not reply.calls:
            if not "".join(shown).strip():
                raise errors.empty_reply(session.server)
            break
        if final:
            raise errors.too_many_tool_rounds(session.server, max_tool_rounds)
        conversation.append(reply.assistant_message())
        for call in reply.calls:
            yield ToolCall(call.call_id, call.name, call.arguments)
            result = await call_tool(by_name, call.call_id, call.name, call.arguments, call.error)
            yield result
            conversation.append(reply.result_message(result))
    yield meter.usage()
    yield TurnDone("".join(shown))


@dataclass
class _Call:
    call_id: str
    name: str = ""
    raw_arguments: str = ""
    arguments: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


@dataclass
class _Reply:
    """What one model round produced, and how to put it back into the conversation."""

    round_number: int
    text: str = ""
    calls: list[_Call] = field(default_factory=list)
    by_prompt: bool = False
    usage: Any = None
    sent_messages: list[dict[str, Any]] = field(default_factory=list)
    _slots: dict[int, _Call] = field(default_factory=dict)

    def add_fragment(self, fragment: ChoiceDeltaToolCall, position: int) -> None:
        # Servers stream a call's id and name once, then its arguments in pieces.
        index = fragment.index if fragment.index is not None else position
        call = self._slots.setdefault(index, _Call(f"call_{self.round_number}_{index}"))
        if fragment.id:
            call.call_id = fragment.id
        function = fragment.function
        if function and function.name and function.name != call.name:
            call.name += function.name
        if function and function.arguments:
            call.raw_arguments += function.arguments

    def close_native_calls(self) -> None:
        for index in sorted(self._slots):
            call = self._slots[index]
            call.arguments, call.error = decode_arguments(call.raw_arguments)
            self.calls.append(call)

    def add_prompt_calls(self, found: list[prompt_tools.PromptCall]) -> None:
        for index, found_call in enumerate(found):
            call_id = f"call_{self.round_number}_{index}"
            self.calls.append(
                _Call(call_id, found_call.name, "", found_call.arguments, found_call.decode_error)
            )

    def assistant_message(self) -> dict[str, Any]:
        if self.by_prompt:
            return {"role": "assistant", "content": self.text}
        calls = [
            {
                "id": call.call_id,
                "type": "function",
                "function": {"name": call.name, "arguments": call.raw_arguments or "{}"},
            }
            for call in self.calls
        ]
        return {"role": "assistant", "content": self.text or None, "tool_calls": calls}

    def result_message(self, result: ToolResult) -> dict[str, Any]:
        # What a tool returns is read from the store and the guidance: people's text, so data.
        content = render_block(Block("tool_result", result.content))
        if self.by_prompt:
            return prompt_tools.result_message(result, content)
        return {"role": "tool", "tool_call_id": result.call_id, "content": content}


async def _stream_round(
    session: ModelSession,
    conversation: list[dict[str, Any]],
    tools: Sequence[Tool],
    final: bool,
    reply: _Reply,
) -> AsyncIterator[TextDelta]:
    def build(capabilities: Capabilities) -> Request:
        return _round_request(session, capabilities, conversation, tools, final)

    line_filter = prompt_tools.ToolLineFilter()
    async for request, chunk in session.stream(build):
        reply.by_prompt = bool(tools) and "tools" not in request.sent
        reply.sent_messages = request.params["messages"]
        for text in _absorb(chunk, reply):
            shown = line_filter.feed(text) if reply.by_prompt else text
            if shown:
                yield TextDelta(shown)
    if reply.by_prompt:
        if rest := line_filter.finish():
            yield TextDelta(rest)
        reply.add_prompt_calls(line_filter.calls)
    else:
        reply.close_native_calls()


def _round_request(
    session: ModelSession,
    capabilities: Capabilities,
    conversation: list[dict[str, Any]],
    tools: Sequence[Tool],
    final: bool,
) -> Request:
    if not tools:
        return session.request(capabilities, conversation)
    if capabilities.allows("tools"):
        base = session.request(capabilities, conversation)
        if not final:
            return base.using("tools", tools=[tool.openai_schema() for tool in tools])
        if capabilities.allows("tool_choice"):
            schemas = [tool.openai_schema() for tool in tools]
            return base.using("tools", tools=schemas).using("tool_choice", tool_choice="none")
        return base  # a server that refuses tool_choice gets no tools in the last round
    # The last round leaves the protocol out so the model answers instead of calling again.
    messages = conversation if final else prompt_tools.with_instructions(conversation, tools)
    return session.request(capabilities, messages)


def _absorb(chunk: ChatCompletionChunk, reply: _Reply) -> list[str]:
    """Record the chunk's usage and tool-call fragments; return its text pieces."""
    if chunk.usage is not None:
        reply.usage = chunk.usage
    texts = []
    for choice in chunk.choices[:1]:
        if choice.delta.content:
            reply.text += choice.delta.content
            texts.append(choice.delta.content)
        for position, fragment in enumerate(choice.delta.tool_calls or ()):
            reply.add_fragment(fragment, position)
    return texts
