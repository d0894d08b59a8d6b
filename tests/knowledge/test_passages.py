"""One passage extractor: the offline guide and the nudges find, and miss, sections alike."""

from pathlib import Path

import pytest

from assistant.accountability.advice import advice
from assistant.agent.guide.guidebook import Guidebook
from assistant.cli.errors import render
from assistant.knowledge.passages import GuidanceMissing, bundled
from assistant.workspace.errors import GuidanceIncomplete, translated

DOC = (
    "---\ntitle: Commitments and follow-through\naudience: [coordinator]\n"
    "topics: [accountability]\n---\n\n# Commitments and follow-through\n\n"
    "## Opening each session with commitments\n\n"
    "- **Check in** (5 min): what each promised.\n\n"
    "### Example nudge messages\n\nKeep it shorter 30-minute session today.\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "accountability.md").write_text(DOC, encoding="utf-8")
    return tmp_path


def test_a_section_is_found_by_the_end_of_its_heading_path_with_its_sub_sections(
    folder: Path,
) -> None:
    passage = bundled(folder).passage("accountability.md", "Opening each session with commitments")
    assert passage.source.heading == (
        "Commitments and follow-through > Opening each session with commitments"
    )
    assert passage.text.splitlines()[0] == "- **Check in** (5 min): what each promised."
    assert "### Example nudge messages\nKeep it shorter 30-minute session today." in passage.text


@pytest.mark.parametrize(
    "missing",
    [
        lambda root: Guidebook([]).agenda("closing"),
        lambda root: advice("poor-fit", root=root),
    ],
    ids=["offline guide", "nudge"],
)
def test_a_missing_section_is_one_error_that_reaches_people_with_what_to_do(
    folder: Path, missing
) -> None:
    with pytest.raises(GuidanceIncomplete) as raised, translated():
        missing(folder)
    assert isinstance(raised.value.__cause__, GuidanceMissing)
    assert " has no section " in raised.value.message
    assert (
        raised.value.hint
        == "restore the bundled guidance document, then rebuild the guidance store"
    )
    assert render(raised.value).endswith(
        "; restore the bundled guidance document, then run `rmcoach knowledge ingest`"
    ), "the commands name the command that rebuilds it"
