"""RMCOACH_CHROMA_URL: one guidance store on a real Chroma server (`chroma run`), shared by all."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as reply:
            return reply.status == 200
    except OSError:
        return False


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    if chroma is None:
        pytest.skip("the chroma command (from the chromadb package) is not installed")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {"ANONYMIZED_TELEMETRY": "False"}
    command = [chroma, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1"]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):  # a condition, not a timing: wait until it answers
            if _up(url) or server.poll() is not None:
                break
            time.sleep(0.1)
        assert _up(url), "chroma run did not start"
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_handbook_ingested_once_is_found_from_another_home(
    docs: Path, chroma_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RMCOACH_CHROMA_URL", chroma_server)
    ingested = CliRunner().invoke(main, ["knowledge", "ingest", str(docs)])
    assert ingested.exit_code == 0, ingested.output
    assert not (Path(os.environ["RMCOACH_HOME"]) / "knowledge" / "chroma.sqlite3").exists()
    monkeypatch.setenv("RMCOACH_HOME", str(tmp_path / "someone-else"))
    found = CliRunner().invoke(main, ["knowledge", "search", "closing the programme", "--json"])
    assert found.exit_code == 0, found.output
    hits = json.loads(found.output)
    assert hits and hits[0]["doc"] == "closing.md"


def test_an_unreachable_server_is_one_line_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RMCOACH_CHROMA_URL", f"http://127.0.0.1:{_free_port()}")
    result = CliRunner().invoke(main, ["knowledge", "search", "feedback"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "RMCOACH_CHROMA_URL" in result.output and "chroma run" in result.output
