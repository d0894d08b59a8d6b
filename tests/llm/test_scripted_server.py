"""The scripted server speaks the OpenAI wire format other tests rely on, streamed or not."""

import time

import openai
import pytest
from openai import AsyncOpenAI


@pytest.fixture
async def client(scripted_llm):
    client = AsyncOpenAI(base_url=scripted_llm.base_url, api_key="k", max_retries=0, timeout=5)
    yield client
    await client.close()


async def test_models_are_listed(client):
    models = await client.models.list()

    assert [model.id for model in models.data] == ["scripted-model"]


async def test_a_non_streamed_completion_carries_text_and_usage(scripted_llm, client):
    scripted_llm.reply_text("Plain answer.", usage=(5, 2))

    completion = await client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "hi"}]
    )

    assert completion.choices[0].message.content == "Plain answer."
    assert (completion.usage.prompt_tokens, completion.usage.completion_tokens) == (5, 2)


async def test_a_non_streamed_tool_call_is_whole(scripted_llm, client):
    scripted_llm.reply_tool_call("lookup", {"topic": "x"}, call_id="c1")

    completion = await client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "hi"}]
    )

    call = completion.choices[0].message.tool_calls[0]
    assert (call.id, call.function.name) == ("c1", "lookup")
    assert call.function.arguments == '{"topic": "x"}'
    assert completion.choices[0].finish_reason == "tool_calls"


async def test_an_exhausted_script_fails_loudly(client):
    with pytest.raises(openai.InternalServerError, match="script exhausted"):
        await client.chat.completions.create(model="m", messages=[])


async def test_streaming_keeps_the_requested_pace(scripted_llm, client):
    scripted_llm.tokens_per_second = 200
    scripted_llm.reply_text("token " * 40)

    started = time.monotonic()
    stream = await client.chat.completions.create(model="m", messages=[], stream=True)
    pieces = [chunk.choices[0].delta.content async for chunk in stream if chunk.choices]
    elapsed = time.monotonic() - started

    assert "".join(p or "" for p in pieces) == "token " * 40
    assert elapsed >= 0.19  # 40 tokens at 200 per second
