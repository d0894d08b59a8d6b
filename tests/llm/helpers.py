"""Small helpers shared by the model-boundary tests."""

from collections.abc import AsyncIterator
from typing import Any

from assistant.llm.events import Event, TextDelta


async def collect(events: AsyncIterator[Event]) -> list[Event]:
    return [event async for event in events]


def shown_text(events: list[Event]) -> str:
    return "".join(event.text for event in events if isinstance(event, TextDelta))


def user(text: str) -> list[dict[str, Any]]:
    return [{"role": "user", "content": text}]
