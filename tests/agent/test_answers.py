from assistant.agent.guide.answers import condense

SECTION = """Some responses to feedback close the conversation at once, even when well meant.

| Avoid | Why it hurts | Say instead |
|---|---|---|
| "Yes, but you have to understand the feedback context" | Signals rejection | "Tell me more." |

Thank your mentor for the feedback before you decide whether you agree with it."""


def test_condensed_guidance_keeps_prose_and_leaves_table_rows_out() -> None:
    condensed = condense(SECTION, "How do I take feedback without rejecting it?")

    assert "|" not in condensed
    assert "Thank your mentor for the feedback" in condensed
