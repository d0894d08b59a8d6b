"""Prompt templates: named variables, loud errors, literal braces."""

from pathlib import Path

import pytest

from assistant import locations
from assistant.agent.templates import (
    MissingPromptVariable,
    PromptError,
    UnknownPromptVariable,
    load_prompt,
    parse_prompt,
    render,
)

HERE = Path("example.md")


def _prompt(body: str, variables: str = "[name, topic]") -> str:
    return f"---\ndescription: test\nvariables: {variables}\n---\n{body}\n"


def test_render_fills_every_named_variable() -> None:
    template = parse_prompt("example", _prompt("Hello {name}, about {topic}."), HERE)
    assert template.render(name="Helen", topic="feedback") == "Hello Helen, about feedback."


def test_a_missing_variable_is_an_error_naming_prompt_and_variable() -> None:
    with pytest.raises(MissingPromptVariable, match="prompt 'plan_proposal' needs 'minutes'"):
        render("plan_proposal", stage="middle", session_number=2)


def test_an_unknown_variable_is_an_error_listing_what_the_prompt_takes() -> None:
    template = parse_prompt("example", _prompt("{name} {topic}"), HERE)
    with pytest.raises(UnknownPromptVariable, match="no variable 'tone'.*'name', 'topic'"):
        template.render(name="a", topic="b", tone="c")


def test_double_braces_render_as_literal_braces() -> None:
    template = parse_prompt("example", _prompt('Reply as {{"name": "{name}"}} about {topic}'), HERE)
    assert template.render(name="x", topic="y") == 'Reply as {"name": "x"} about y'


def test_values_containing_braces_are_inserted_verbatim() -> None:
    template = parse_prompt("example", _prompt("{name}: {topic}"), HERE)
    assert template.render(name="{topic}", topic="{}") == "{topic}: {}"


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("no front matter {name}", "starts with '---'"),
        (_prompt("{name} only"), "declares 'topic' without using"),
        (_prompt("{name} {topic} {extra}"), "uses 'extra' without declaring"),
        (_prompt("{name!r} {topic}"), "must be a plain"),
        (_prompt("{name} {topic} {"), "literal braces"),
        ("---\nvariables: [name]\ncolour: red\n---\n{name}\n", "bad front matter"),
    ],
)
def test_malformed_prompt_files_are_refused_with_the_file_named(text: str, complaint: str) -> None:
    with pytest.raises(PromptError, match=complaint) as caught:
        parse_prompt("example", text, HERE)
    assert "example.md" in str(caught.value)


def test_every_bundled_prompt_parses_and_renders() -> None:
    names = [path.stem for path in locations.bundled_prompts().glob("*.md")]
    assert {"leader_prepare", "coordinator_assistant", "summary_extraction", "ask"} <= set(names)
    for name in names:
        template = load_prompt(name)
        rendered = template.render(**{variable: f"<{variable}>" for variable in template.variables})
        for variable in template.variables:
            assert f"<{variable}>" in rendered


def test_prompts_say_who_the_user_is_and_ask_for_citations() -> None:
    for name in ("leader_prepare", "ask", "coordinator_assistant", "plan_proposal"):
        body = load_prompt(name).body
        assert "power gap" in body, name
        assert "[doc > heading]" in body or "doc and heading" in body, name
