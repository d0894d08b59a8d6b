"""The prompt-driven tool protocol hides tool-call lines from the user, however they stream in."""

from assistant.llm.prompt_tools import PromptCall, ToolLineFilter


def run(pieces: list[str]) -> tuple[str, list[PromptCall]]:
    line_filter = ToolLineFilter()
    shown = "".join(line_filter.feed(piece) for piece in pieces) + line_filter.finish()
    return shown, line_filter.calls


def test_plain_text_passes_through_as_it_streams():
    line_filter = ToolLineFilter()

    assert line_filter.feed("Hel") == "Hel"
    assert line_filter.feed("lo\nthere") == "lo\nthere"
    assert line_filter.finish() == ""


def test_a_call_split_over_many_pieces_is_caught_and_hidden():
    pieces = ['Checking.\n{"to', 'ol": "lookup", "argu', 'ments": {"topic": "x"}}\n', "Ok"]

    shown, calls = run(pieces)

    assert shown == "Checking.\nOk"
    assert calls == [PromptCall("lookup", {"topic": "x"}, None)]


def test_a_fenced_or_pretty_printed_call_is_caught():
    fenced = '```json\n{"tool": "lookup", "arguments": {"topic": "x"}}\n```\n'
    pretty = '{\n  "tool": "lookup",\n  "arguments": {"topic": "y"}\n}'

    assert run([fenced]) == ("", [PromptCall("lookup", {"topic": "x"}, None)])
    assert run([pretty]) == ("", [PromptCall("lookup", {"topic": "y"}, None)])


def test_json_that_is_not_a_call_is_shown():
    text = '{"plan": "meet weekly"}\n```python\nprint(1)\n```\n'

    assert run([text]) == (text, [])


def test_a_broken_call_becomes_a_call_with_an_error_not_text():
    shown, calls = run(['{"tool": "lookup", "arguments": {"topic": "x"\n'])

    assert shown == ""
    assert calls == [PromptCall("lookup", {}, "the call was not valid JSON")]


def test_string_arguments_are_decoded():
    _, calls = run(['{"tool": "lookup", "arguments": "{\\"topic\\": \\"x\\"}"}'])

    assert calls == [PromptCall("lookup", {"topic": "x"}, None)]
