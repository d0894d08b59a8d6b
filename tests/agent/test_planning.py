"""Plans from a scripted model: checked, repaired once with the problems named, else the guide's."""

import json
from collections.abc import Callable
from typing import Any

from scripted_openai import ScriptedOpenAI

from assistant.agent.coach import Coach
from assistant.agent.plan_checks import check_plan
from assistant.models import COMMITMENT_CHECK_IN

from .conftest import PAIR, PRIVATE_MARKERS

CHECK_IN = (
    "Check in on: Run Monday's meeting from the shared whiteboard; "
    "Send Helen two prompts for board papers."
)
REAL_SOURCE = {
    "doc": "mid-programme-sessions.md",
    "heading": "Mid-programme sessions and the halfway review > A 45-minute mid-programme agenda",
}
MADE_UP_SOURCE = {"doc": "leadership-secrets.md", "heading": "Ten tricks"}


def proposal(*, sources: list[dict[str, str]], topic_minutes: int = 25) -> dict[str, Any]:
    return {
        "agenda": [
            {
                "title": "Commitments",
                "minutes": 10,
                "purpose": CHECK_IN,
                "serves": COMMITMENT_CHECK_IN,
            },
            {
                "title": "Whiteboard practice",
                "minutes": topic_minutes,
                "purpose": "Do it live.",
                "serves": "whiteboard",
            },
            {"title": "Next steps", "minutes": 10, "purpose": "Agree actions.", "serves": None},
        ],
        "reflection_before": ["What do I most want to understand today?"],
        "reflection_after": ["What did I hear that I had not heard before?"],
        "safety_prompts": {"leader": ["Thank, then ask."], "mentor": ["Start small."]},
        "sources": sources,
    }


async def test_a_valid_model_plan_is_used_and_passes_every_check(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_json(proposal(sources=[REAL_SOURCE]))
    coach = make_coach()
    result = await coach.plan(PAIR, 45)
    assert result.drafted_by == "model"
    assert [item.title for item in result.plan.agenda] == [
        "Commitments",
        "Whiteboard practice",
        "Next steps",
    ]
    context = coach.store.pair_context(PAIR)
    assert check_plan(result.plan, context, coach.knowledge) == []
    assert result.input_tokens > 0
    assert not [marker for marker in PRIVATE_MARKERS if marker in json.dumps(scripted_llm.requests)]


async def test_a_plan_citing_a_source_that_does_not_exist_is_sent_back_and_repaired(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_json(proposal(sources=[MADE_UP_SOURCE]))
    scripted_llm.reply_json(proposal(sources=[REAL_SOURCE]))
    result = await make_coach().plan(PAIR, 45)
    assert result.drafted_by == "model"
    repair = scripted_llm.requests[-1]["messages"][-1]["content"]
    assert '<data kind="plan_problems">' in repair
    # Material is JSON with <, > and & escaped, so no text can close its <data> element.
    assert "[leadership-secrets.md \\u003e Ten tricks] is not a section of the guidance" in repair


async def test_a_plan_whose_minutes_do_not_add_up_is_repaired(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_json(proposal(sources=[REAL_SOURCE], topic_minutes=40))
    scripted_llm.reply_json(proposal(sources=[REAL_SOURCE]))
    result = await make_coach().plan(PAIR, 45)
    assert result.drafted_by == "model"
    assert (
        "add up to 60, but the session is 45 minutes"
        in scripted_llm.requests[-1]["messages"][-1]["content"]
    )


async def test_a_plan_still_wrong_after_repair_falls_back_to_the_guide_with_the_reason(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    forgetful = proposal(sources=[REAL_SOURCE])
    forgetful["agenda"][0]["purpose"] = (
        "Check in on: Run Monday's meeting from the shared whiteboard."
    )
    scripted_llm.reply_json(forgetful)
    scripted_llm.reply_json(forgetful)
    result = await make_coach().plan(PAIR, 45)
    assert result.drafted_by == "offline guide"
    assert "leaves out the mentor's “Send Helen two prompts for board papers”" in result.notice
    assert "Send Helen two prompts for board papers" in result.plan.agenda[0].purpose


async def test_invalid_json_from_the_model_is_repaired_by_the_structured_boundary(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_json('{"agenda": [ this is not json')
    scripted_llm.reply_json(proposal(sources=[REAL_SOURCE]))
    result = await make_coach().plan(PAIR, 45)
    assert result.drafted_by == "model"
    assert scripted_llm.pending() == 0


async def test_a_failing_server_gives_the_guide_plan_and_says_why(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.fail(500, message="model crashed")
    result = await make_coach().plan(PAIR, 45)
    assert result.drafted_by == "offline guide"
    assert result.notice == (
        f"Offline guide's plan: the model server at {scripted_llm.base_url} failed (HTTP 500, "
        "1 try); the log has its answer. Check the server's own log, then try again."
    )
    assert sum(item.minutes for item in result.plan.agenda) == 45


async def test_without_a_model_the_plan_is_labelled_as_the_offline_guide(
    make_coach: Callable[..., Coach],
) -> None:
    coach = make_coach()
    result = await coach.plan(PAIR, 60)
    assert not coach.online and coach.label == "offline guide"
    assert result.drafted_by == "offline guide" and "Offline guide" in result.notice
