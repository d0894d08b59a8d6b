"""A seeded programme with indexed guidance, built once and copied into each test's home."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from conftest import DEMO_TODAY

from assistant.config import load_settings
from assistant.tui.app import RmcoachApp
from assistant.workspace.clock import Clock
from assistant.workspace.workspace import Workspace

from .driver import Driver

TODAY = DEMO_TODAY
"""Every screen's today: the demo is generated for it, so snapshots and reports stay put."""


@pytest.fixture
def workspace(home: Path) -> Workspace:
    """Offline (no model configured) over the seeded programme."""
    return Workspace(load_settings(), Clock(TODAY))


@pytest.fixture
def online_workspace(home: Path, scripted_llm: object) -> Workspace:
    """Its coach talks to the scripted OpenAI-compatible server."""
    return Workspace(load_settings(), Clock(TODAY))


Launch = Callable[..., "AsyncIterator[Driver]"]


@pytest.fixture
def launch() -> Launch:
    """`async with launch(workspace, size=(100, 32)) as run:` the app under a pilot."""

    @asynccontextmanager
    async def run(
        workspace: Workspace | None, size: tuple[int, int] = (100, 32)
    ) -> AsyncIterator[Driver]:
        app = RmcoachApp(workspace, clock=Clock(TODAY))
        driver = Driver(app)
        async with app.run_test(size=size, message_hook=driver.record) as pilot:
            driver.pilot = pilot
            # Both start-up workers finish first, so the header no longer changes under a test.
            await driver.wait(app.guidance_ready.is_set, "programme open and guidance indexed")
            yield driver
            await pilot.pause()

    return run
