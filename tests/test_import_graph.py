"""Each command imports only what it needs: the heavy libraries load where they are used."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Runs one command in a fresh interpreter, then prints the heavy modules it loaded.
_PROBE = """
import sys
from assistant.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
finally:
    heavy = ("openai", "chromadb", "textual", "sqlalchemy", "yaml")
    heavy += ("assistant.models", "assistant.llm")
    print("LOADED", *sorted(name for name in heavy if name in sys.modules))
"""


def loaded_by(*argv: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("LOADED"), result.stdout
    return set(last.split()[1:])


@pytest.fixture
def guided_home(isolated_home: Path, guidance_home: Path) -> Path:
    shutil.copytree(guidance_home / "knowledge", isolated_home / "knowledge")
    return isolated_home


def test_the_offline_guide_answers_without_openai_chromadb_or_textual(guided_home: Path) -> None:
    loaded = loaded_by("ask", "How do I invite candid feedback?", "--as", "leader")
    assert not loaded & {"openai", "chromadb", "textual"}


def test_a_feedback_check_needs_neither_the_model_nor_the_guidance() -> None:
    loaded = loaded_by("rehearse", "--check", "You always cut juniors off in meetings.")
    assert not loaded & {"openai", "chromadb", "textual"}


def test_an_offline_feedback_check_loads_no_prompts_model_errors_or_domain_models() -> None:
    # The rubric alone scores it; the workspace's other use cases keep their imports to
    # themselves (each costs this one-sentence command CPU time: 0.17 s before the workspace).
    loaded = loaded_by("rehearse", "--check", "You always cut juniors off in meetings.")
    assert not loaded & {"yaml", "assistant.models", "assistant.llm"}


def test_a_report_reads_the_store_alone(isolated_home: Path) -> None:
    loaded = loaded_by("report", "--format", "json")
    assert "sqlalchemy" in loaded
    assert not loaded & {"openai", "chromadb", "textual"}
