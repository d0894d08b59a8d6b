"""With a slow database, the app keeps answering keys while a glance, a plan and a chat turn load.

Every SQL statement is slowed by 300 ms (a SQLAlchemy event), as a PostgreSQL server across a
network might be, and held while the test types, so that "before the slow work has finished"
does not depend on how busy the machine is. Screens are built without the store and read
through the workspace in workers, whose SQL and searches run in threads, so the event loop stays
free: text typed meanwhile appears at once.
"""

import threading
import time

import pytest
from sqlalchemy import event

from assistant.tui.screens.prepare import PrepareScreen
from assistant.tui.widgets.chat_panel import ChatPanel
from assistant.tui.widgets.plan_panel import PlanPanel

QUERY_SECONDS = 0.3
PAIR = "P-006"


class SlowStore:
    """Each query sleeps 300 ms, and waits while the test holds the store (at most 30 s)."""

    def __init__(self) -> None:
        self.open = threading.Event()

    def __call__(self, *_args: object) -> None:
        self.open.wait(timeout=30)
        time.sleep(QUERY_SECONDS)


@pytest.fixture
def slow_store(workspace):
    slow = SlowStore()
    slow.open.set()
    event.listen(workspace.store.engine, "before_cursor_execute", slow)
    yield slow
    slow.open.set()
    event.remove(workspace.store.engine, "before_cursor_execute", slow)


async def _typed_while_held(run, slow: SlowStore, box, text: str, still_loading) -> None:
    """With the store held, type `text`, see it in the box while `still_loading()`; release."""
    slow.open.clear()
    before = box.value
    await run.type_text(text)
    await run.pilot.pause()
    assert box.value == before + text
    assert still_loading(), "the slow work finished first: nothing was proved"
    slow.open.set()


async def test_keys_are_answered_while_a_glance_a_plan_and_a_chat_turn_load(
    launch, workspace, slow_store
) -> None:
    # Chosen before: the start screen then needs the store for nothing.
    await workspace.choose_person(workspace.store.pair(PAIR).leader_id)
    async with launch(workspace) as run:
        await run.wait(
            lambda: run.app.screen.query("#pairs") and run.one("#pairs").option_count, "the pairs"
        )
        slow_store.open.clear()  # Prepare is built and shown with the store held
        await run.enter_as("leader", PAIR)
        screen = run.app.screen
        assert isinstance(screen, PrepareScreen)
        chat, plan = screen.query_one(ChatPanel), screen.query_one(PlanPanel)
        glance = screen.query_one("#glance")
        await run.wait(lambda: run.app.focused is chat.box, "the chat box in focus")
        await run.wait(lambda: glance.loading, "the glance to start loading")
        await _typed_while_held(run, slow_store, chat.box, "Hi", lambda: glance.loading)
        await run.wait(lambda: screen.glance is not None, "the glance", timeout=60)
        chat.box.value = ""

        await run.wait(lambda: plan.plan is not None and not plan.loading, "the first plan")
        slow_store.open.clear()
        await run.press("ctrl+g")  # a plan drafted anew, with the store held
        await run.wait(lambda: plan.loading, "the plan to start loading")
        await _typed_while_held(run, slow_store, chat.box, "Hello", lambda: plan.loading)
        await run.wait(lambda: not plan.loading, "the plan", timeout=60)

        chat.box.value = "What should I raise first?"
        slow_store.open.clear()
        await run.press("enter")
        await run.wait(lambda: chat.busy, "the turn to start")
        await _typed_while_held(run, slow_store, chat.box, "next", lambda: chat.busy)
        await run.wait(lambda: not chat.busy, "the reply", timeout=60)
