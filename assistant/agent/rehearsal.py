"""A feedback rehearsal: the mentor tries, the leader answers in character, the rubric coaches.

Offline, every attempt is scored by the deterministic rubric and answered with the persona's
canned reply (labelled as the offline guide wherever it is shown). With a model, the agent
builds an `Attempt` from the model's reply and `rubric.merge_refinement`, and adds it with
`record`, so progress is tracked the same way either way.

Rehearsals are practice: nothing here is stored, so a mentor's drafts never reach anyone else.
"""

from pydantic import BaseModel, ConfigDict, Field

from assistant.agent import personas
from assistant.agent.personas import Persona
from assistant.agent.rubric import MAX_TOTAL, RubricResult, score_feedback
from assistant.agent.templates import render
from assistant.llm.material import Block
from assistant.models import Name

PROMPT_NAME = "mentor_rehearsal"


class Attempt(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str
    result: RubricResult
    leader_reply: str
    offline: bool = Field(description="True when the reply is the offline guide's, not a model's.")


class AttemptScore(BaseModel):
    number: int = Field(description="1 for the first attempt.")
    total: int
    out_of: int = MAX_TOTAL
    failed: list[str]


class Rehearsal:
    """One rehearsal of one piece of feedback with one leader persona."""

    def __init__(self, persona: Persona, topic: str) -> None:
        self.persona = persona
        self.topic: Name = _topic(topic)
        self.attempts: list[Attempt] = []

    def opening(self) -> str:
        """The leader's first line, before any attempt."""
        return personas.opening_line(self.persona, self.topic)

    def attempt_offline(self, text: str) -> Attempt:
        """Score `text` with the rubric and answer it with the persona's canned reply."""
        if not text.strip():
            raise ValueError("an attempt needs some text: write what you would say to the leader")
        result = score_feedback(text)
        reply = personas.offline_reply(self.persona, result, self.topic, len(self.attempts))
        return self.record(Attempt(text=text, result=result, leader_reply=reply, offline=True))

    def record(self, attempt: Attempt) -> Attempt:
        self.attempts.append(attempt)
        return attempt

    def progress(self) -> list[AttemptScore]:
        """Each attempt's total out of 14, so improvement across attempts can be shown."""
        return [
            AttemptScore(number=i, total=a.result.total, failed=a.result.failed)
            for i, a in enumerate(self.attempts, start=1)
        ]

    def system_prompt(self) -> str:
        """The model's instructions for playing a leader; who, and about what, is `material`."""
        return render(PROMPT_NAME)

    def material(self) -> Block:
        """The leader to play and the topic: a described persona is a person's text, so data."""
        leader = {
            "name": self.persona.name,
            "role": self.persona.role,
            "disposition": self.persona.disposition,
            "background": self.persona.background or "(none given)",
        }
        return Block("rehearsal", {"leader": leader, "feedback_topic": self.topic})


def _topic(topic: str) -> str:
    # The topic is said inside the leader's lines ("You wanted to talk about {topic}?").
    topic = topic.strip().rstrip(".?!")
    if not topic:
        raise ValueError("a rehearsal needs a topic, e.g. 'late-night emails'")
    return topic
