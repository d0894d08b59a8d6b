"""Settings aimed at the scripted model server, with timeouts short enough for tests."""

from collections.abc import Callable
from typing import Any

import pytest

from assistant.config import Settings


@pytest.fixture
def make_settings(scripted_llm: Any) -> Callable[..., Settings]:
    """Settings from the environment the scripted server set; keyword arguments override."""

    def make(**overrides: Any) -> Settings:
        return Settings(**({"llm_timeout_seconds": 2.0, "llm_max_retries": 2} | overrides))

    return make
