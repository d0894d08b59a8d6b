"""Schemas built once are the schemas pydantic gives, and no caller can spoil them for the next."""

from pydantic import BaseModel, Field

from assistant.llm.schemas import json_schema


class Inner(BaseModel):
    label: str = Field(description="A label.")


class Outer(BaseModel):
    inner: Inner
    count: int = Field(default=3, ge=1)


def test_the_schema_is_the_one_pydantic_builds_with_its_key_order():
    schema = json_schema(Outer)

    assert schema == Outer.model_json_schema()
    assert list(schema) == list(Outer.model_json_schema())


def test_changing_a_returned_schema_leaves_the_next_one_untouched():
    json_schema(Outer)["properties"]["count"]["minimum"] = 99
    json_schema(Outer)["$defs"].clear()

    assert json_schema(Outer) == Outer.model_json_schema()
