"""A seeded programme with indexed guidance, built once and copied into each test's home."""

import shutil
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path

import pytest

from assistant.config import Settings, load_settings
from assistant.demo import generate, write_programme
from assistant.reports import build_report
from assistant.reports.feedback import cached_embedder
from assistant.store import Store
from assistant.tui.app import RmcoachApp
from assistant.tui.services import Services

from .driver import Driver

TODAY = date(2026, 11, 20)
"""Every screen's today: the demo is generated for it, so snapshots and reports stay put."""


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory, guidance_home: Path) -> Path:
    home = tmp_path_factory.mktemp("seeded-home")
    store = Store.open(Settings(home=home, database_url=None))
    write_programme(store, generate(today=TODAY))
    # Embed the feedback passages once, into the template's cache: every Review then starts warm.
    build_report(store, today=TODAY, embed=cached_embedder(home))
    store.engine.dispose()
    shutil.copytree(guidance_home / "knowledge", home / "knowledge")
    return home


@pytest.fixture
def home(seeded_template: Path, isolated_home: Path) -> Path:
    shutil.copytree(seeded_template, isolated_home, dirs_exist_ok=True)
    return isolated_home


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
