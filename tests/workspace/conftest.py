"""A workspace over a seeded demo programme with indexed guidance, on a fixed today.

The programme and the guidance are built once per session and copied into each test's home.
"""

import shutil
from datetime import date
from pathlib import Path

import pytest

from assistant.config import Settings, load_settings
from assistant.demo import generate, write_programme
from assistant.store import Store
from assistant.workspace.clock import Clock
from assistant.workspace.workspace import Workspace

TODAY = date(2026, 11, 20)
PAIR = "P-006"


@pytest.fixture(scope="session")
def seeded_workspace_home(tmp_path_factory: pytest.TempPathFactory, guidance_home: Path) -> Path:
    home = tmp_path_factory.mktemp("workspace-home")
    store = Store.open(Settings(home=home, database_url=None))
    write_programme(store, generate(today=TODAY))
    store.engine.dispose()
    shutil.copytree(guidance_home / "knowledge", home / "knowledge")
    return home


@pytest.fixture
def home(seeded_workspace_home: Path, isolated_home: Path) -> Path:
    shutil.copytree(seeded_workspace_home, isolated_home, dirs_exist_ok=True)
    return isolated_home


@pytest.fixture
def workspace(home: Path) -> Workspace:
    """Offline (no model configured), on TODAY."""
    return Workspace(load_settings(), Clock(TODAY))


@pytest.fixture
def online_workspace(home: Path, scripted_llm: object) -> Workspace:
    """Its coach talks to the scripted OpenAI-compatible server."""
    return Workspace(load_settings(), Clock(TODAY))
