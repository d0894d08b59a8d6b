"""Small guidance folders written per test, and the bundled knowledge ingested once per session."""

from pathlib import Path

import pytest

from assistant.knowledge import KnowledgeBase


def write_doc(
    folder: Path,
    name: str,
    title: str,
    body: str,
    topics: str = "[feedback]",
    audience: str = "[leader, mentor]",
) -> Path:
    """A guidance document with valid front matter; `body` is the markdown after it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        f"---\ntitle: {title}\naudience: {audience}\ntopics: {topics}\n---\n\n{body}\n",
        encoding="utf-8",
    )
    return path


FEEDBACK_BODY = """# Feedback upward

Short notes for mentors giving honest feedback to a senior leader.

## The SBI model

Describe the situation, the behaviour you saw and its impact, then make one clear request.

## Managing nerves

Rehearse the first sentence aloud, and remember the leader asked for your honest view.
"""

MATCHING_BODY = """# Matching pairs

## Reporting lines

Never pair a mentor with a leader in their own reporting line.

## Uneven cohorts

When there are more leaders than mentors, recruit more mentors before doubling anyone up.
"""

CLOSING_BODY = """# Closing well

## The last session

Review objectives against success criteria, thank each other and agree what continues.
"""


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """Three small, valid documents: cheap to embed."""
    folder = tmp_path / "docs"
    write_doc(
        folder,
        "feedback.md",
        "Feedback upward",
        FEEDBACK_BODY,
        "[feedback, psychological-safety]",
        "[mentor]",
    )
    write_doc(folder, "matching.md", "Matching pairs", MATCHING_BODY, "[matching]", "[coordinator]")
    write_doc(folder, "closing.md", "Closing well", CLOSING_BODY, "[closing]", "[leader, mentor]")
    return folder


@pytest.fixture
def kb(isolated_home: Path) -> KnowledgeBase:
    return KnowledgeBase(isolated_home)


@pytest.fixture
def bundled_kb(guidance_home: Path) -> KnowledgeBase:
    """The whole bundled knowledge base, ingested once per session (read only)."""
    return KnowledgeBase(guidance_home)
