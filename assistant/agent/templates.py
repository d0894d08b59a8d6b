"""Prompt templates: one markdown file per prompt in `prompts/`, with named variables.

A file opens with YAML front matter declaring its variables, then the body uses them as
`{name}`; literal braces are written `{{` and `}}`. Rendering with a variable missing, or one the
prompt does not declare, is an error: a blank in a prompt silently changes what the model is
told, so it must never happen quietly.
"""

import functools
import string
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant import locations

_FRONT_MATTER = "---"


class PromptError(ValueError):
    """A prompt file is malformed, or was rendered with the wrong variables."""


class MissingPromptVariable(PromptError):
    pass


class UnknownPromptVariable(PromptError):
    pass


class _FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    variables: list[str] = Field(default=[])
    description: str = ""


class PromptTemplate(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    description: str
    variables: tuple[str, ...]
    body: str

    def render(self, **values: object) -> str:
        missing = [name for name in self.variables if name not in values]
        if missing:
            raise MissingPromptVariable(f"prompt {self.name!r} needs {_listed(missing)}")
        unknown = sorted(set(values) - set(self.variables))
        if unknown:
            raise UnknownPromptVariable(
                f"prompt {self.name!r} has no variable {_listed(unknown)}; "
                f"it takes {_listed(self.variables)}"
            )
        return self.body.format_map({name: str(value) for name, value in values.items()})


def _listed(names: list[str] | tuple[str, ...]) -> str:
    return ", ".join(repr(name) for name in names) or "none"


def _placeholders(body: str, where: Path) -> set[str]:
    """The names a body uses; anything but a plain `{name}` is refused."""
    try:
        parts = [(field, spec, conv) for _, field, spec, conv in string.Formatter().parse(body)]
    except ValueError as error:
        raise PromptError(f"{where}: {error}; write literal braces as '{{{{' and '}}}}'") from None
    fields = {field for field, _, _ in parts if field is not None}
    for field, spec, conv in parts:
        if field is not None and (spec or conv or not field.isidentifier()):
            raise PromptError(f"{where}: placeholder {{{field}}} must be a plain {{name}}")
    return fields


def parse_prompt(name: str, text: str, where: Path) -> PromptTemplate:
    """A template from a prompt file's text; `where` names the file in errors."""
    head, sep, body = text.partition(f"\n{_FRONT_MATTER}\n")
    if not text.startswith(_FRONT_MATTER + "\n") or not sep:
        raise PromptError(
            f"{where}: a prompt starts with '---' front matter declaring its variables"
        )
    try:
        front = _FrontMatter.model_validate(yaml.safe_load(head[len(_FRONT_MATTER) :]) or {})
    except (yaml.YAMLError, ValidationError) as error:
        raise PromptError(f"{where}: bad front matter: {error}") from None
    used = _placeholders(body, where)
    declared = set(front.variables)
    if used != declared:
        undeclared, unused = sorted(used - declared), sorted(declared - used)
        raise PromptError(
            f"{where}: the body uses {_listed(undeclared)} without declaring them and declares "
            f"{_listed(unused)} without using them; make `variables:` match the body"
        )
    return PromptTemplate(
        name=name,
        description=front.description,
        variables=tuple(front.variables),
        body=body.strip(),
    )


@functools.cache
def load_prompt(name: str) -> PromptTemplate:
    """The bundled prompt `prompts/<name>.md`."""
    path = locations.bundled_prompts() / f"{name}.md"
    if not path.is_file():
        raise PromptError(f"no prompt named {name!r}: {path} does not exist")
    return parse_prompt(name, path.read_text(encoding="utf-8"), path)


def render(name: str, **values: object) -> str:
    """The bundled prompt `name` with its variables filled in."""
    return load_prompt(name).render(**values)
