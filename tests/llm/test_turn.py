"""A turn through the real openai client against the scripted server: text, tools, usage, cancel."""

import asyncio
import json

import pytest
from pydantic import BaseModel, ConfigDict

from assistant.config import Settings
from assistant.llm.events import TextDelta, ToolCall, ToolResult, TurnDone, TurnError, Usage
from assistant.llm.tools import Tool
from assistant.llm.turn import run_turn

from .helpers import collect, shown_text, user


class TopicArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topic: str


def lookup_tool(calls: list[str]) -> Tool:
    async def lookup(args: TopicArgs) -> str:
        calls.append(args.topic)
        return f"Guidance about {args.topic}: ask open questions."

    return Tool("lookup", "Find guidance on a topic.", TopicArgs, lookup)


async def test_reply_streams_in_pieces_then_usage_then_done(scripted_llm, make_settings):
    scripted_llm.reply_text("Start by asking what surprised them this week.", usage=(42, 9))

    events = await collect(run_turn(user("How do I open?"), settings=make_settings()))

    deltas = [event for event in events if isinstance(event, TextDelta)]
    assert len(deltas) > 3
    assert events[-2:] == [
        Usage(42, 9),
        TurnDone("Start by asking what surprised them this week."),
    ]
    sent = scripted_llm.requests[0]
    assert sent["stream"] is True
    assert sent["stream_options"] == {"include_usage": True}
    assert sent["model"] == "gpt-4o-mini"


async def test_callers_messages_are_left_unchanged(scripted_llm, make_settings):
    scripted_llm.reply_tool_call("lookup", {"topic": "candour"})
    scripted_llm.reply_text("Done.")
    messages = user("Help")

    await collect(run_turn(messages, [lookup_tool([])], settings=make_settings()))

    assert messages == user("Help")


async def test_tool_loop_runs_the_tool_and_sends_its_result_back(scripted_llm, make_settings):
    calls: list[str] = []
    scripted_llm.reply_tool_call("lookup", {"topic": "feedback"}, call_id="call_a", usage=(10, 3))
    scripted_llm.reply_text("Ask them for one thing to change.", usage=(30, 7))

    events = await collect(
        run_turn(user("How to get feedback?"), [lookup_tool(calls)], settings=make_settings())
    )

    assert calls == ["feedback"]
    assert events[0] == ToolCall("call_a", "lookup", {"topic": "feedback"})
    assert events[1] == ToolResult(
        "call_a", "lookup", "Guidance about feedback: ask open questions.", True
    )
    assert events[-2:] == [Usage(40, 10), TurnDone("Ask them for one thing to change.")]
    first, second = scripted_llm.requests
    assert first["tools"][0]["function"]["parameters"]["required"] == ["topic"]
    assert second["messages"][-2]["tool_calls"][0]["function"] == {
        "name": "lookup",
        "arguments": '{"topic": "feedback"}',
    }
    assert second["messages"][-1] == {
        "role": "tool",
        "tool_call_id": "call_a",
        "content": '<data kind="tool_result">"Guidance about feedback: ask open questions."</data>',
    }


async def test_malformed_tool_arguments_go_back_to_the_model_not_up(scripted_llm, make_settings):
    calls: list[str] = []
    scripted_llm.reply_tool_call("lookup", '{"topic": "feed', call_id="bad_json")
    scripted_llm.reply_tool_call("lookup", {"subject": "feedback"}, call_id="bad_field")
    scripted_llm.reply_text("Answered anyway.")

    events = await collect(run_turn(user("Help"), [lookup_tool(calls)], settings=make_settings()))

    results = [event for event in events if isinstance(event, ToolResult)]
    assert [result.ok for result in results] == [False, False]
    assert "not valid JSON" in results[0].content
    assert "topic: Field required" in results[1].content
    assert "subject: Extra inputs are not permitted" in results[1].content
    assert calls == []
    assert events[-1] == TurnDone("Answered anyway.")
    tool_messages = [m for m in scripted_llm.requests[2]["messages"] if m["role"] == "tool"]
    assert [m["tool_call_id"] for m in tool_messages] == ["bad_json", "bad_field"]


async def test_unknown_and_failing_tools_are_reported_to_the_model(scripted_llm, make_settings):
    def broken(args: TopicArgs) -> str:
        raise RuntimeError("index unavailable")

    scripted_llm.reply_tool_call("nonexistent", {})
    scripted_llm.reply_tool_call("broken", {"topic": "x"})
    scripted_llm.reply_text("Sorry.")
    tools = [Tool("broken", "Always fails.", TopicArgs, broken)]

    events = await collect(run_turn(user("Help"), tools, settings=make_settings()))

    results = [event for event in events if isinstance(event, ToolResult)]
    assert "no tool named 'nonexistent'" in results[0].content
    assert results[1].content == "The tool broken failed: index unavailable"
    assert not any(result.ok for result in results)
    assert events[-1] == TurnDone("Sorry.")


async def test_a_model_that_never_stops_calling_tools_ends_with_an_error(
    scripted_llm, make_settings
):
    scripted_llm.reply_tool_call("lookup", {"topic": "a"})
    scripted_llm.reply_tool_call("lookup", {"topic": "b"})

    events = await collect(
        run_turn(user("Help"), [lookup_tool([])], settings=make_settings(), max_tool_rounds=1)
    )

    assert isinstance(events[-1], TurnError)
    assert "kept calling tools after 1 rounds" in events[-1].message
    assert scripted_llm.requests[1]["tool_choice"] == "none"


async def test_cancelling_mid_stream_closes_the_connection_and_propagates(
    scripted_llm, make_settings
):
    scripted_llm.chunk_delay = 0.05
    scripted_llm.reply_text("word " * 200)
    first_delta = asyncio.Event()
    received: list[object] = []

    async def consume() -> None:
        async for event in run_turn(user("Talk"), settings=make_settings()):
            received.append(event)
            first_delta.set()

    task = asyncio.create_task(consume())
    await asyncio.wait_for(first_delta.wait(), 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert scripted_llm.wait_for_disconnect(2.0)
    assert not any(isinstance(event, (TurnDone, TurnError)) for event in received)


async def test_without_a_model_server_the_turn_says_so_and_does_not_raise():
    events = await collect(run_turn(user("Hello"), settings=Settings()))

    assert len(events) == 1
    assert isinstance(events[0], TurnError)
    assert "OPENAI_BASE_URL" in events[0].message
    assert not events[0].retryable


async def test_requests_carry_the_key_from_the_settings(scripted_llm, make_settings):
    scripted_llm.reply_text("Hi.")

    events = await collect(run_turn(user("Hello"), settings=make_settings()))

    assert shown_text(events) == "Hi."
    assert scripted_llm.authorizations == ["Bearer sk-scripted-test-key-0123456789"]
    assert json.loads(json.dumps(scripted_llm.requests[0]))["messages"] == user("Hello")
