"""Guidance retrieval: the knowledge documents, chunked, embedded locally and searched.

Importing this package is cheap; Chroma and the embedding model load on first use.
"""

from assistant.knowledge.documents import DocumentProblem
from assistant.knowledge.results import GuidanceHit, IngestReport
from assistant.knowledge.store import KnowledgeBase

__all__ = ["DocumentProblem", "GuidanceHit", "IngestReport", "KnowledgeBase"]
