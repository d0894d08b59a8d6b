"""Ingest and search run with no network at all: no download, no telemetry."""

import os
from pathlib import Path

from assistant import embeddings
from assistant.knowledge import KnowledgeBase


def test_ingest_and_search_attempt_no_connection(
    isolated_home: Path, docs: Path, no_outside_network: list[object]
) -> None:
    embeddings.embedder.cache_clear()  # load and verify the model under the guard too
    kb = KnowledgeBase(isolated_home)
    report = kb.ingest(docs)
    hits = kb.search("how do I give honest feedback to a senior leader?")
    assert report.documents_ingested == 3 and hits
    assert no_outside_network == []


def test_telemetry_is_switched_off_before_anything_loads() -> None:
    assert os.environ["ANONYMIZED_TELEMETRY"] == "False"
    assert os.environ["ORT_DISABLE_TELEMETRY"] == "1"
    assert os.environ["HF_HUB_OFFLINE"] == "1"
