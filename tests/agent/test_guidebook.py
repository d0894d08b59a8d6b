"""Reading plans' material out of the guidance, however the store cut it into chunks."""

import pytest

from assistant.agent.guide.guidebook import Guidebook
from assistant.knowledge import GuidanceHit, KnowledgeBase
from assistant.knowledge.passages import GuidanceMissing

BANK = "Reflection before and after each session > Question bank for the leader"


def hit(heading: str, text: str, doc: str = "reflection.md") -> GuidanceHit:
    return GuidanceHit(
        doc=doc, title="t", heading=heading, topics=[], audience=[], score=0, text=text
    )


def test_a_question_bank_reads_the_same_folded_or_in_chunks_of_its_own(
    knowledge: KnowledgeBase,
) -> None:
    folded = Guidebook(knowledge.sections()).leader_questions("after")
    split = Guidebook(
        [
            hit(BANK, "Use these open questions."),
            hit(f"{BANK} > Before the session", "- What do I want today?"),
            hit(f"{BANK} > After the session", "\n".join(f"- {q}" for q in folded[1])),
        ]
    ).leader_questions("after")
    assert split == (folded[0], folded[1]) and len(folded[1]) == 8


def test_yes_no_questions_in_a_bank_are_left_out() -> None:
    book = Guidebook([hit(BANK, "### After the session\n- Did it go well?\n- What went well?")])
    assert book.leader_questions("after")[1] == ["What went well?"]


def test_a_section_split_across_chunks_is_read_whole() -> None:
    heading = "Running the first reverse-mentoring session > A 60-minute first-session agenda"
    book = Guidebook(
        [
            hit(heading, "- **Introductions** (10 min): who we are.", doc="first-session.md"),
            hit(heading, "- **Close** (5 min): next date.", doc="first-session.md"),
        ]
    )
    _, steps = book.agenda("first")
    assert [(s.title, s.minutes) for s in steps] == [("Introductions", 10), ("Close", 5)]


def test_a_missing_section_names_the_document_and_the_section() -> None:
    with pytest.raises(
        GuidanceMissing, match="^closing-session.md has no section 'A 60-minute closing agenda'$"
    ):
        Guidebook([]).agenda("closing")
