"""The person's own files (the kept chat, the rehearsal scores) are read in a thread, so a slow
home folder (a network drive, a sleeping disk) never holds up the keys.

The slow file is a named pipe in the file's place: reading it waits until the test writes into
it, so "typed before the read finished" does not depend on how busy the machine is. Were the
read on the event loop, the app would freeze until a timer wrote the pipe (after 10 s) and the
test would fail on the loading state it never saw.
"""

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import TypeAdapter
from textual.widgets import Input, Static

from assistant.tui.screens.prepare import PrepareScreen
from assistant.tui.screens.rehearse import RehearseScreen
from assistant.tui.widgets.chat_panel import ChatPanel
from assistant.workspace.attempt_history import ScoredAttempt
from assistant.workspace.saved_chats import SavedChat, SavedMessage

PAIR = "P-006"
MENTORED = "P-004"
FREEZE_LIMIT = 10.0
"""After this the pipe is written anyway, so code that froze the app fails instead of hanging."""


class HeldFile:
    """A named pipe standing in for a file: its reader waits until `release(text)`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.mkfifo(path, 0o600)
        self._text = b""
        self._released = threading.Event()
        self._timer = threading.Timer(FREEZE_LIMIT, self._write)
        self._timer.daemon = True
        self._timer.start()

    def release(self, text: str) -> None:
        self._text = text.encode()
        self._timer.cancel()
        threading.Thread(target=self._write, daemon=True).start()

    def _write(self) -> None:
        if self._released.is_set():
            return
        self._released.set()
        with open(self.path, "wb") as pipe:  # waits for the reader, then ends its read
            pipe.write(self._text)


@pytest.fixture
def held_chat(home: Path) -> Iterator[HeldFile]:
    held = HeldFile(home / "private" / "chats" / f"{PAIR}.leader" / "20991231-000000-000000.json")
    yield held
    held.release("")


async def test_keys_are_answered_while_the_kept_chat_is_read(
    launch, workspace, held_chat: HeldFile
) -> None:
    await workspace.choose_person(workspace.store.pair(PAIR).leader_id)
    async with launch(workspace) as run:
        await run.enter_as("leader", PAIR)
        screen = run.app.screen
        assert isinstance(screen, PrepareScreen)
        chat = screen.query_one(ChatPanel)
        await run.wait(lambda: chat.log_view.loading, "the kept chat to start loading")
        await run.wait(lambda: run.app.focused is chat.box, "the chat box in focus")
        await run.type_text("Hi")
        await run.pilot.pause()
        assert chat.box.value == "Hi"
        assert chat.log_view.loading, "the chat was read first: nothing was proved"
        kept = SavedChat(
            started_at=workspace.clock.now(),
            messages=[
                SavedMessage(role="user", content="How do I open?"),
                SavedMessage(role="assistant", content="With the goal you share."),
            ],
        )
        held_chat.release(kept.model_dump_json())
        await run.wait(lambda: len(screen.history) == 2, "the kept chat reopened", timeout=30)
        assert not chat.log_view.loading


@pytest.fixture
def held_scores(home: Path) -> Iterator[HeldFile]:
    held = HeldFile(home / "private" / "rehearsals" / f"{MENTORED}.mentor.json")
    yield held
    held.release("")


async def test_keys_are_answered_while_the_kept_scores_are_read(
    launch, workspace, held_scores: HeldFile
) -> None:
    async with launch(workspace) as run:
        await run.enter_as("mentor", MENTORED)
        screen = run.app.screen
        assert isinstance(screen, RehearseScreen)
        progress, topic = screen.query_one("#progress"), screen.query_one("#topic", Input)
        await run.wait(lambda: progress.loading, "the kept scores to start loading")
        await run.wait(lambda: run.app.focused is topic, "the topic box in focus")
        await run.type_text("late")
        await run.pilot.pause()
        assert topic.value == "late"
        assert progress.loading, "the scores were read first: nothing was proved"
        earlier = ScoredAttempt(
            at=workspace.clock.now(), persona="Dana", topic="emails", total=9, out_of=14, missed=[]
        )
        held_scores.release(TypeAdapter(list[ScoredAttempt]).dump_json([earlier]).decode())
        history = screen.query_one("#history", Static)
        await run.wait(lambda: "best 9/14" in str(history.render()), "the kept scores", timeout=30)
        assert not progress.loading
