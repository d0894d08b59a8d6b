"""The prompt fits the context window: oldest history goes first, then guidance by rank."""

import pytest

from assistant.llm.budget import context_window, fit_messages, messages_tokens
from assistant.llm.errors import ContextBudgetError


def history(turns: int) -> list[dict[str, str]]:
    messages = []
    for number in range(turns):
        messages.append({"role": "user", "content": f"question {number} " + "word " * 40})
        messages.append({"role": "assistant", "content": f"answer {number} " + "word " * 40})
    return messages


GUIDANCE = [f"guidance rank {rank}: " + "advice " * 60 for rank in range(5)]


def fit(window: int, **overrides):
    arguments = {
        "system": "You are a coach.",
        "context_blocks": ["Pair: Ana mentors Sam."],
        "guidance": GUIDANCE,
        "history": history(10),
        "user": "What next?",
    } | overrides
    return fit_messages(
        **arguments, model="local-model", reply_reserve=100, context_windows={"local-model": window}
    )


def test_everything_fits_in_a_large_window():
    fitted = fit(100_000)

    assert (fitted.dropped_history, fitted.dropped_guidance, fitted.dropped_context) == (0, 0, 0)
    assert fitted.messages[0]["content"].startswith("You are a coach.\n\nPair: Ana mentors Sam.")
    assert fitted.messages[1:-1] == history(10)
    assert fitted.messages[-1] == {"role": "user", "content": "What next?"}
    assert fitted.input_tokens == messages_tokens(fitted.messages)


def test_oldest_history_goes_first_and_guidance_stays():
    full = fit(100_000).input_tokens

    fitted = fit(full + 100 - 300)  # 300 tokens short

    assert fitted.dropped_history > 0
    assert fitted.dropped_guidance == 0
    assert fitted.messages[1:-1] == history(10)[fitted.dropped_history :]
    assert fitted.input_tokens <= fitted.window - 100


def test_guidance_goes_from_the_lowest_rank_once_history_is_gone():
    without_history = fit(100_000, history=[]).input_tokens

    fitted = fit(without_history + 100 - 10)  # 10 tokens short once all history is gone

    assert fitted.dropped_history == 20
    assert fitted.dropped_guidance >= 1
    kept = len(GUIDANCE) - fitted.dropped_guidance
    assert all(text in fitted.messages[0]["content"] for text in GUIDANCE[:kept])
    assert not any(text in fitted.messages[0]["content"] for text in GUIDANCE[kept:])
    assert "Pair: Ana mentors Sam." in fitted.messages[0]["content"]


def test_tool_results_are_never_left_without_their_call():
    calls = [
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "c1", "type": "function", "function": {"name": "lookup", "arguments": "{}"}}
            ],
        },
        {"role": "tool", "tool_call_id": "c1", "content": "result " * 50},
        {"role": "assistant", "content": "final " * 50},
    ]
    full = fit(100_000, history=calls, guidance=[]).input_tokens

    fitted = fit(full + 100 - 5, history=calls, guidance=[])

    assert fitted.messages[1:-1] == [calls[-1]]
    assert fitted.dropped_history == 2


def test_a_window_too_small_for_instructions_and_message_is_a_clear_error():
    with pytest.raises(ContextBudgetError) as raised:
        fit(120, system="You are a coach. " * 50)

    message = raised.value.message
    assert "'local-model' has a context window of 120 tokens" in message
    assert "RMCOACH_CONTEXT_WINDOWS" in message


@pytest.mark.parametrize(
    ("model", "window"),
    [
        ("gpt-4o-mini", 128_000),
        ("gpt-4.1-nano", 1_047_576),
        ("o3-mini", 200_000),
        ("llama3:8b", 8_192),
        ("llama3.1:8b", 131_072),
        ("meta-llama/Llama-3.2-3B-Instruct", 131_072),
        ("qwen2.5:7b-instruct", 32_768),
        ("mistral:7b", 32_768),
        ("some-new-model", 8_192),
    ],
)
def test_context_windows_come_from_the_table(model, window):
    assert context_window(model) == window


def test_settings_override_the_table():
    assert context_window("llama3:8b", {"llama3:8b": 4096}) == 4096
