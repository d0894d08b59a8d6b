"""Feedback rehearsal: personas, the offline guide's replies in character, and progress."""

from pathlib import Path

import pytest

from assistant.agent.personas import (
    DISPOSITIONS,
    PERSONAS_FILE,
    Persona,
    PersonaError,
    builtin_personas,
    find_persona,
    load_persona_file,
    offline_reply,
    reaction,
)
from assistant.agent.rehearsal import Attempt, Rehearsal
from assistant.agent.rubric import MAX_TOTAL, score_feedback

GOOD = (
    "Last week you sent the project team four emails after midnight. Two of the juniors told me "
    "they felt they had to reply before morning. Would you be willing to schedule them for 8am?"
)
NO_REQUEST = (
    "Last week you sent the project team four emails after midnight. Two of the juniors told me "
    "they felt they had to reply before morning."
)
ABSOLUTE = "You always send emails at midnight."


def _persona(disposition: str) -> Persona:
    return Persona(name="Sam Lee", role="Chief Technology Officer", disposition=disposition)


def test_a_defensive_leader_challenges_an_absolute_by_quoting_it() -> None:
    reply = offline_reply(_persona("defensive"), score_feedback(ABSOLUTE), "emails", 0)
    assert reply == '"Always"? That\'s not fair. Name one time.'


def test_a_busy_leader_asks_what_you_want_when_there_is_no_request() -> None:
    result = score_feedback(NO_REQUEST)
    assert result.failed == ["request"]
    reply = offline_reply(_persona("busy"), result, "emails", 0)
    assert reply == "So what do you want me to do differently?"


def test_a_curious_leader_takes_good_feedback_well() -> None:
    reply = offline_reply(_persona("curious"), score_feedback(GOOD), "emails", 0)
    assert reply == "That's useful. Tell me more about how the team saw it."


def test_each_disposition_answers_the_same_attempt_differently() -> None:
    result = score_feedback(ABSOLUTE)
    replies = {offline_reply(_persona(d), result, "emails", 0) for d in DISPOSITIONS}
    assert len(replies) == len(DISPOSITIONS)


def test_the_leader_reacts_to_absolutes_before_a_missing_request() -> None:
    assert reaction(score_feedback(ABSOLUTE)) == "absolutes"
    assert reaction(score_feedback("In Monday's review you were dismissive.")) == "behaviour"
    assert reaction(score_feedback(GOOD)) == "good"


def test_replies_rotate_between_attempts_so_retries_do_not_repeat() -> None:
    result = score_feedback(NO_REQUEST)
    first, second = (offline_reply(_persona("busy"), result, "emails", n) for n in (0, 1))
    assert first != second


def test_offline_attempts_are_scored_answered_and_labelled_offline() -> None:
    rehearsal = Rehearsal(find_persona("Helen"), "late-night emails")
    assert "late-night emails" in rehearsal.opening()
    attempt = rehearsal.attempt_offline(ABSOLUTE)
    assert attempt.offline and attempt.text == ABSOLUTE
    assert attempt.result == score_feedback(ABSOLUTE)
    assert attempt.leader_reply.startswith('"Always"?')
    assert rehearsal.attempts == [attempt]


def test_progress_shows_the_score_of_each_attempt_out_of_14() -> None:
    rehearsal = Rehearsal(find_persona("Helen"), "late-night emails")
    rehearsal.attempt_offline(ABSOLUTE)
    rehearsal.attempt_offline(GOOD)
    first, second = rehearsal.progress()
    assert (first.number, second.number) == (1, 2)
    assert first.out_of == MAX_TOTAL == 14
    assert first.total < second.total == 14
    assert "absolutes" in first.failed and second.failed == []


def test_a_model_backed_attempt_is_recorded_and_counted_like_an_offline_one() -> None:
    rehearsal = Rehearsal(find_persona("Rachel"), "jargon")
    result = score_feedback(GOOD)
    rehearsal.record(Attempt(text=GOOD, result=result, leader_reply="Thanks.", offline=False))
    assert [s.total for s in rehearsal.progress()] == [result.total]


def test_an_empty_attempt_or_topic_is_refused_with_a_hint() -> None:
    with pytest.raises(ValueError, match="write what you would say"):
        Rehearsal(find_persona("Tom"), "emails").attempt_offline("   ")
    with pytest.raises(ValueError, match="needs a topic"):
        Rehearsal(find_persona("Tom"), " ")


def test_built_in_personas_cover_every_disposition() -> None:
    assert {p.disposition for p in builtin_personas()} == set(DISPOSITIONS)
    assert find_persona("helen ward").role == "Chief Operating Officer"


def test_a_custom_persona_is_described_as_name_role_disposition() -> None:
    persona = find_persona("Sam Lee, Chief Technology Officer, Defensive, hates long decks")
    assert persona == Persona(
        name="Sam Lee",
        role="Chief Technology Officer",
        disposition="defensive",
        background="hates long decks",
    )


@pytest.mark.parametrize("text", ["Nobody", "Sam Lee, CTO, grumpy", "Sam Lee, CTO"])
def test_an_unknown_persona_or_disposition_says_what_is_accepted(text: str) -> None:
    with pytest.raises(PersonaError, match="busy, defensive, curious, warm, sceptical"):
        find_persona(text)


def test_the_persona_file_must_give_every_disposition_every_reply(tmp_path: Path) -> None:
    broken = tmp_path / "personas.yaml"
    shipped = PERSONAS_FILE.read_text(encoding="utf-8")
    broken.write_text(shipped.replace("  sceptical:\n    opening:", "  sceptical:\n    openers:"))
    with pytest.raises(PersonaError, match=r"(?s)personas\.yaml.*replies\.sceptical\.opening"):
        load_persona_file(broken)


def test_a_reply_may_only_use_the_placeholders_that_are_filled(tmp_path: Path) -> None:
    shipped = PERSONAS_FILE.read_text(encoding="utf-8")
    bad = tmp_path / "personas.yaml"
    bad.write_text(shipped.replace("Specifics, please:", "Specifics about {quote}:"))
    with pytest.raises(PersonaError, match=r"(?s)replies\.busy\.behaviour.*quote"):
        load_persona_file(bad)


def test_the_persona_and_topic_are_material_and_the_system_prompt_only_rules() -> None:
    rehearsal = Rehearsal(find_persona("Richard"), "interrupting juniors")
    prompt = rehearsal.system_prompt()
    material = rehearsal.material()
    assert "power gap" in prompt and "**Leader:**" in prompt and "{" not in prompt
    assert "Richard" not in prompt and "interrupting juniors" not in prompt
    assert material.value["feedback_topic"] == "interrupting juniors"
    assert material.value["leader"]["name"] == "Richard Hale"
    assert material.value["leader"]["disposition"] == "defensive"
