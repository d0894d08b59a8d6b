"""The offline guide's plans: valid for every stage and length, grounded, deterministic."""

from datetime import date, timedelta

import pytest

from assistant.agent.guide.guidebook import Guidebook
from assistant.agent.guide.plan import offline_plan, scale_minutes, session_stage
from assistant.agent.plan_checks import check_plan
from assistant.knowledge import KnowledgeBase
from assistant.models import COMMITMENT_CHECK_IN, Commitment, SessionPlan

from .conftest import context_for

START = date(2026, 1, 5)
STAGE_DATES = {  # (sessions held, the day the plan is made) for each stage
    "first": (0, START + timedelta(days=1)),
    "middle": (3, START + timedelta(days=60)),
    "closing": (6, START + timedelta(days=170)),
}
COMMITMENTS = [
    Commitment(id=1, owner="leader", text="Run Monday's meeting from the shared whiteboard"),
    Commitment(
        id=2, owner="mentor", text="Send Helen two prompts for board papers", due=date(2026, 3, 1)
    ),
]


@pytest.fixture(scope="module")
def guidebook(knowledge: KnowledgeBase) -> Guidebook:
    return Guidebook(knowledge.sections())


def plan_for(
    guidebook: Guidebook, stage: str, minutes: int, commitments: list[Commitment]
) -> SessionPlan:
    held, today = STAGE_DATES[stage]
    context = context_for(sessions_held=held, commitments=commitments, start=START)
    return offline_plan(context, guidebook, minutes=minutes, today=today)


@pytest.mark.parametrize("stage", ["first", "middle", "closing"])
@pytest.mark.parametrize("minutes", [30, 45, 60, 90])
def test_offline_plans_fill_the_session_and_open_with_every_commitment(
    guidebook: Guidebook, knowledge: KnowledgeBase, stage: str, minutes: int
) -> None:
    plan = plan_for(guidebook, stage, minutes, COMMITMENTS)
    assert plan.stage == stage
    assert sum(item.minutes for item in plan.agenda) == minutes
    first = plan.agenda[0]
    assert first.serves == COMMITMENT_CHECK_IN
    assert all(c.text in first.purpose for c in COMMITMENTS)
    held, _ = STAGE_DATES[stage]
    assert (
        check_plan(plan, context_for(sessions_held=held, commitments=COMMITMENTS), knowledge) == []
    )


def test_many_long_open_commitments_are_summarised_in_the_check_in(
    guidebook: Guidebook, knowledge: KnowledgeBase
) -> None:
    many = [
        Commitment(
            id=n, owner="leader", text=(f"Commitment {n}: " + "follow up carefully " * 10)[:198]
        )
        for n in range(1, 10)
    ]
    assert all(len(c.text) == 198 for c in many)
    plan = plan_for(guidebook, "middle", 45, many)
    purpose = plan.agenda[0].purpose
    assert [c.text in purpose for c in many] == [True] * 3 + [False] * 6
    assert purpose.endswith("; and 6 more.")
    context = context_for(sessions_held=3, commitments=many)
    assert check_plan(plan, context, knowledge) == []
    fewer = plan.agenda[0].model_copy(update={"purpose": purpose.replace(many[2].text, "")})
    short = plan.model_copy(update={"agenda": [fewer, *plan.agenda[1:]]})
    assert check_plan(short, context, knowledge) == [
        "the first agenda item must quote 3 of the 9 open commitments word for word and say how "
        "many more there are; it quotes 2"
    ]


@pytest.mark.parametrize("stage", ["first", "middle", "closing"])
def test_offline_plans_cite_only_sections_that_exist_and_ask_open_questions(
    guidebook: Guidebook, knowledge: KnowledgeBase, stage: str
) -> None:
    plan = plan_for(guidebook, stage, 45, [])
    assert plan.sources and all(knowledge.has_section(s.doc, s.heading) for s in plan.sources)
    for question in plan.reflection_before + plan.reflection_after:
        assert question.endswith("?")
        assert question.split()[0].lower() not in {"did", "do", "is", "are", "can", "will", "have"}
    assert plan.safety_prompts.leader and plan.safety_prompts.mentor


def test_without_open_commitments_no_item_claims_to_review_them(guidebook: Guidebook) -> None:
    for stage in STAGE_DATES:
        plan = plan_for(guidebook, stage, 45, [])
        assert all(item.serves != COMMITMENT_CHECK_IN for item in plan.agenda)


def test_the_topic_slot_serves_the_objective_that_has_moved_least(guidebook: Guidebook) -> None:
    plan = plan_for(guidebook, "middle", 45, [])
    served = {item.title: item.serves for item in plan.agenda}
    assert served["Deepen one topic"] == "whiteboard"  # progress 25, against 50 for "hybrid"


def test_the_closing_review_gives_each_objective_its_own_item(guidebook: Guidebook) -> None:
    plan = plan_for(guidebook, "closing", 60, [])
    assert {item.serves for item in plan.agenda} >= {"whiteboard", "hybrid"}
    assert any(source.doc == "closing-session.md" for source in plan.sources)


def test_the_first_session_asks_nothing_about_last_time(guidebook: Guidebook) -> None:
    plan = plan_for(guidebook, "first", 60, [])
    assert not any("last" in q.lower() for q in plan.reflection_before)


def test_open_commitments_bring_the_follow_through_question(guidebook: Guidebook) -> None:
    plan = plan_for(guidebook, "middle", 45, COMMITMENTS)
    assert "commitments" in plan.reflection_before[0]


def test_the_same_pair_and_day_always_give_the_same_plan(guidebook: Guidebook) -> None:
    assert plan_for(guidebook, "middle", 45, COMMITMENTS) == plan_for(
        guidebook, "middle", 45, COMMITMENTS
    )


def test_consecutive_sessions_rotate_their_questions(guidebook: Guidebook) -> None:
    today = START + timedelta(days=60)
    third = offline_plan(
        context_for(sessions_held=2, commitments=[]), guidebook, minutes=45, today=today
    )
    fourth = offline_plan(
        context_for(sessions_held=3, commitments=[]), guidebook, minutes=45, today=today
    )
    assert third.reflection_after != fourth.reflection_after


def test_stage_is_first_then_middle_then_closing_in_the_last_month() -> None:
    context = context_for(sessions_held=0, commitments=[], start=START)
    assert session_stage(context, START) == "first"
    held = context.model_copy(update={"sessions_held": 4})
    assert session_stage(held, START + timedelta(days=90)) == "middle"
    assert session_stage(held, START + timedelta(days=160)) == "closing"
    barely_started = context.model_copy(update={"sessions_held": 1})
    assert session_stage(barely_started, START + timedelta(days=170)) == "middle"


@pytest.mark.parametrize(
    ("weights", "total"),
    [
        ([10, 10, 15, 8, 10, 7], 45),
        ([8, 22, 5, 4, 6], 30),
        ([5, 15, 10, 10, 10, 5, 5], 15),
        ([1, 1, 1], 90),
    ],
)
def test_scaled_minutes_add_up_exactly_and_keep_every_item(weights: list[int], total: int) -> None:
    scaled = scale_minutes(weights, total)
    assert sum(scaled) == total and min(scaled) >= 1
    assert scaled.index(max(scaled)) == weights.index(max(weights))


@pytest.mark.parametrize("stage", ["first", "middle", "closing"])
def test_a_pair_without_objectives_still_gets_a_valid_plan(
    guidebook: Guidebook, knowledge: KnowledgeBase, stage: str
) -> None:
    held, today = STAGE_DATES[stage]
    context = context_for(sessions_held=held, commitments=[]).model_copy(update={"objectives": []})
    plan = offline_plan(context, guidebook, minutes=45, today=today)
    assert all(item.serves is None for item in plan.agenda)
    assert check_plan(plan, context, knowledge) == []
