"""Read guidance documents: markdown files that open with a YAML front matter block.

A file whose front matter is missing or wrong becomes a `DocumentProblem` that names the file,
the line and the fix, so one bad document never stops the others from being ingested.
"""

import hashlib
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic_core import ErrorDetails

from assistant.models import Role, Topic

_FENCE = "---"


class DocumentProblem(BaseModel):
    """Why one document was skipped."""

    path: str
    line: int | None = None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    audience: list[Role] = Field(min_length=1)
    topics: list[Topic] = Field(min_length=1)


class Document(BaseModel):
    path: str
    """Relative to the knowledge root, with forward slashes: the document's id in the store."""
    front: FrontMatter
    body: str
    fingerprint: str
    """Hash of the whole file: an unchanged file needs no chunking on re-ingest."""


def discover(root: Path) -> list[Path]:
    """Every markdown file under `root`, in a stable order."""
    return sorted(p for p in root.rglob("*.md") if p.is_file())


def read_document(path: Path, root: Path) -> Document | DocumentProblem:
    relative = path.relative_to(root).as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return DocumentProblem(path=relative, message=f"cannot be read ({error})")
    return parse_document(relative, text)


def parse_document(relative: str, text: str) -> Document | DocumentProblem:
    lines = text.splitlines()
    if not lines or lines[0].strip() != _FENCE:
        return DocumentProblem(
            path=relative, line=1, message="no front matter: start the file with a '---' line"
        )
    closing = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == _FENCE), None)
    if closing is None:
        return DocumentProblem(
            path=relative, line=1, message="front matter is never closed: add a '---' line after it"
        )
    header = "\n".join(lines[1:closing])
    front = _parse_front_matter(relative, header)
    if isinstance(front, DocumentProblem):
        return front
    body = "\n".join(lines[closing + 1 :]).strip()
    if not body:
        return DocumentProblem(
            path=relative, line=closing + 1, message="no text after the front matter"
        )
    fingerprint = hashlib.sha256(text.encode()).hexdigest()[:16]
    return Document(path=relative, front=front, body=body, fingerprint=fingerprint)


def _parse_front_matter(relative: str, header: str) -> FrontMatter | DocumentProblem:
    # Line numbers below are file lines: the front matter starts on line 2, after '---'.
    try:
        node = yaml.compose(header, Loader=yaml.SafeLoader)
        data = yaml.safe_load(header)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else None
        reason = getattr(error, "problem", None) or str(error)
        return DocumentProblem(
            path=relative, line=line, message=f"front matter is not valid YAML: {reason}"
        )
    if not isinstance(data, dict):
        return DocumentProblem(
            path=relative,
            line=2,
            message="front matter must be 'key: value' lines (title, audience, topics)",
        )
    try:
        return FrontMatter.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        return DocumentProblem(
            path=relative, line=_line_of(node, first["loc"]), message=_explain(first)
        )


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The file line of the value at `loc` in the front matter, if it is there at all."""
    for step in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == step), None)
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 2 if isinstance(node, yaml.Node) else None


def _explain(error: ErrorDetails) -> str:
    field = ".".join(str(part) for part in error["loc"])
    name = str(error["loc"][0])
    match error["type"]:
        case "missing":
            return f"front matter has no '{name}': add a line '{name}: ...'"
        case "extra_forbidden":
            return f"unknown front matter key '{name}': only title, audience and topics are allowed"
        case "literal_error":
            kind = "topic" if name == "topics" else "audience"
            allowed = error["ctx"]["expected"]
            return f"{field}: {error['input']!r} is not a known {kind}; use one of {allowed}"
        case "list_type":
            return f"{field} must be a list, e.g. '{name}: [first, second]'"
        case _:
            return f"{field}: {error['msg']}"
