import re
from pathlib import Path

import pytest

from assistant import locations
from assistant.accountability.advice import ADVICE, advice
from assistant.knowledge.passages import GuidanceMissing


@pytest.mark.parametrize("kind", sorted(ADVICE))
def test_each_kind_quotes_its_cited_section_word_for_word(kind: str) -> None:
    source, quoted = advice(kind)  # type: ignore[arg-type]
    document = (locations.bundled_knowledge() / source.doc).read_text(encoding="utf-8")
    section = document.split(f"## {source.heading.rsplit(' > ', 1)[1]}\n", 1)[1].split("\n## ")[0]
    sentences = re.split(r"(?<=[.?!]) ", quoted)
    assert len(sentences) == len(ADVICE[kind].markers)  # type: ignore[index]
    for sentence in sentences:
        assert sentence in section


def test_guidance_that_lost_its_section_is_reported_by_name(tmp_path: Path) -> None:
    (tmp_path / "accountability.md").write_text(
        "---\ntitle: Commitments and follow-through\naudience: [coordinator]\n"
        "topics: [accountability]\n---\n\n# Commitments and follow-through\n\n## Other\n\nText.\n"
    )
    with pytest.raises(GuidanceMissing, match="accountability.md has no section"):
        advice("overdue-session", root=tmp_path)


def test_guidance_that_lost_the_quoted_sentence_is_reported_by_name(tmp_path: Path) -> None:
    (tmp_path / "accountability.md").write_text(
        "---\ntitle: Commitments and follow-through\naudience: [coordinator]\n"
        "topics: [accountability]\n---\n\n# Commitments and follow-through\n\n"
        "## Example nudge messages\n\nBe kind.\n"
    )
    with pytest.raises(GuidanceMissing, match="no sentence with 'shorter 30-minute session'"):
        advice("overdue-session", root=tmp_path)
