"""The conversation: the person's messages and the coach's replies, streamed as Markdown."""

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownStream


class UserMessage(Markdown):
    """What the person sent, shown as they typed it."""


class Reply(Vertical):
    """One reply from the coach or the persona; text arrives in pieces while it streams."""

    def __init__(self, speaker: str) -> None:
        super().__init__()
        self.border_title = speaker
        self.text = ""
        self._stream: MarkdownStream | None = None

    def compose(self) -> ComposeResult:
        yield Markdown()

    async def write(self, fragment: str) -> None:
        # The stream batches fragments so a fast model never outruns the renderer.
        if self._stream is None:
            self._stream = Markdown.get_stream(self.query_one(Markdown))
        self.text += fragment
        await self._stream.write(fragment)

    async def finish(self) -> None:
        if self._stream is not None:
            await self._stream.stop()
            self._stream = None

    def note(self, text: str) -> None:
        """A line about the turn (a guidance look-up, a cancellation), not part of the reply."""
        self.mount(Static(text, classes="turn-note", markup=False))


class ChatLog(VerticalScroll):
    """The running conversation, kept scrolled to the newest message."""

    def on_mount(self) -> None:
        self.anchor()

    def add_user(self, text: str) -> UserMessage:
        message = UserMessage(text)
        self.mount(message)
        return message

    async def add_reply(self, speaker: str) -> Reply:
        reply = Reply(speaker)
        await self.mount(reply)
        return reply

    async def add_finished_reply(self, speaker: str, text: str) -> Reply:
        """A reply given earlier, shown whole (a reopened conversation)."""
        reply = await self.add_reply(speaker)
        reply.text = text
        await reply.query_one(Markdown).update(text)
        return reply

    def add_notice(self, text: str) -> None:
        self.mount(Static(text, classes="chat-notice", markup=False))

    async def clear_messages(self) -> None:
        await self.remove_children()
