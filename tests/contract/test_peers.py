"""Contract tests: each use case against real servers ends in a valid result or a labelled
fallback with one clear line; never a traceback, an empty answer or invalid data.

The model (SmolLM2-135M) is tiny: these check rmcoach's handling, never the model's wisdom.
"""

import asyncio
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from agent.conftest import PAIR, seed

from assistant.agent.coach import Coach
from assistant.agent.events import AttemptScored, FellBack
from assistant.agent.personas import builtin_personas
from assistant.agent.rehearsal import Rehearsal
from assistant.config import Settings
from assistant.knowledge import KnowledgeBase
from assistant.llm.capabilities import FILE_NAME
from assistant.llm.events import TextDelta, TurnDone, TurnError
from assistant.models import SessionPlan, SessionSummary
from assistant.store import Store

from .conftest import Running

# A tiny model on a busy 2-core machine writes a 512-token reply in minutes, not seconds.
pytestmark = pytest.mark.timeout(900)

DEBRIEF = (
    "We met for 40 minutes and talked about feedback in meetings. I learned that juniors wait "
    "to be asked. I will ask one junior for their view in Monday's meeting. Safety 6, "
    "usefulness 4."
)
FEEDBACK = (
    "In Monday's all-hands you answered the first question before Sam finished. Sam stopped "
    "asking. Could you let people finish their question next time?"
)


@pytest.fixture
def coach(peer: Running, isolated_home: Path, guidance_home: Path) -> Coach:
    settings = Settings(
        openai_base_url=peer.base_url,
        openai_api_key="local",
        model="smollm2",
        llm_timeout_seconds=180,
        llm_max_retries=1,
        llm_max_reply_tokens=64,  # enough to prove the protocol, short enough for CI
    )
    store = Store.open(settings)
    seed(store, date.today() - timedelta(days=30))
    return Coach(settings, store, KnowledgeBase(guidance_home))


def assert_one_clear_line(text: str) -> None:
    assert text.strip() and "\n" not in text, text
    for raw in ("Traceback", "{'type'", "literal_error", "press Enter"):
        assert raw not in text, text


def learned(coach: Coach) -> dict:
    path = coach.settings.home / FILE_NAME
    entries = json.loads(path.read_text()) if path.exists() else {}
    return next(iter(entries.values()), {})


async def consume(events) -> list[object]:
    return [event async for event in events]


def answered(events: list[object]) -> str:
    """The shown answer; checks the turn ended well, or fell back with one clear line."""
    fell_back = [event for event in events if isinstance(event, FellBack)]
    for event in fell_back:
        assert_one_clear_line(event.reason)
    assert isinstance(events[-1], TurnDone), events[-1]
    text = "".join(event.text for event in events if isinstance(event, TextDelta))
    assert text.strip() and text == events[-1].text
    if fell_back:
        assert text.startswith(f"Offline guide: {fell_back[0].reason}\n")
    return text


async def test_a_leaders_plan(coach: Coach, peer: Running) -> None:
    result = await coach.plan(PAIR)

    SessionPlan.model_validate(result.plan.model_dump())
    assert sum(item.minutes for item in result.plan.agenda) == 45
    assert_one_clear_line(result.notice)
    if result.drafted_by == "offline guide":
        assert result.notice.startswith("Offline guide's plan:")
    refused = learned(coach).get("json_schema")
    assert refused is not (peer.peer.name == "llama-cpp-python"), learned(coach)


async def test_a_streamed_chat_turn_and_a_cancel(coach: Coach) -> None:
    answered(await consume(coach.prepare_chat(PAIR, [], "How should I open the session?")))

    first_piece = asyncio.Event()

    async def chat() -> None:
        async for event in coach.ask("How do I invite candour from my mentor?", "leader", PAIR):
            if isinstance(event, TextDelta):
                first_piece.set()

    task = asyncio.create_task(chat())
    await asyncio.wait_for(first_piece.wait(), timeout=180)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    answered(await consume(coach.ask("What is one open question to ask?", "leader")))


async def test_a_mentors_rehearsal_is_always_scored(coach: Coach) -> None:
    rehearsal = Rehearsal(builtin_personas()[0], "interrupting at the all-hands")

    events = await consume(coach.rehearse(rehearsal, FEEDBACK))

    answered(events)
    scored = [event.attempt for event in events if isinstance(event, AttemptScored)]
    assert len(scored) == 1 and len(scored[0].result.criteria) == 7
    assert rehearsal.attempts == scored


async def test_a_debrief_fill(coach: Coach) -> None:
    draft = await coach.draft_summary(PAIR, DEBRIEF)

    SessionSummary.model_validate(draft.summary.model_dump())
    assert draft.summary.pair_id == PAIR
    assert draft.notice.strip()
    if draft.drafted_by == "offline guide":
        assert_one_clear_line(draft.notice.split(" Offline guide:")[0])


async def test_an_overflow_is_a_labelled_fallback_naming_the_sizes(
    coach: Coach, peer: Running
) -> None:
    question = "Why " + "really " * (peer.peer.context + 300) + "?"

    events = await consume(coach.ask(question, "leader"))

    answered(events)
    reason = next(event for event in events if isinstance(event, FellBack)).reason
    assert f"has a context of {peer.peer.context:,} tokens" in reason, reason
    assert not any(isinstance(event, TurnError) for event in events)
