"""Search returns the closest sections best first, filtered by audience and topic."""

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.knowledge import KnowledgeBase


@pytest.fixture
def filled(kb: KnowledgeBase, docs: Path) -> KnowledgeBase:
    kb.ingest(docs)
    return kb


def test_the_closest_section_comes_first(filled: KnowledgeBase) -> None:
    hits = filled.search("should a mentor be paired with their own manager?", k=3)
    assert len(hits) == 3
    assert hits[0].heading == "Matching pairs > Reporting lines"
    assert hits[0].doc == "matching.md" and hits[0].title == "Matching pairs"
    assert hits[0].topics == ["matching"] and hits[0].audience == ["coordinator"]
    assert "reporting line" in hits[0].text
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert 0 < hits[-1].score <= hits[0].score <= 1


def test_filters_keep_only_matching_sections(filled: KnowledgeBase) -> None:
    for_mentors = filled.search("pairing people", k=10, audience="mentor")
    assert for_mentors and all("mentor" in hit.audience for hit in for_mentors)
    on_closing = filled.search("pairing people", k=10, topic="closing")
    assert on_closing and {hit.doc for hit in on_closing} == {"closing.md"}
    assert filled.search("pairing people", audience="coordinator", topic="closing") == []


def test_unknown_filter_values_are_refused(filled: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="unknown topic 'gossip'"):
        filled.search("anything", topic="gossip")
    with pytest.raises(ValueError, match="unknown audience"):
        filled.search("anything", audience="sponsor")


def test_an_empty_store_or_query_finds_nothing(kb: KnowledgeBase, filled: KnowledgeBase) -> None:
    assert KnowledgeBase(kb.folder.parent / "elsewhere").search("feedback") == []
    assert filled.search("   ") == []


def test_sections_lists_chunks_in_document_order(filled: KnowledgeBase) -> None:
    headings = [hit.heading for hit in filled.sections(audience="mentor")]
    assert headings == [
        "Closing well > The last session",
        "Feedback upward",
        "Feedback upward > The SBI model",
        "Feedback upward > Managing nerves",
    ]
    assert {hit.score for hit in filled.sections()} == {0.0}


def test_has_section_checks_cited_sources(filled: KnowledgeBase) -> None:
    assert filled.has_section("feedback.md", "Feedback upward > The SBI model")
    assert not filled.has_section("feedback.md", "Feedback upward > Made up")
    assert not filled.has_section("matching.md", "Feedback upward > The SBI model")
    assert filled.has_section("matching.md", "Matching pairs")  # a heading with only subsections
    assert not filled.has_section("matching.md", "Matching")


def test_a_fresh_process_reopens_the_store_offline(
    filled: KnowledgeBase, isolated_home: Path
) -> None:
    script = (
        "import sys; from pathlib import Path; from assistant.knowledge import KnowledgeBase; "
        "print(KnowledgeBase(Path(sys.argv[1])).search('closing the programme', k=1)[0].doc)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(isolated_home)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "closing.md"
