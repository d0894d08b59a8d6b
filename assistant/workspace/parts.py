"""What every use case stands on: the settings, the clock, and the parts opened on first use.

The store, the guidance and the coach import SQLAlchemy, Chroma and the model client, so they
open when first needed. `off_loop` runs blocking work in a thread and turns what the layers
below raise into `WorkspaceError`s.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from assistant.config import Settings
from assistant.workspace.clock import Clock
from assistant.workspace.errors import WorkspaceError, translated

if TYPE_CHECKING:
    from assistant.access import Identity
    from assistant.agent.coach import Coach
    from assistant.knowledge import KnowledgeBase
    from assistant.store import Store

T = TypeVar("T")


class Stopped(Exception):
    """Raised inside work run by `off_loop_stoppable` once its caller was cancelled."""


class Parts:
    def __init__(self, settings: Settings, clock: Clock) -> None:
        self.settings = settings
        self.clock = clock

    def today(self) -> date:
        return self.clock.today()

    @property
    def online(self) -> bool:
        """Whether a model answers; the coach decides it from the settings, once."""
        return self.settings.llm_configured

    @cached_property
    def store(self) -> Store:
        from assistant.store import Store

        with translated():
            return Store.open(self.settings)

    @cached_property
    def identity(self) -> Identity:
        """Who rmcoach acts for: the database login (shared store) or the person chosen on
        this machine (local store). Read once; `forget_identity` after choosing again."""
        from assistant.access import signed_in

        with translated():
            return signed_in(self.store, self.settings)

    async def signed_in(self) -> Identity:
        """`identity`, read off the event loop (it asks the database on a shared store)."""
        return await self.off_loop(lambda: self.identity)

    def forget_identity(self) -> None:
        """Read who is signed in afresh on next use (after `whoami --set` or the start screen)."""
        self.__dict__.pop("identity", None)

    def require(self, command: str | None = None) -> Identity:
        """Who is signed in, refusing `command` outside their role with `NotPermitted`.

        Without a `command`, only a shared store's login with no access at all is refused.
        The database refuses as well; this only says so early and readably.
        """
        from assistant.access import require

        identity = self.identity
        with translated():
            require(identity, command)
        return identity

    @cached_property
    def knowledge(self) -> KnowledgeBase:
        from assistant.knowledge import KnowledgeBase

        return KnowledgeBase.configured(self.settings)

    @cached_property
    def coach(self) -> Coach:
        from assistant.agent.coach import Coach

        return Coach(self.settings, self.store, self.knowledge, today=self.today)

    @property
    def coach_label(self) -> str:
        """Who answers: the model and its server, or the offline guide."""
        return self.coach.label

    async def off_loop(self, work: Callable[[], T]) -> T:
        """`work()` in a thread, so SQL, embedding and file I/O never hold up the event loop."""
        with translated():
            return await asyncio.to_thread(work)

    async def off_loop_stoppable(
        self, work: Callable[[Callable[[], None]], T], *, stopped: str | None = None
    ) -> T:
        """`off_loop` for long work that checks in as it goes: `work(check_in)`, where
        `check_in()` raises `Stopped` once the caller was cancelled (Ctrl+C, a closed app).

        A thread cannot be killed: without this, cancelled work ran on to its end unseen (a
        `demo --replace` stopped with Ctrl+C still replaced the programme); with it, the work
        stops at its next check-in and its transaction rolls back.

        Given `stopped`, a cancel waits for the work's end and says what became of it: the
        `stopped` message (a `WorkspaceError`) when the work checked in and rolled back, its
        result when it had got past its last check-in (a commit under way cannot be undone).
        """
        stop = threading.Event()

        def check_in() -> None:
            if stop.is_set():
                raise Stopped

        if stopped is None:
            try:
                return await self.off_loop(lambda: work(check_in))
            except asyncio.CancelledError:
                stop.set()
                raise
        working = asyncio.ensure_future(self.off_loop(lambda: work(check_in)))
        try:
            return await asyncio.shield(working)
        except asyncio.CancelledError:
            stop.set()
            current = asyncio.current_task()
            if current is not None:
                current.uncancel()
        try:
            return await working
        except Stopped:
            raise WorkspaceError(stopped) from None
