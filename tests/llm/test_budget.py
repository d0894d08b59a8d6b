"""The prompt fits the context window: oldest history goes first, then guidance by rank."""

import pytest

from assistant.llm.budget import Window, context_window, fit_messages, messages_tokens
from assistant.llm.errors import ContextBudgetError
from assistant.llm.material import Block, guidance


def history(turns: int) -> list[dict[str, str]]:
    messages = []
    for number in range(turns):
        messages.append({"role": "user", "content": f"question {number} " + "word " * 40})
        messages.append({"role": "assistant", "content": f"answer {number} " + "word " * 40})
    return messages


GUIDANCE = [f"guidance rank {rank}: " + "advice " * 60 for rank in range(5)]
PAIR = Block("pair", "Pair: Ana mentors Sam.")


def fit(window: int, source="settings", ratio=1.0, reserve=50, **overrides):
    arguments = {
        "system": "You are a coach.",
        "context_blocks": [PAIR],
        "guidance": [guidance(f"[doc{rank}.md > H]", text) for rank, text in enumerate(GUIDANCE)],
        "history": history(10),
        "user": "What next?",
    } | overrides
    where = "the model server at http://127.0.0.1:8080/v1"
    return fit_messages(
        **arguments,
        reply_reserve=reserve,
        window=Window(window, source, "local-model", where, ratio),
    )


def material(fitted) -> str:
    return fitted.messages[-1]["content"]


def test_everything_fits_in_a_large_window():
    fitted = fit(100_000)

    assert (fitted.dropped_history, fitted.dropped_guidance, fitted.dropped_context) == (0, 0, 0)
    assert fitted.messages[0] == {"role": "system", "content": "You are a coach."}
    assert '<data kind="pair">"Pair: Ana mentors Sam."</data>' in material(fitted)
    assert fitted.messages[1:-1] == history(10)
    assert material(fitted).endswith("\n\nWhat next?")
    assert fitted.input_tokens == messages_tokens(fitted.messages)


def test_the_servers_own_count_scales_the_budget():
    plain = fit(100_000)
    scaled = fit(100_000, ratio=1.5)

    assert scaled.input_tokens == -(-plain.input_tokens * 3 // 2)
    assert scaled.messages == plain.messages


def test_oldest_history_goes_first_and_guidance_stays():
    full = fit(100_000).input_tokens

    fitted = fit(full + 50 - 300)  # 300 tokens short

    assert fitted.dropped_history > 0
    assert fitted.dropped_guidance == 0
    assert fitted.messages[1:-1] == history(10)[fitted.dropped_history :]
    assert fitted.input_tokens <= fitted.window - 50


def test_guidance_goes_from_the_lowest_rank_once_history_is_gone():
    without_history = fit(100_000, history=[]).input_tokens

    fitted = fit(without_history + 50 - 10)  # 10 tokens short once all history is gone

    assert fitted.dropped_history == 20
    assert fitted.dropped_guidance >= 1
    kept = len(GUIDANCE) - fitted.dropped_guidance
    assert all(text in material(fitted) for text in GUIDANCE[:kept])
    assert not any(text in material(fitted) for text in GUIDANCE[kept:])
    assert "Pair: Ana mentors Sam." in material(fitted)


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

    fitted = fit(full + 50 - 5, history=calls, guidance=[])

    assert fitted.messages[1:-1] == [calls[-1]]
    assert fitted.dropped_history == 2


def test_a_window_too_small_for_instructions_and_message_is_one_line_with_sizes_and_setting():
    with pytest.raises(ContextBudgetError) as raised:
        fit(400, system="You are a coach. " * 100)

    message = raised.value.message
    assert "\n" not in message
    assert message.startswith(
        f"the model server at http://127.0.0.1:8080/v1 has a context of 400 tokens and this "
        f"prompt needs {raised.value.needed:,} with 50 kept for the reply"
    )
    assert raised.value.needed > 300
    assert "RMCOACH_CONTEXT_WINDOWS='{\"local-model\": 1600}'" in message


def test_a_window_the_server_reported_is_not_worked_around_with_a_setting():
    with pytest.raises(ContextBudgetError) as raised:
        fit(400, source="server", system="You are a coach. " * 100)

    assert "RMCOACH_CONTEXT_WINDOWS" not in raised.value.message
    assert "start the server with a larger context" in raised.value.message


def test_a_small_window_keeps_at_most_a_quarter_for_the_reply():
    fitted = fit(2_048, reserve=1_500, history=[], guidance=[])

    assert fitted.input_tokens <= 2_048 - 512
    with pytest.raises(ContextBudgetError, match="with 512 kept for the reply"):
        fit(2_048, reserve=1_500, system="word " * 1_600, history=[], guidance=[])


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
