"""A rehearsal attempt's score with a model: the rules' verdict, refined within the rubric's limits.

The deterministic rubric always scores first; the model may adjust it only as far as
`merge_refinement` allows. If the model fails or answers off-format, the rules' verdict stands:
a mentor always gets a score.
"""

import logging

from assistant.agent.rubric import RubricResult, merge_refinement, score_feedback
from assistant.agent.templates import render
from assistant.config import Settings
from assistant.llm.errors import LLMError
from assistant.llm.material import Block, with_material

log = logging.getLogger("rmcoach.agent")


async def refined_score(text: str, settings: Settings) -> RubricResult:
    rules = score_feedback(text)
    material = [Block("mentor_feedback", text), Block("rules_verdict", rules.model_dump())]
    ask = "Refine the rules' verdict on the mentor's feedback."
    messages = [
        {"role": "system", "content": render("rubric_refinement")},
        {"role": "user", "content": with_material(material, ask)},
    ]
    from assistant.llm.structured import complete_structured  # imports openai: only when used

    try:
        model = await complete_structured(
            messages, RubricResult, settings=settings, max_tokens=settings.llm_max_reply_tokens
        )
    except LLMError as error:
        log.warning("rubric refinement failed, keeping the rules' score: %s", error.message)
        return rules
    return merge_refinement(rules, model, text)
