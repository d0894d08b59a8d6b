"""A seeded programme with indexed guidance, built once and copied into each test's home."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from conftest import DEMO_TODAY

from assistant.config import load_settings
from assistant.tui.app import RmcoachApp
from assistant.tui.services import Services

from .driver import Driver

TODAY = DEMO_TODAY
"""Every screen's today: the demo is generated for it, so snapshots and reports stay put."""


@pytest.fixture
def services(home: Path) -> Services:
    """Offline services (no model configured) over the seeded programme."""
    return Services.open(load_settings(), TODAY)


@pytest.fixture
def online_services(home: Path, scripted_llm: object) -> Services:
    """Services whose coach talks to the scripted OpenAI-compatible server."""
    return Services.open(load_settings(), TODAY)


Launch = Callable[..., "AsyncIterator[Driver]"]


@pytest.fixture
def launch() -> Launch:
    """`async with launch(services, size=(100, 32)) as run:` the app under a pilot."""

    @asynccontextmanager
    async def run(
        services: Services | None, size: tuple[int, int] = (100, 32)
    ) -> AsyncIterator[Driver]:
        app = RmcoachApp(services, today=TODAY)
        driver = Driver(app)
        async with app.run_test(size=size, message_hook=driver.record) as pilot:
            driver.pilot = pilot
            # Both start-up workers finish first, so the header no longer changes under a test.
            await driver.wait(app.guidance_ready.is_set, "services open and guidance indexed")
            yield driver
            await pilot.pause()

    return run
