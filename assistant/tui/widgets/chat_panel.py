"""A chat log and its message box: sends, streams the reply, gives the text back on failure.

The screen owns the worker (so Escape on the screen can cancel it); this widget turns the agent's
typed events into what the person sees, the way oterm's chat container does.
"""

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input

from assistant.tui.widgets.chat import ChatLog, Reply
from assistant.workspace.events import (
    SourcesCited,
    TextDelta,
    ToolCall,
    ToolResult,
    TurnDone,
    TurnError,
    Usage,
)

CANCELLED = "Reply cancelled; your message is back in the box."


class ChatPanel(Vertical):
    class Submitted(Message):
        """The person sent a message; the screen starts a turn for it."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, placeholder: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._placeholder = placeholder
        self.busy = False

    def compose(self) -> ComposeResult:
        yield ChatLog()
        yield Input(placeholder=self._placeholder, id="message")

    @property
    def log_view(self) -> ChatLog:
        return self.query_one(ChatLog)

    @property
    def box(self) -> Input:
        return self.query_one("#message", Input)

    @on(Input.Submitted, "#message")
    def _send(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            return
        if self.busy:
            self.notify("A reply is still coming in: wait for it, or press Escape to stop it.")
            return
        self.box.clear()
        self.log_view.add_user(text)
        self.post_message(self.Submitted(text))

    async def consume(
        self,
        text: str,
        speaker: str,
        events: AsyncIterator[Any],
        on_other: Callable[[Any], None] = lambda event: None,
    ) -> str | None:
        """Show one turn as it streams; the reply, or None when it failed or was cancelled."""
        reply = await self.log_view.add_reply(speaker)
        self.busy = True
        try:
            return await self._show(reply, text, events, on_other)
        except asyncio.CancelledError:
            reply.note("(cancelled)")
            self._give_back(text)
            self.notify(CANCELLED)
            raise
        except Exception as error:  # any failure must leave the person's text intact
            reply.note("(failed)")
            self._give_back(text)
            self.notify(f"{error}. Your message is back in the box; try again.", severity="error")
            return None
        finally:
            await reply.finish()
            self.busy = False

    async def _show(
        self, reply: Reply, text: str, events: AsyncIterator[Any], on_other: Callable[[Any], None]
    ) -> str | None:
        async for event in events:
            match event:
                case TextDelta(text=fragment):
                    await reply.write(fragment)
                case ToolCall(name=name, arguments=arguments):
                    reply.note(_describe_tool(name, arguments))
                case ToolResult(ok=False, name=name):
                    reply.note(f"({name} did not work; the coach carries on without it)")
                case TurnError(message=message):
                    reply.note("(no reply)")
                    self._give_back(text)
                    self.notify(f"{message} Your message is back in the box.", severity="error")
                    return None
                case SourcesCited(sources=sources) if sources:
                    reply.note("Sources: " + "; ".join(f"{s.doc} › {s.heading}" for s in sources))
                case TurnDone(text=done):
                    return done
                case ToolResult() | Usage():
                    pass
                case _:
                    on_other(event)
        return reply.text

    def _give_back(self, text: str) -> None:
        box = self.box
        box.value = f"{text} {box.value}".strip()
        box.cursor_position = len(box.value)
        box.focus()


def _describe_tool(name: str, arguments: dict[str, Any]) -> str:
    detail = ", ".join(
        f"{key}: {value}" for key, value in arguments.items() if isinstance(value, str)
    )
    return f"→ {name.replace('_', ' ')}" + (f" ({detail})" if detail else "")
