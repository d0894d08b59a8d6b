"""Use cases on the guidance store: ingest documents into it (or index the bundled ones on
first use), search it, say what state it is in.

Ingesting embeds every new section, which takes a while: the caller passes a `progress`
callback, called from the worker thread with (sections done, sections in all), and draws it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.workspace.errors import WorkspaceError
from assistant.workspace.parts import Parts

if TYPE_CHECKING:
    # What the guidance store hands back, named here for the front ends; numpy and the
    # embedding model load with it, so only when a use case runs.
    from assistant.knowledge.documents import DocumentProblem
    from assistant.knowledge.results import GuidanceHit, IngestReport

__all__ = [
    "GuidanceHit",
    "GuidanceStatus",
    "GuidanceUseCases",
    "IngestReport",
    "NothingIngested",
    "Progress",
]

Progress = Callable[[int, int], None]
"""Told (sections embedded so far, sections to embed) as an ingest goes."""


class NothingIngested(WorkspaceError):
    """No document under the folder could be ingested; the store is as it was.

    `problems` says why each document was skipped, for the front end to show first.
    """

    def __init__(self, source: Path, problems: list[DocumentProblem]) -> None:
        if problems:
            super().__init__(f"no document under {source} could be ingested", "fix the above")
        else:
            super().__init__(f"found no *.md documents under {source}")
        self.problems = problems


@dataclass(frozen=True)
class GuidanceStatus:
    empty: bool
    """Nothing ingested yet."""
    interrupted: Path | None
    """The folder whose ingest did not finish (the store holds only part of it), if any."""

    @property
    def ready(self) -> bool:
        return not self.empty and self.interrupted is None

    @property
    def resumable(self) -> Path | None:
        """The interrupted folder, when it is still there to finish from."""
        return self.interrupted if self.interrupted and self.interrupted.is_dir() else None


class GuidanceUseCases(Parts):
    async def ingest_guidance(self, source: Path, progress: Progress | None = None) -> IngestReport:
        """Bring the store in line with the *.md documents under `source`.

        Only new or changed sections are embedded. Documents that cannot be read are skipped
        and listed in the report's problems; `NothingIngested` when none could be.
        """

        def ingest(check_in: Callable[[], None]) -> IngestReport:
            def told(done: int, total: int) -> None:
                check_in()
                if progress is not None:
                    progress(done, total)

            return self.knowledge.ingest(source, progress=told)

        # Cancelled, it stops at its next batch: unfinished, and finished by the next ingest.
        report = await self.off_loop_stoppable(ingest)
        if not report.documents_ingested:
            raise NothingIngested(source, report.problems)
        return report

    async def prepare_guidance(self) -> bool:
        """Index the bundled guidance into an empty store, or finish an interrupted ingest;
        True when it had to."""
        return await self.off_loop(self.knowledge.ensure_ingested)

    async def guidance_status(self) -> GuidanceStatus:
        return await self.off_loop(
            lambda: GuidanceStatus(self.knowledge.is_empty(), self.knowledge.unfinished_ingest())
        )

    async def guidance_sections(
        self, topic: str | None = None, audience: str | None = None
    ) -> list[GuidanceHit]:
        """Every section within the filters, in document order (score 0: listed, not searched)."""
        return await self.off_loop(lambda: self.knowledge.sections(topic, audience))

    @property
    def guidance_location(self) -> str:
        """Where the guidance store is: the programme's Chroma server, or a folder here."""
        knowledge = self.knowledge
        if knowledge.server_url:
            return f"the Chroma server at {knowledge.server_url}"
        return str(knowledge.folder)

    async def search_guidance(
        self, query: str, k: int = 5, audience: str | None = None, topic: str | None = None
    ) -> list[GuidanceHit]:
        """The `k` sections closest in meaning to `query`, best first, within the filters."""
        return await self.off_loop(lambda: self.knowledge.search(query, k, audience, topic))
