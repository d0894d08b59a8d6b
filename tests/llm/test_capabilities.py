"""Servers that refuse tools, json_schema or stream_options: detected, degraded, remembered."""

import json

from pydantic import BaseModel, ConfigDict

from assistant.llm.capabilities import FILE_NAME
from assistant.llm.events import ToolCall, ToolResult, TurnDone, Usage
from assistant.llm.structured import complete_structured
from assistant.llm.tools import Tool
from assistant.llm.turn import run_turn

from .helpers import collect, shown_text, user


class TopicArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topic: str


class Note(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    minutes: int


def lookup() -> Tool:
    return Tool("lookup", "Find guidance.", TopicArgs, lambda args: f"tips on {args.topic}")


def remembered(settings) -> dict:
    entries = json.loads((settings.home / FILE_NAME).read_text())
    return entries[f"{scripted_url(settings)} {settings.model}"]


def scripted_url(settings) -> str:
    return settings.openai_base_url.rstrip("/")


async def test_refused_tools_fall_back_to_the_prompt_protocol_and_are_remembered(
    scripted_llm, make_settings
):
    scripted_llm.reject("tools")
    call = '{"tool": "lookup", "arguments": {"topic": "candour"}}'
    scripted_llm.reply_text(f"Let me check.\n{call}\n")
    scripted_llm.reply_text("Invite one criticism per session.")
    settings = make_settings()

    events = await collect(run_turn(user("How?"), [lookup()], settings=settings))

    assert shown_text(events) == "Let me check.\nInvite one criticism per session."
    assert ToolCall("call_0_0", "lookup", {"topic": "candour"}) in events
    assert ToolResult("call_0_0", "lookup", "tips on candour", True) in events
    refused, degraded, answered = scripted_llm.requests
    assert "tools" in refused and "tools" not in degraded
    assert '{"tool": "<tool name>"' in degraded["messages"][0]["content"]
    assert answered["messages"][-1] == {
        "role": "user",
        "content": 'Tool result for lookup:\n<data kind="tool_result">"tips on candour"</data>',
    }
    assert remembered(settings)["tools"] is False

    scripted_llm.reply_text("Straight to the protocol this time.")
    await collect(run_turn(user("Again"), [lookup()], settings=make_settings()))

    assert len(scripted_llm.requests) == 4
    assert "tools" not in scripted_llm.requests[3]


async def test_prompt_protocol_feeds_back_a_malformed_call(scripted_llm, make_settings):
    scripted_llm.reject("tools")
    scripted_llm.reply_text('{"tool": "lookup", "arguments": {"topic": 7}}')
    scripted_llm.reply_text("Fixed.")

    events = await collect(run_turn(user("How?"), [lookup()], settings=make_settings()))

    results = [event for event in events if isinstance(event, ToolResult)]
    assert len(results) == 1 and not results[0].ok
    assert "topic: Input should be a valid string" in results[0].content
    assert shown_text(events) == "Fixed."


async def test_servers_that_accept_tools_are_remembered_as_such(scripted_llm, make_settings):
    scripted_llm.reply_text("No tool needed.")
    settings = make_settings()

    await collect(run_turn(user("Hi"), [lookup()], settings=settings))

    assert remembered(settings) == {
        "tool_choice": None,
        "tools": True,
        "json_schema": None,
        "json_object": None,
        "stream_usage": True,
        "context": None,
        "context_source": None,
        "context_probed": False,
        "token_ratio": None,
    }


async def test_refused_json_schema_falls_back_to_json_object_and_is_remembered(
    scripted_llm, make_settings
):
    scripted_llm.reject("json_schema")
    scripted_llm.reply_json({"title": "Kick-off", "minutes": 30})
    settings = make_settings()

    note = await complete_structured(user("Plan it"), Note, settings=settings)

    assert note == Note(title="Kick-off", minutes=30)
    formats = [request["response_format"]["type"] for request in scripted_llm.requests]
    assert formats == ["json_schema", "json_object"]
    assert remembered(settings)["json_schema"] is False
    assert remembered(settings)["json_object"] is True

    scripted_llm.reply_json({"title": "Second", "minutes": 20})
    await complete_structured(user("Again"), Note, settings=make_settings())

    assert scripted_llm.requests[2]["response_format"] == {"type": "json_object"}


async def test_a_server_with_no_json_modes_gets_plain_instructions(scripted_llm, make_settings):
    scripted_llm.reject("json_schema")
    scripted_llm.reject("json_object")
    scripted_llm.reply_json({"title": "Plain", "minutes": 5})

    note = await complete_structured(user("Plan it"), Note, settings=make_settings())

    assert note.title == "Plain"
    plain = scripted_llm.requests[-1]
    assert "response_format" not in plain
    assert "Reply with one JSON object only" in plain["messages"][0]["content"]
    assert '"minutes"' in plain["messages"][0]["content"]


async def test_refused_stream_options_estimates_usage_instead(scripted_llm, make_settings):
    scripted_llm.reject("stream_options")
    scripted_llm.reply_text("Short answer.")
    settings = make_settings()

    events = await collect(run_turn(user("Hi"), settings=settings))

    usage = next(event for event in events if isinstance(event, Usage))
    assert usage.estimated and usage.input_tokens > 0 and usage.output_tokens > 0
    assert events[-1] == TurnDone("Short answer.")
    assert remembered(settings)["stream_usage"] is False


async def test_an_unreadable_capability_file_is_relearnt_not_fatal(scripted_llm, make_settings):
    settings = make_settings()
    settings.home.mkdir(parents=True, exist_ok=True)
    (settings.home / FILE_NAME).write_text("{not json")
    scripted_llm.reply_text("Still works.")

    events = await collect(run_turn(user("Hi"), settings=settings))

    assert events[-1] == TurnDone("Still works.")
    assert remembered(settings)["stream_usage"] is True
