"""Real model servers from `../shared/peers/`, started once per module for the contract tests.

The peers are found beside the repository (`../shared/peers`, as CI places a clone) or at
`RMCOACH_PEERS_DIR`. A peer that is not built, or cannot start, skips its tests with the
reason: building is `.ci/run`'s job (or `../shared/peers/llama-cpp-python` by hand), never a
test's. Each peer runs on a free loopback port and is stopped when its tests end.
"""

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOAMX = Path(__file__).resolve().parent / "noamx"


@dataclass(frozen=True)
class Peer:
    name: str
    context: int
    extra: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return " ".join([self.name, str(self.context), *self.extra])


PEERS = (
    Peer("llama-cpp-python", 2048),
    Peer("llama-cpp-python", 8192),
    Peer("llama-server", 2048, ("--no-jinja",)),  # this build turns jinja on by default
    Peer("llama-server", 2048, ("--jinja",)),
)


@dataclass(frozen=True)
class Running:
    peer: Peer
    base_url: str


def peers_dir() -> Path | None:
    named = os.environ.get("RMCOACH_PEERS_DIR")
    found = Path(named) if named else ROOT.parent / "shared" / "peers"
    return found if (found / "start").is_file() else None


def _cache() -> Path:
    return Path(os.environ.get("RMCOACH_PEERS", Path.home() / ".cache" / "rmcoach-peers"))


def _built(name: str) -> bool:
    if name == "llama-cpp-python":
        python = _cache() / "lcp" / "bin" / "python"
        return python.is_file() and _runs([str(python), "-c", "import llama_cpp.server"])
    return (_cache() / "llama.cpp" / "build" / "bin" / "llama-server").is_file()


def _runs(command: list[str]) -> bool:
    return subprocess.run(command, capture_output=True, timeout=60).returncode == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(peer: Peer) -> tuple[int, int]:
    """Start `peer` with `../shared/peers/start`: its pid and port. Skips when it cannot."""
    folder = peers_dir()
    if folder is None:
        pytest.skip("no ../shared/peers beside the repository (or RMCOACH_PEERS_DIR)")
    if not _built(peer.name):
        pytest.skip(f"{peer.label}: the peer is not built; run {folder / peer.name}")
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(NOAMX))
    extra = [*peer.extra, "--no-repack"] if peer.name == "llama-server" else list(peer.extra)
    command = [str(folder / "start"), peer.name, str(port), str(peer.context), *extra]
    # A session of its own: the peer must outlive nothing but this fixture, which stops it.
    done = subprocess.run(
        command, capture_output=True, env=env, timeout=120, text=True, start_new_session=True
    )
    if done.returncode != 0:
        pytest.skip(f"{peer.label}: could not start: {done.stderr.strip()}")
    return int(done.stdout.strip()), port


@pytest.fixture(scope="module", params=PEERS, ids=lambda peer: peer.label.replace(" ", "-"))
def peer(request: pytest.FixtureRequest) -> Iterator[Running]:
    pid, port = start(request.param)
    try:
        yield Running(request.param, f"http://127.0.0.1:{port}/v1")
    finally:
        _stop(pid)


def _stop(pid: int) -> None:
    try:
        os.kill(pid, 15)
    except ProcessLookupError:
        return
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, 9)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.peers)
