"""Structured replies: validated by pydantic, one repair round, then a clear error."""

import pytest
from pydantic import BaseModel, ConfigDict

from assistant.llm.errors import LLMError, StructuredOutputError
from assistant.llm.structured import complete_structured, parse_reply

from .helpers import user


class Summary(BaseModel):
    model_config = ConfigDict(extra="forbid")
    headline: str
    actions: list[str]


async def test_a_valid_reply_becomes_the_model_and_asks_for_its_schema(scripted_llm, make_settings):
    scripted_llm.reply_json({"headline": "Good start", "actions": ["book next session"]})

    summary = await complete_structured(user("Summarise"), Summary, settings=make_settings())

    assert summary == Summary(headline="Good start", actions=["book next session"])
    response_format = scripted_llm.requests[0]["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["name"] == "Summary"
    assert response_format["json_schema"]["schema"]["required"] == ["headline", "actions"]


async def test_invalid_json_gets_one_repair_round_that_can_succeed(scripted_llm, make_settings):
    scripted_llm.reply_json('{"headline": "Good start", "actions": [')
    scripted_llm.reply_json({"headline": "Good start", "actions": []})

    summary = await complete_structured(user("Summarise"), Summary, settings=make_settings())

    assert summary.headline == "Good start"
    repair = scripted_llm.requests[1]["messages"]
    assert repair[-2] == {"role": "assistant", "content": '{"headline": "Good start", "actions": ['}
    assert repair[-1]["content"].startswith("Your reply did not match the schema:\n- ")
    assert "Invalid JSON" in repair[-1]["content"]


async def test_a_reply_still_wrong_after_repair_is_a_clear_error(scripted_llm, make_settings):
    scripted_llm.reply_json({"headline": "x"})
    scripted_llm.reply_json({"headline": "x", "actions": "call them", "mood": "happy"})

    with pytest.raises(StructuredOutputError) as raised:
        await complete_structured(user("Summarise"), Summary, settings=make_settings())

    message = raised.value.message
    assert "did not match the Summary format, even after one correction" in message
    assert "actions: Input should be a valid array" in message
    assert "mood: Extra inputs are not permitted" in message
    assert "actions: Field required" in scripted_llm.requests[1]["messages"][-1]["content"]
    assert len(scripted_llm.requests) == 2


async def test_a_server_failure_raises_a_human_error(scripted_llm, make_settings):
    scripted_llm.fail(401)

    with pytest.raises(LLMError) as raised:
        await complete_structured(user("Summarise"), Summary, settings=make_settings())

    assert "refused the API key" in raised.value.message
    assert not isinstance(raised.value, StructuredOutputError)


@pytest.mark.parametrize(
    "reply",
    [
        '```json\n{"headline": "h", "actions": []}\n```',
        '```\n{"headline": "h", "actions": []}\n```',
        'Here is the summary:\n{"headline": "h", "actions": []}\nHope that helps.',
    ],
)
def test_fences_and_chatter_around_the_json_are_forgiven(reply):
    assert parse_reply(reply, Summary) == Summary(headline="h", actions=[])
