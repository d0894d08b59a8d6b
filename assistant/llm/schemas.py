"""The JSON schemas of pydantic models, as sent to the model with every request that needs one.

Pydantic rebuilds a schema on each `model_json_schema()` call (milliseconds for a nested model,
every round of every turn), yet the models never change while the app runs: build each once.
"""

import functools
import json
from typing import Any

from pydantic import BaseModel


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """`model.model_json_schema()`, as a fresh dict the caller may change."""
    return json.loads(_schema_text(model))


@functools.cache
def _schema_text(model: type[BaseModel]) -> str:
    return json.dumps(model.model_json_schema())


def schema_rule(schema: type[BaseModel]) -> str:
    """The instruction every structured request carries; callers add it before fitting the prompt,
    so the budget counts it (a schema can take a few hundred tokens)."""
    return (
        "Reply with one JSON object only: no prose, no code fences. It must match this JSON "
        f"schema:\n{json.dumps(json_schema(schema), separators=(',', ':'))}"
    )
