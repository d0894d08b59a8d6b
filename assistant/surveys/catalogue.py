"""The survey questionnaires, kept as data beside the guidance (`knowledge/catalogue/surveys.yaml`).

Like the objective catalogue, the file ships with rmcoach and is never ingested as guidance.
A scale is a set of items summed into one score; a survey kind asks some scales of each side.
"""

import functools
from pathlib import Path
from typing import Annotated, Literal, get_args

import yaml
from pydantic import Field, ValidationError, model_validator

from assistant import locations
from assistant.models import Identifier, Name, Side, StrictModel

SurveyKind = Literal["baseline", "pairing-fit", "closing", "recommendation"]
SURVEY_KINDS: tuple[str, ...] = get_args(SurveyKind)
#: The kinds whose scales are measured twice, so change can be reported.
BEFORE, AFTER = "baseline", "closing"
#: The pairing-fit scale, and the mean item answer (1-5) at or below which a side's answer
#: makes the pair a poor fit: below the scale's midpoint, more disagreeing than agreeing.
FIT, POOR_FIT_MEAN = "fit", 2.5
#: The recommendation scale (0-10), reported as a net promoter score.
RECOMMEND = "recommend"

Prompt = Annotated[str, Field(min_length=1, max_length=300)]


class Item(StrictModel):
    id: Identifier
    text: Prompt


class Scale(StrictModel):
    id: Identifier
    side: Side | Literal["both"]
    title: Name
    low: int = Field(ge=0, le=10)
    high: int = Field(ge=1, le=10)
    anchors: Annotated[list[Name], Field(min_length=2, max_length=2)]
    """What `low` and `high` mean, in that order."""
    items: Annotated[list[Item], Field(min_length=1, max_length=12)]

    @model_validator(mode="after")
    def _range(self) -> "Scale":
        if self.low >= self.high:
            raise ValueError(f"scale {self.id}: low ({self.low}) must be below high ({self.high})")
        return self

    def asks(self, side: Side) -> bool:
        return self.side in ("both", side)

    @property
    def score_range(self) -> tuple[int, int]:
        """The lowest and highest score: the sum of every item at `low`, and at `high`."""
        return self.low * len(self.items), self.high * len(self.items)


class Questionnaire(StrictModel):
    kind: SurveyKind
    title: Name
    when: Name
    scales: Annotated[list[Identifier], Field(min_length=1)]
    comment: Prompt
    """The optional free-text question; answers follow the shared summaries' privacy rules."""


class SurveyCatalogue(StrictModel):
    version: int = Field(ge=1)
    scales: list[Scale]
    surveys: list[Questionnaire]

    @model_validator(mode="after")
    def _consistent(self) -> "SurveyCatalogue":
        items = [item.id for scale in self.scales for item in scale.items]
        for name, ids in (("scale", [s.id for s in self.scales]), ("item", items)):
            twice = sorted({i for i in ids if ids.count(i) > 1})
            if twice:
                raise ValueError(f"{name} ids used twice: {', '.join(twice)}; give each its own")
        kinds = [survey.kind for survey in self.surveys]
        if sorted(kinds) != sorted(SURVEY_KINDS):
            raise ValueError(f"surveys must define each kind once: {', '.join(SURVEY_KINDS)}")
        known = {scale.id for scale in self.scales}
        for survey in self.surveys:
            unknown = [s for s in survey.scales if s not in known]
            if unknown:
                raise ValueError(f"survey {survey.kind} names unknown scales: {', '.join(unknown)}")
        if self.survey(BEFORE).scales != self.survey(AFTER).scales:
            raise ValueError(f"{BEFORE} and {AFTER} must ask the same scales to measure change")
        return self

    def survey(self, kind: str) -> Questionnaire:
        for survey in self.surveys:
            if survey.kind == kind:
                return survey
        raise SurveyCatalogueError(
            f"there is no survey kind {kind!r}; kinds: {', '.join(SURVEY_KINDS)}"
        )

    def scale(self, scale_id: str) -> Scale:
        return next(scale for scale in self.scales if scale.id == scale_id)

    def scales_for(self, kind: str, side: Side) -> list[Scale]:
        """The scales survey `kind` asks of `side`, in order."""
        return [self.scale(s) for s in self.survey(kind).scales if self.scale(s).asks(side)]

    def items_for(self, kind: str, side: Side) -> list[tuple[Scale, Item]]:
        return [(scale, item) for scale in self.scales_for(kind, side) for item in scale.items]

    def item_ids(self) -> list[str]:
        return [item.id for scale in self.scales for item in scale.items]


class SurveyCatalogueError(ValueError):
    """The surveys file is unreadable or invalid, or a kind was not found."""


def surveys_file() -> Path:
    return locations.bundled_knowledge() / "catalogue" / "surveys.yaml"


def load_surveys(path: Path | None = None) -> SurveyCatalogue:
    """The questionnaires in `path` (default: the bundled file); errors name the field."""
    path = path or surveys_file()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SurveyCatalogueError(f"{path}: cannot be read ({error})") from error
    try:
        return SurveyCatalogue.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            ".".join(str(part) for part in e["loc"]) + f": {e['msg']}" for e in error.errors()
        )
        raise SurveyCatalogueError(f"{path}: {problems}") from error


@functools.cache
def bundled_surveys() -> SurveyCatalogue:
    return load_surveys()
