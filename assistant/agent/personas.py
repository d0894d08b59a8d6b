"""Senior-leader personas for feedback rehearsal, and the offline guide's replies in character.

A persona has a name, a role and a disposition (busy, defensive, curious, warm, sceptical) that
decides how the leader reacts. The built-in personas and every canned reply live in
personas.yaml beside this module, so they can be reworded without touching code. Offline, the
leader answers the first weakness the rubric found, in the order a leader would notice it.
"""

import functools
import string
from pathlib import Path
from typing import Annotated, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from assistant.agent.rubric import RubricResult
from assistant.models import Name

Disposition = Literal["busy", "defensive", "curious", "warm", "sceptical"]
DISPOSITIONS: tuple[str, ...] = get_args(Disposition)
PERSONAS_FILE = Path(__file__).with_name("personas.yaml")

# The order in which a leader notices what is wrong: an absolute or a barb first (they invite a
# rebuttal), then a verdict without behaviour, a missing occasion, a missing effect, a buried
# message, and finally "so what do you want?".
REACTION_ORDER = ("absolutes", "tone", "behaviour", "situation", "impact", "hedging", "request")
_QUOTING_REACTIONS = ("absolutes", "tone", "hedging")
Reply = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Replies = Annotated[list[Reply], Field(min_length=1)]


class PersonaError(ValueError):
    """A persona could not be found, parsed or loaded; the message says what to do."""


class Persona(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Name
    role: Name
    disposition: Disposition
    background: str = ""

    def describe(self) -> str:
        return f"{self.name}, {self.role} ({self.disposition})"


class DispositionReplies(BaseModel):
    model_config = ConfigDict(extra="forbid")

    opening: Replies
    absolutes: Replies
    tone: Replies
    behaviour: Replies
    situation: Replies
    impact: Replies
    hedging: Replies
    request: Replies
    good: Replies


class PersonaFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    personas: list[Persona] = Field(min_length=1)
    replies: dict[Disposition, DispositionReplies]

    @model_validator(mode="after")
    def _complete_and_well_formed(self) -> "PersonaFile":
        missing = [d for d in DISPOSITIONS if d not in self.replies]
        if missing:
            raise ValueError(f"replies are missing for {', '.join(missing)}")
        for disposition, replies in self.replies.items():
            for key, templates in replies:
                allowed = {"topic", "quote"} if key in _QUOTING_REACTIONS else {"topic"}
                for template in templates:
                    _check_placeholders(template, allowed, f"replies.{disposition}.{key}")
        return self


def _check_placeholders(template: str, allowed: set[str], where: str) -> None:
    used = {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}
    if used - allowed:
        raise ValueError(
            f"{where}: {template!r} uses {sorted(used - allowed)}; "
            f"only {sorted(allowed)} are filled"
        )


@functools.cache
def load_persona_file(path: Path = PERSONAS_FILE) -> PersonaFile:
    """The personas and replies in `path`, validated; errors name the file and the field."""
    try:
        return PersonaFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValueError) as error:
        raise PersonaError(f"{path}: {error}") from None


def builtin_personas() -> list[Persona]:
    return list(load_persona_file().personas)


def find_persona(text: str) -> Persona:
    """A built-in persona by full or first name, or a custom one described in `custom_persona`."""
    wanted = text.strip().lower()
    for persona in builtin_personas():
        if wanted in (persona.name.lower(), persona.name.split()[0].lower()):
            return persona
    if "," in text:
        return custom_persona(text)
    known = ", ".join(p.name for p in builtin_personas())
    raise PersonaError(
        f"no persona named {text.strip()!r}; choose one of {known}, or describe your own as "
        f'"Name, Role, disposition" with a disposition of {", ".join(DISPOSITIONS)}'
    )


def custom_persona(description: str) -> Persona:
    """A persona from "Name, Role, disposition[, background]"."""
    parts = [part.strip() for part in description.split(",", 3)]
    if len(parts) < 3 or parts[2].lower() not in DISPOSITIONS:
        raise PersonaError(
            f'describe a persona as "Name, Role, disposition[, background]" with a disposition of '
            f"{', '.join(DISPOSITIONS)}; got {description.strip()!r}"
        )
    background = parts[3] if len(parts) == 4 else ""
    return Persona(
        name=parts[0], role=parts[1], disposition=parts[2].lower(), background=background
    )


def opening_line(persona: Persona, topic: str) -> str:
    """How the leader opens the rehearsal, in character."""
    return _pick(load_persona_file().replies[persona.disposition].opening, 0).format(topic=topic)


def reaction(result: RubricResult) -> str:
    """Which weakness the leader reacts to: the first failed criterion, or "good"."""
    failed = set(result.failed)
    return next((key for key in REACTION_ORDER if key in failed), "good")


def offline_reply(persona: Persona, result: RubricResult, topic: str, attempt_number: int) -> str:
    """The leader's canned reply to an attempt; variants rotate so retries don't repeat."""
    key = reaction(result)
    templates = getattr(load_persona_file().replies[persona.disposition], key)
    quote = result.criterion(key).quote if key in _QUOTING_REACTIONS else ""
    reply = _pick(templates, attempt_number).format(topic=topic, quote=quote)
    # A reply that opens by echoing the mentor's word reads as speech: '"Always"? ...'
    return reply[:1] + reply[1:2].upper() + reply[2:] if reply.startswith('"') else reply


def _pick(templates: list[str], index: int) -> str:
    return templates[index % len(templates)]
