"""Every test runs against its own folders and no outside network."""

import os
import shutil
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

_LOOPBACK_PREFIXES = ("127.", "::1", "localhost")


class NetworkAccessError(AssertionError):
    """A test (or the code under test) tried to reach beyond this machine."""


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every data and config folder at tmp and forget any model server of the developer's."""
    for name in list(os.environ):
        if name.startswith("RMCOACH_") or name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
            monkeypatch.delenv(name)
    home = tmp_path / "rmcoach-home"
    monkeypatch.setenv("RMCOACH_HOME", str(home))
    monkeypatch.setenv("RMCOACH_CONFIG", str(tmp_path / "no-config.toml"))
    return home


@pytest.fixture(autouse=True)
def no_outside_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Fail any connection that is not to loopback; tests may inspect the attempts."""
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def guarded_connect(sock: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if sock.family == socket.AF_UNIX or str(host).startswith(_LOOPBACK_PREFIXES):
            return real_connect(sock, address)
        attempts.append(address)
        raise NetworkAccessError(f"network access to {address!r} attempted during a test")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    yield attempts


SCRIPTED_LLM_KEY = "sk-scripted-test-key-0123456789"


@pytest.fixture
def scripted_llm(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """A scripted OpenAI-compatible server on 127.0.0.1 that OPENAI_BASE_URL/OPENAI_API_KEY name.

    Queue replies and faults on it (see tests/scripted_openai.py); `Settings()` then talks to it.
    """
    from scripted_openai import ScriptedOpenAI

    with ScriptedOpenAI() as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", SCRIPTED_LLM_KEY)
        yield server


@pytest.fixture(scope="session")
def guidance_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home whose guidance store holds the bundled documents, ingested once per session (slow).

    Read it through `KnowledgeBase(guidance_home)`, or copy its `knowledge` folder into a test's
    home; never write to it.
    """
    from assistant.knowledge import KnowledgeBase

    home = tmp_path_factory.mktemp("guidance-home")
    with pytest.MonkeyPatch.context() as patch:
        # Session fixtures run before the per-test home is set: keep the tokenizer cache in tmp.
        patch.setenv("RMCOACH_HOME", str(home))
        report = KnowledgeBase(home).ingest()
    assert not report.problems, [str(problem) for problem in report.problems]
    return home


DEMO_TODAY = date(2026, 11, 20)
"""The demo programme's today: the app's tests and the workspace's use-case tests act as of it."""


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory, guidance_home: Path) -> Path:
    """A home with the demo programme and the indexed guidance, built once per session."""
    from assistant.config import Settings
    from assistant.demo import generate, write_programme
    from assistant.reports import build_report
    from assistant.reports.feedback import cached_embedder
    from assistant.store import Store

    home = tmp_path_factory.mktemp("seeded-home")
    store = Store.open(Settings(home=home, database_url=None))
    write_programme(store, generate(today=DEMO_TODAY))
    # Embed the feedback passages once, into the template's cache: every Review then starts warm.
    build_report(store, today=DEMO_TODAY, embed=cached_embedder(home))
    store.engine.dispose()
    shutil.copytree(guidance_home / "knowledge", home / "knowledge")
    return home


@pytest.fixture
def home(seeded_template: Path, isolated_home: Path) -> Path:
    """This test's home, a copy of the seeded template."""
    shutil.copytree(seeded_template, isolated_home, dirs_exist_ok=True)
    return isolated_home
