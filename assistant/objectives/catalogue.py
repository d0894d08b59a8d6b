"""The catalogue of objective templates, kept as data beside the guidance.

`knowledge/catalogue/objectives.yaml` ships with rmcoach (in a wheel, under the bundled
knowledge folder). The knowledge ingester reads only `*.md`, so this YAML never becomes guidance
chunks; each template instead names the guidance section it follows.
"""

import functools
import re
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import Field, ValidationError, model_validator

from assistant import locations
from assistant.models import Identifier, Name, Objective, ObjectiveKind, SourceRef, StrictModel

Criteria = Annotated[list[Name], Field(min_length=1, max_length=4)]


class ObjectiveTemplate(StrictModel):
    id: Identifier
    kind: ObjectiveKind
    title: Name
    success_criteria: Criteria
    session_topics: Annotated[list[Name], Field(min_length=1, max_length=4)]
    """Ideas for sessions that work on this objective."""
    guidance: SourceRef

    def objective(self) -> Objective:
        """A new objective from this template, not started."""
        return Objective(
            id=self.id, title=self.title, kind=self.kind, success_criteria=self.success_criteria
        )


class Catalogue(StrictModel):
    templates: list[ObjectiveTemplate]

    @model_validator(mode="after")
    def _unique_ids(self) -> "Catalogue":
        seen: set[str] = set()
        for template in self.templates:
            if template.id in seen:
                raise ValueError(f"template id {template.id!r} is used twice; give each its own")
            seen.add(template.id)
        return self

    def of_kind(self, kind: str | None) -> list[ObjectiveTemplate]:
        return [t for t in self.templates if kind in (None, t.kind)]

    def get(self, template_id: str) -> ObjectiveTemplate:
        for template in self.templates:
            if template.id == template_id:
                return template
        known = ", ".join(t.id for t in self.templates)
        raise CatalogueError(f"there is no objective template {template_id!r}; templates: {known}")


class CatalogueError(ValueError):
    """The catalogue file is unreadable or invalid, or a template was not found."""


def catalogue_file() -> Path:
    return locations.bundled_knowledge() / "catalogue" / "objectives.yaml"


def load_catalogue(path: Path | None = None) -> Catalogue:
    """The templates in `path` (default: the bundled catalogue); errors name the field."""
    path = path or catalogue_file()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CatalogueError(f"{path}: cannot be read ({error})") from error
    try:
        return Catalogue.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(_where(data, e["loc"]) + e["msg"] for e in error.errors())
        raise CatalogueError(f"{path}: {problems}") from error


@functools.cache
def bundled_catalogue() -> Catalogue:
    return load_catalogue()


def _where(data: object, loc: tuple[int | str, ...]) -> str:
    """'templates[3] (df-ai).title: ' for an error inside the fourth template."""
    if len(loc) >= 2 and loc[0] == "templates" and isinstance(loc[1], int):
        templates = data.get("templates") if isinstance(data, dict) else None
        entry = templates[loc[1]] if isinstance(templates, list) and loc[1] < len(templates) else {}
        name = f" ({entry['id']})" if isinstance(entry, dict) and "id" in entry else ""
        rest = "".join(f".{part}" if isinstance(part, str) else f"[{part}]" for part in loc[2:])
        return f"templates[{loc[1]}]{name}{rest}: "
    return ".".join(str(part) for part in loc) + ": " if loc else ""


_MAX_ID_LENGTH = 40


def custom_objective_id(title: str, taken: set[str]) -> str:
    """A readable id from the title ('Learn Excel macros' -> 'learn-excel-macros'), unique."""
    words = re.sub(r"[^a-z0-9]+", " ", title.casefold()).split()
    base = "-".join(words)
    while len(base) > _MAX_ID_LENGTH and "-" in base:
        base = base.rsplit("-", 1)[0]
    base = base[:_MAX_ID_LENGTH] or "objective"
    candidate, counter = base, 1
    while candidate in taken:
        counter += 1
        candidate = f"{base}-{counter}"
    return candidate
