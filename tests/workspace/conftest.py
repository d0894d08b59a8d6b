"""A workspace over the seeded demo programme with indexed guidance (see tests/conftest.py),
on the demo's fixed today."""

from pathlib import Path

import pytest
from conftest import DEMO_TODAY

from assistant.config import load_settings
from assistant.workspace.clock import Clock
from assistant.workspace.workspace import Workspace

TODAY = DEMO_TODAY
PAIR = "P-006"


@pytest.fixture
def workspace(home: Path) -> Workspace:
    """Offline (no model configured), on TODAY."""
    return Workspace(load_settings(), Clock(TODAY))


@pytest.fixture
def online_workspace(home: Path, scripted_llm: object) -> Workspace:
    """Its coach talks to the scripted OpenAI-compatible server."""
    return Workspace(load_settings(), Clock(TODAY))
