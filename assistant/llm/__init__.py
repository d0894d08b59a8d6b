"""The boundary to the model: any OpenAI-compatible server through the `openai` client.

`turn.run_turn` streams one conversational turn as typed events (`events`), running `tools`;
`structured.complete_structured` returns validated pydantic data; `budget.fit_messages` fits a
prompt into the context window. Retries, timeouts and per-server fallbacks (`capabilities`)
live in `transport`; every failure becomes a human message from `errors`.
"""
