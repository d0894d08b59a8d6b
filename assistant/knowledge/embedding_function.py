"""The local e5 embedder, registered with Chroma under its own name.

A persisted Chroma collection records the name of the function that embedded it and refuses to
reopen without a function of that name registered; Chroma's default one would try to download a
model. Registering this one lets the store reopen fully offline.
"""

from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

from assistant.embeddings import MODEL_NAME, MODEL_SHA256, embedder


@register_embedding_function
class E5EmbeddingFunction(EmbeddingFunction[Documents]):
    def __init__(self) -> None:
        # The model loads on first use, not here: Chroma builds this when it opens a collection.
        pass

    def __call__(self, input: Documents) -> Embeddings:
        return list(embedder().passages(input))

    def embed_query(self, input: Documents) -> Embeddings:
        return list(embedder().queries(input))

    @staticmethod
    def name() -> str:
        return "rmcoach-e5"

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        return {"model": MODEL_NAME, "sha256": MODEL_SHA256}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "E5EmbeddingFunction":
        # The collection's name carries the model's hash, so a config here always matches.
        return E5EmbeddingFunction()
