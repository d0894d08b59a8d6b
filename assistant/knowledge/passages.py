"""The one way a feature reads a named section of the guidance, and the one error when it is gone.

The offline guide builds plans from the sections in the guidance store (`agent/guide/`); nudges
quote the bundled documents directly (`accountability/advice.py`), so they work before the first
ingest. Both look a section up by document and heading here, and both raise `GuidanceMissing`,
which the workspace turns into one message for people.
"""

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from assistant.knowledge.chunking import split_sections
from assistant.knowledge.documents import Document, discover, read_document
from assistant.models import SourceRef


class GuidanceMissing(LookupError):
    """A section, or a sentence in one, that a feature is built on is not in the guidance."""


class Section(Protocol):
    @property
    def doc(self) -> str: ...
    @property
    def heading(self) -> str: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Passage:
    source: SourceRef
    text: str


@dataclass(frozen=True)
class _BundledSection:
    doc: str
    heading: str
    text: str


class Passages:
    """The guidance sections by document and heading path."""

    def __init__(self, sections: Iterable[Section]) -> None:
        self._texts: dict[tuple[str, str], str] = {}
        for section in sections:
            key = (section.doc, section.heading)
            # A long section arrives as several chunks under one heading: join them in order.
            known = self._texts.get(key)
            self._texts[key] = f"{known}\n\n{section.text}" if known else section.text

    def passage(self, doc: str, name: str) -> Passage:
        """The section of `doc` whose heading path is or ends with `name`, sub-sections in it.

        Sub-sections come out of the store folded into their section or as chunks of their
        own, depending on their length; either way they are read here as `### name` parts.
        """
        for (in_doc, heading), text in self._texts.items():
            if in_doc == doc and (heading == name or heading.endswith(f" > {name}")):
                below = [
                    f"### {sub.rsplit(' > ', 1)[-1]}\n{sub_text}"
                    for (sub_doc, sub), sub_text in self._texts.items()
                    if sub_doc == doc and sub.startswith(f"{heading} > ")
                ]
                return Passage(SourceRef(doc=doc, heading=heading), "\n\n".join([text, *below]))
        raise GuidanceMissing(f"{doc} has no section {name!r}")


@functools.cache
def bundled(root: Path) -> Passages:
    """The sections of the markdown documents under `root`, read once per folder."""
    sections: list[Section] = []
    for path in discover(root):
        document = read_document(path, root)
        if isinstance(document, Document):
            sections += [
                _BundledSection(document.path, section.heading, section.text)
                for section in split_sections(document)
            ]
    return Passages(sections)
