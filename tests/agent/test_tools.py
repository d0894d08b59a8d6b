"""The pair-bound tools, through the real tool path: a scripted model, the real openai client."""

import json
from collections.abc import Callable

from scripted_openai import ScriptedOpenAI

from assistant.agent.coach import Coach
from assistant.agent.events import PlanProposed, SourcesCited, SummaryDrafted
from assistant.llm.events import ToolResult, TurnDone
from assistant.store import Store

from .conftest import OTHER_MARKERS, OTHER_PAIR, PAIR, PRIVATE_MARKERS


async def chat(coach: Coach, text: str) -> list[object]:
    return [event async for event in coach.prepare_chat(PAIR, [], text)]


def sent(server: ScriptedOpenAI) -> str:
    return json.dumps(server.requests)


def results(events: list[object]) -> list[ToolResult]:
    return [event for event in events if isinstance(event, ToolResult)]


async def test_asking_for_another_pairs_context_is_refused_and_nothing_of_it_is_sent(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_tool_call("read_pair_context", {"pair_id": OTHER_PAIR})
    scripted_llm.reply_tool_call("read_pair_context", {})
    scripted_llm.reply_text("Start with your commitments [accountability.md > Commitments].")
    events = await chat(make_coach(), "What did the other pair agree last time?")
    refused, allowed = results(events)
    assert not refused.ok
    assert (
        f"this conversation is about pair {PAIR}; other pairs' data is not available"
        in refused.content
    )
    assert allowed.ok and "Run Monday's meeting from the shared whiteboard" in allowed.content
    assert isinstance(events[-1], TurnDone)
    assert not [marker for marker in OTHER_MARKERS if marker in sent(scripted_llm)]


async def test_private_notes_never_reach_the_model(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_tool_call("read_pair_context", {})
    scripted_llm.reply_tool_call(
        "search_guidance", {"query": "private notes", "topic": "ground-rules"}
    )
    scripted_llm.reply_text("Private notes stay with their author.")
    await chat(make_coach(), "What did I write in my private note last time?")
    assert "We explored the shared whiteboard together." in sent(scripted_llm)
    assert not [marker for marker in PRIVATE_MARKERS if marker in sent(scripted_llm)]


async def test_searching_the_guidance_lists_what_it_found_as_sources(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_tool_call(
        "search_guidance", {"query": "invite candour", "audience": "leader"}
    )
    scripted_llm.reply_text("Ask, then wait.")
    events = await chat(make_coach(), "How do I get honest feedback?")
    found = results(events)[0]
    assert found.ok and "[psychological-safety.md > " in found.content
    sources = next(e for e in events if isinstance(e, SourcesCited)).sources
    assert any(source.doc == "psychological-safety.md" for source in sources)


async def test_a_plan_the_model_asks_for_is_the_checked_guide_plan_for_this_pair(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_tool_call("propose_session_plan", {"minutes": 30})
    scripted_llm.reply_text("Here is a plan; it opens with your two commitments.")
    events = await chat(make_coach(), "Plan my next session, 30 minutes.")
    plan = next(e for e in events if isinstance(e, PlanProposed)).plan
    assert plan.pair_id == PAIR and plan.minutes == 30
    assert "Send Helen two prompts for board papers" in plan.agenda[0].purpose
    assert "Send Helen two prompts for board papers" in results(events)[0].content


async def test_recording_a_summary_makes_a_draft_and_stores_nothing(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach], store: Store
) -> None:
    summary = {
        "topics": ["digital-fluency"],
        "leader_learned": "Slides are not always needed.",
        "commitments": [{"owner": "leader", "text": "Try live polling on Monday"}],
        "objective_progress": [{"objective_id": "tiktok", "progress": 80}],
        "shared_summary": "We practised the whiteboard.",
    }
    scripted_llm.reply_tool_call("record_session_summary", {"summary": summary})
    scripted_llm.reply_text("I drafted the summary for you to check.")
    before = len(store.sessions(PAIR))
    events = await chat(make_coach(), "We met today and practised the whiteboard.")
    draft = next(e for e in events if isinstance(e, SummaryDrafted)).draft
    assert draft.summary.pair_id == PAIR
    assert "Try live polling on Monday" in [c.text for c in draft.summary.commitments]
    assert draft.summary.objective_progress == []  # "tiktok" belongs to the other pair
    assert "nothing is stored" in results(events)[0].content
    assert len(store.sessions(PAIR)) == before


async def test_a_private_note_in_a_recorded_summary_is_refused_as_invalid(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_tool_call(
        "record_session_summary", {"summary": {"leader_private_note": "HELEN-PRIVATE-NOTE"}}
    )
    scripted_llm.reply_text("Understood.")
    events = await chat(make_coach(), "Note that I was defensive.")
    assert not results(events)[0].ok
    assert not [e for e in events if isinstance(e, SummaryDrafted)]
