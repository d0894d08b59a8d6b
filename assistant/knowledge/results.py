"""What the knowledge base hands back: search hits and ingest reports."""

from pydantic import BaseModel, computed_field

from assistant.knowledge.documents import DocumentProblem


class GuidanceHit(BaseModel):
    """One chunk of guidance, citable by its document and heading path."""

    doc: str
    """Path relative to the knowledge root, e.g. "giving-feedback-upward.md"."""
    title: str
    heading: str
    """Heading path, e.g. "Giving candid feedback upward > The SBI model plus a request"."""
    topics: list[str]
    audience: list[str]
    score: float
    """Cosine similarity to the query, higher is better; 0 when listed rather than searched."""
    text: str


class IngestReport(BaseModel):
    """What one ingest changed. The four counts are documents; the chunk counts show the work."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    chunks_embedded: int = 0
    chunks_deleted: int = 0
    chunks_precomputed: int = 0
    """Of the chunks embedded, how many came with the bundled guidance's shipped vectors."""
    problems: list[DocumentProblem] = []

    @computed_field  # type: ignore[prop-decorator]
    @property
    def documents_ingested(self) -> int:
        """Documents now in the store as they are on disk."""
        return self.added + self.updated + self.unchanged
