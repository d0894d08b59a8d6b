"""The Coach facade: one event stream online and offline, grounded and labelled answers."""

import json
from collections.abc import Callable

import pytest
from scripted_openai import ScriptedOpenAI

from assistant.agent.coach import ChatMessage, Coach
from assistant.agent.events import AttemptScored, FellBack, SourcesCited
from assistant.agent.personas import builtin_personas
from assistant.agent.rehearsal import Rehearsal
from assistant.llm.events import TextDelta, TurnDone

from .conftest import OTHER_MARKERS, PAIR

FEEDBACK = (
    "In Monday's all-hands you answered the first question before Sam finished. "
    "Sam stopped asking. Could you let people finish their question next time?"
)


async def collect(events) -> list[object]:
    return [event async for event in events]


def text_of(events: list[object]) -> str:
    return "".join(event.text for event in events if isinstance(event, TextDelta))


def sources_of(events: list[object]) -> tuple:
    return next(event for event in events if isinstance(event, SourcesCited)).sources


async def test_offline_ask_streams_a_labelled_answer_citing_every_section_it_uses(
    make_coach: Callable[..., Coach],
) -> None:
    events = await collect(make_coach().ask("How do I invite candour from my mentor?", "leader"))
    assert isinstance(events[-1], TurnDone) and events[-1].text == text_of(events)
    answer = text_of(events)
    assert answer.startswith("Offline guide")
    sources = sources_of(events)
    assert sources and all(source.cite() in answer for source in sources)


async def test_offline_answers_follow_the_askers_side_of_the_power_gap(
    make_coach: Callable[..., Coach],
) -> None:
    coach = make_coach()
    mentor = sources_of(await collect(coach.ask("How do I give feedback?", "mentor")))
    coordinator = sources_of(await collect(coach.ask("How do I give feedback?", "coordinator")))
    assert {s.doc for s in mentor} != {s.doc for s in coordinator}


async def test_offline_preparation_reminds_the_leader_of_open_commitments(
    make_coach: Callable[..., Coach],
) -> None:
    events = await collect(make_coach().prepare_chat(PAIR, [], "How should I open the session?"))
    assert "Run Monday's meeting from the shared whiteboard" in text_of(events)


async def test_online_ask_streams_the_models_words_and_lists_the_sources_it_cited(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    cite = (
        "[psychological-safety.md > Psychological safety across a large power gap > "
        "What the mentor can do]"
    )
    scripted_llm.reply_text(f"Start small and be specific. {cite}")
    coach = make_coach()
    events = await collect(coach.ask("How do I raise something awkward?", "mentor", PAIR))
    assert text_of(events) == f"Start small and be specific. {cite}"
    assert [source.cite() for source in sources_of(events)] == [cite]
    assert coach.online and coach.label == f"{coach.settings.model} at {scripted_llm.base_url}"
    system, question = scripted_llm.requests[0]["messages"]
    assert "junior employee who mentors a senior leader" in system["content"]
    assert "Helen Carter" not in system["content"]  # people's names are material, not rules
    assert '<data kind="pair">' in question["content"] and "7 grades above" in question["content"]
    assert question["content"].endswith("\n\nHow do I raise something awkward?")


async def test_the_coordinator_sees_no_session_content_of_a_pair(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_text("Check in with both separately.")
    await collect(make_coach().ask("Is this pair on track?", "coordinator", PAIR))
    sent = json.dumps(scripted_llm.requests)
    assert "the coordinator" in sent and "We explored the shared whiteboard" not in sent
    assert not [marker for marker in OTHER_MARKERS if marker in sent]


async def test_a_failing_server_gives_the_offline_guides_answer_saying_why(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.fail(503, message="overloaded")
    events = await collect(make_coach().ask("How do I start?", "leader"))
    fell_back = next(event for event in events if isinstance(event, FellBack))
    assert fell_back.reason.startswith(f"the model server at {scripted_llm.base_url} failed")
    assert "overloaded" not in text_of(events)  # the server's words go to the log
    assert text_of(events).startswith(f"Offline guide: {fell_back.reason}\n")
    assert isinstance(events[-1], TurnDone) and sources_of(events)


async def test_chat_history_is_sent_before_the_new_message(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    scripted_llm.reply_text("Then ask Sam what worked.")
    history = [
        ChatMessage(role="user", content="I ran the whiteboard meeting."),
        ChatMessage(role="assistant", content="Well done."),
    ]
    await collect(make_coach().prepare_chat(PAIR, history, "What next?"))
    roles = [(m["role"], m["content"]) for m in scripted_llm.requests[0]["messages"][1:]]
    assert roles[-3:-1] == [("user", "I ran the whiteboard meeting."), ("assistant", "Well done.")]
    assert roles[-1][0] == "user" and roles[-1][1].endswith("\n\nWhat next?")


async def test_offline_rehearsal_streams_the_canned_reply_then_the_rubric_score(
    make_coach: Callable[..., Coach],
) -> None:
    rehearsal = Rehearsal(builtin_personas()[0], "interrupting at the all-hands")
    events = await collect(make_coach().rehearse(rehearsal, FEEDBACK))
    scored = next(event for event in events if isinstance(event, AttemptScored)).attempt
    assert scored.offline and text_of(events) == scored.leader_reply
    assert isinstance(events[-1], TurnDone) and rehearsal.attempts == [scored]


async def test_online_rehearsal_keeps_the_rules_as_the_floor_of_the_models_score(
    scripted_llm: ScriptedOpenAI, make_coach: Callable[..., Coach]
) -> None:
    absolute = "You always interrupt people. Could you stop?"
    scripted_llm.reply_text("**Helen:** Always? Name one time.\n\n**Coach:** Drop the absolute.")
    scripted_llm.reply_json(
        {
            "criteria": [
                {"id": c, "passed": True, "score": 2, "reason": "Fine.", "quote": ""}
                for c in (
                    "situation",
                    "behaviour",
                    "impact",
                    "request",
                    "tone",
                    "absolutes",
                    "hedging",
                )
            ],
            "rewrite": "In [meeting], you spoke before [name] finished. Could you let them finish?",
        }
    )
    rehearsal = Rehearsal(builtin_personas()[0], "interrupting")
    events = await collect(make_coach().rehearse(rehearsal, absolute))
    attempt = next(event for event in events if isinstance(event, AttemptScored)).attempt
    assert not attempt.offline and attempt.leader_reply.startswith("**Helen:**")
    assert not attempt.result.criterion("absolutes").passed


@pytest.mark.parametrize("role", ["leader", "mentor", "coordinator"])
async def test_an_unknown_pair_is_a_clear_error(
    make_coach: Callable[..., Coach], role: str
) -> None:
    from assistant.store import NotFound

    with pytest.raises(NotFound, match="no-such-pair"):
        await collect(make_coach().ask("Anything?", role, "no-such-pair"))
