"""The ways real servers fail, as recorded from them (`peer_personalities`), without a peer."""

import json
import logging
import socket

import pytest
from peer_personalities import LLAMA_CPP_PYTHON, LLAMA_SERVER, LLAMA_SERVER_NO_JINJA
from pydantic import BaseModel, ConfigDict

from assistant.config import Settings
from assistant.llm.capabilities import FILE_NAME
from assistant.llm.context import prompt_window
from assistant.llm.errors import ContextOverflowError
from assistant.llm.events import TextDelta, TurnDone, TurnError
from assistant.llm.structured import complete_structured
from assistant.llm.tools import Tool
from assistant.llm.turn import run_turn

from .helpers import collect, user


class TopicArgs(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topic: str


def lookup() -> Tool:
    return Tool("lookup", "Find guidance.", TopicArgs, lambda args: f"tips on {args.topic}")


class Note(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str
    minutes: int


def remembered(settings) -> dict:
    entries = json.loads((settings.home / FILE_NAME).read_text())
    return entries[f"{settings.openai_base_url.rstrip('/')} {settings.model}"]


async def test_llama_cpp_python_refusing_json_schema_with_a_500_is_learned_at_once(
    scripted_llm, make_settings
):
    scripted_llm.become(LLAMA_CPP_PYTHON)
    scripted_llm.reply_json({"title": "Kick-off", "minutes": 30})
    settings = make_settings(llm_max_retries=2)

    note = await complete_structured(user("Plan it"), Note, settings=settings)

    assert note == Note(title="Kick-off", minutes=30)
    formats = [request["response_format"]["type"] for request in scripted_llm.requests]
    assert formats == ["json_schema", "json_object"]  # no backoff retries of the refusal
    assert remembered(settings)["json_schema"] is False
    assert remembered(settings)["json_object"] is True

    scripted_llm.reply_json({"title": "Again", "minutes": 20})
    await complete_structured(user("Plan it"), Note, settings=make_settings())

    assert scripted_llm.requests[-1]["response_format"] == {"type": "json_object"}


async def test_a_stream_without_the_usage_it_was_asked_for_stops_asking(
    scripted_llm, make_settings
):
    scripted_llm.become(LLAMA_CPP_PYTHON)
    scripted_llm.reply_text("First.")
    scripted_llm.reply_text("Second.")
    settings = make_settings()

    await collect(run_turn(user("Hi"), settings=settings))
    await collect(run_turn(user("Hi"), settings=make_settings()))

    assert "stream_options" in scripted_llm.requests[0]
    assert "stream_options" not in scripted_llm.requests[1]
    assert remembered(settings)["stream_usage"] is False


async def test_an_empty_stream_for_an_oversized_prompt_is_explained_and_the_window_learned(
    scripted_llm, make_settings
):
    scripted_llm.become(LLAMA_CPP_PYTHON, context=200)
    settings = make_settings()

    events = await collect(run_turn(user("word " * 300), settings=settings, max_tokens=50))

    assert not [event for event in events if isinstance(event, TextDelta)]
    error = events[-1]
    assert isinstance(error, TurnError) and error.kind == "overflow"
    assert error.message == (
        f"the model server at {scripted_llm.base_url} refused the request: its context is "
        "200 tokens and this prompt needs 300. Start the server with a larger context "
        "(llama.cpp: -c 8192), or shorten the conversation."
    )
    streamed, asked_plainly = scripted_llm.requests
    assert streamed["stream"] and streamed["max_tokens"] == 50
    assert not asked_plainly["stream"] and asked_plainly["max_tokens"] == 1
    learned = remembered(settings)
    assert (learned["context"], learned["context_source"]) == (200, "overflow")
    assert learned["token_ratio"] >= 1.0
    window = await prompt_window(make_settings())
    assert (window.tokens, window.source) == (200, "overflow")


async def test_an_overflow_in_a_structured_call_raises_with_the_sizes(scripted_llm, make_settings):
    scripted_llm.become(LLAMA_CPP_PYTHON, context=100)

    with pytest.raises(ContextOverflowError) as raised:
        await complete_structured(user("word " * 150), Note, settings=make_settings())

    assert (raised.value.window, raised.value.needed) == (100, raised.value.needed)
    assert raised.value.needed and raised.value.needed > 150
    assert "its context is 100 tokens" in raised.value.message


async def test_an_empty_reply_is_an_error_never_an_answer(scripted_llm, make_settings):
    scripted_llm.reply_text("")
    scripted_llm.reply_text("   ")

    events = await collect(run_turn(user("Hi"), settings=make_settings()))

    assert isinstance(events[-1], TurnError)
    assert events[-1].message == f"the model server at {scripted_llm.base_url} sent an empty reply."
    assert not any(isinstance(event, TurnDone) for event in events)


async def test_llama_cpp_python_has_no_props_so_the_window_comes_from_settings(
    scripted_llm, make_settings
):
    scripted_llm.become(LLAMA_CPP_PYTHON)
    settings = make_settings(model="smollm2", context_windows={"smollm2": 4096})

    window = await prompt_window(settings)

    assert (window.tokens, window.source) == (4096, "settings")
    assert remembered(settings)["context_probed"] is True


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_credentials_in_the_base_url_are_masked_in_messages_logs_and_files(
    caplog, scripted_llm
):
    down = f"http://coach:hunter2-secret@127.0.0.1:{_closed_port()}/v1?api_key=k-secret-9"
    up = scripted_llm.base_url.replace("http://", "http://coach:hunter2-secret@")
    scripted_llm.reply_text("Fine.")
    caplog.set_level(logging.DEBUG)

    failed = await collect(
        run_turn(user("Hi"), settings=Settings(openai_base_url=down, llm_max_retries=0))
    )
    settings = Settings(openai_base_url=up)
    answered = await collect(run_turn(user("Hi"), settings=settings))
    await prompt_window(settings)

    message = failed[-1].message
    assert "coach:***@127.0.0.1" in message and "api_key=***" in message
    assert answered[-1] == TurnDone("Fine.")
    stored = (settings.home / FILE_NAME).read_text()
    assert "coach:***@127.0.0.1" in stored
    for secret in ("hunter2-secret", "k-secret-9"):
        assert secret not in message and secret not in caplog.text and secret not in stored


async def test_llama_server_without_jinja_refusing_tools_with_a_500_gets_the_prompt_protocol(
    scripted_llm, make_settings
):
    scripted_llm.become(LLAMA_SERVER_NO_JINJA)
    scripted_llm.reply_text("Ask one open question.")
    settings = make_settings(llm_max_retries=2)

    events = await collect(run_turn(user("How?"), [lookup()], settings=settings))

    assert events[-1] == TurnDone("Ask one open question.")
    refused, degraded = scripted_llm.requests  # no backoff retries of the refusal
    assert "tools" in refused and "tools" not in degraded
    assert remembered(settings)["tools"] is False


async def test_llama_server_reports_its_context_and_its_overflow_names_both_sizes(
    scripted_llm, make_settings
):
    scripted_llm.become(LLAMA_SERVER, context=300)
    settings = make_settings(model="smollm2")

    window = await prompt_window(settings)
    events = await collect(run_turn(user("word " * 400), settings=settings))

    assert (window.tokens, window.source) == (300, "server")
    assert isinstance(events[-1], TurnError) and events[-1].kind == "overflow"
    assert "its context is 300 tokens and this prompt needs 400" in events[-1].message
    assert len(scripted_llm.requests) == 1  # a 400 for a streamed request: nothing to re-ask


@pytest.mark.parametrize(
    ("setting", "expected"), [(2048, (2048, "settings")), (16384, (8192, "server"))]
)
async def test_the_context_setting_can_only_shrink_what_the_server_reports(
    scripted_llm, make_settings, setting, expected
):
    scripted_llm.become(LLAMA_SERVER, context=8192)
    settings = make_settings(model="smollm2", context_windows={"smollm2": setting})

    window = await prompt_window(settings)

    assert (window.tokens, window.source) == expected
