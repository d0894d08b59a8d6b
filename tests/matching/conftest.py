from pathlib import Path

import pytest

from assistant.config import MatchingWeights
from assistant.matching.vectors import PhraseVectors


@pytest.fixture
def vectors(tmp_path: Path) -> PhraseVectors:
    return PhraseVectors(tmp_path / "phrase-vectors.sqlite3")


@pytest.fixture
def weights() -> MatchingWeights:
    return MatchingWeights()
