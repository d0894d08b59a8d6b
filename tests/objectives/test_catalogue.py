from pathlib import Path

import pytest

from assistant import locations
from assistant.knowledge.chunking import split_sections
from assistant.knowledge.documents import Document, discover, read_document
from assistant.models import OBJECTIVE_KINDS
from assistant.objectives.catalogue import (
    CatalogueError,
    bundled_catalogue,
    custom_objective_id,
    load_catalogue,
)


def test_every_kind_has_at_least_two_templates_with_criteria_and_topics() -> None:
    catalogue = bundled_catalogue()
    for kind in OBJECTIVE_KINDS:
        templates = catalogue.of_kind(kind)
        assert len(templates) >= 2, kind
        for template in templates:
            assert 1 <= len(template.success_criteria) <= 4
            assert template.session_topics


def test_every_template_cites_a_section_that_exists_in_the_guidance() -> None:
    root = locations.bundled_knowledge()
    headings: dict[str, set[str]] = {}
    for path in discover(root):
        document = read_document(path, root)
        assert isinstance(document, Document)
        headings[document.path] = {section.heading for section in split_sections(document)}
    for template in bundled_catalogue().templates:
        assert template.guidance.heading in headings.get(template.guidance.doc, set()), template.id


def test_the_catalogue_is_never_read_as_guidance() -> None:
    root = locations.bundled_knowledge()
    catalogue_folder = root / "catalogue"
    assert (catalogue_folder / "objectives.yaml").is_file()
    assert not [p for p in discover(root) if catalogue_folder in p.parents]


def test_a_template_becomes_an_objective_not_yet_started() -> None:
    objective = bundled_catalogue().get("df-generative-ai").objective()
    assert objective.id == "df-generative-ai" and objective.kind == "digital-fluency"
    assert objective.progress == 0 and len(objective.success_criteria) == 3


def test_an_unknown_template_names_the_ones_there_are() -> None:
    with pytest.raises(CatalogueError, match="no objective template 'nope'; templates: df-"):
        bundled_catalogue().get("nope")


def test_a_bad_catalogue_names_the_template_and_field(tmp_path: Path) -> None:
    path = tmp_path / "objectives.yaml"
    path.write_text(
        "templates:\n"
        "  - id: ok-one\n    kind: inclusion\n    title: Fine\n"
        "    success_criteria: [a]\n    session_topics: [b]\n"
        "    guidance: {doc: objectives.md, heading: X}\n"
        "  - id: bad-one\n    kind: hobbies\n    title: Broken\n"
        "    success_criteria: []\n    session_topics: [b]\n"
        "    guidance: {doc: objectives.md, heading: X}\n"
    )
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(path)
    message = str(raised.value)
    assert "templates[1] (bad-one).kind: " in message
    assert "templates[1] (bad-one).success_criteria: " in message


def test_an_unreadable_catalogue_says_where(tmp_path: Path) -> None:
    path = tmp_path / "objectives.yaml"
    path.write_text("templates: [unclosed\n")
    with pytest.raises(CatalogueError, match="objectives.yaml: cannot be read"):
        load_catalogue(path)


def test_own_objectives_get_readable_unique_ids() -> None:
    title = "Understand how customers under 30 find us online, and why"
    assert custom_objective_id(title, set()) == "understand-how-customers-under-30-find"
    assert custom_objective_id("Learn Excel", {"learn-excel"}) == "learn-excel-2"
