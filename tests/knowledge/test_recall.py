"""On realistic questions from leaders, mentors and coordinators, the top 5 hold an answer."""

from pathlib import Path

import yaml

from assistant.knowledge import KnowledgeBase
from assistant.models import ROLES, TOPICS

QUESTIONS = Path(__file__).with_name("questions.yaml")


def labelled_questions() -> list[dict]:
    return yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))


def test_the_question_set_is_large_and_uses_the_vocabulary() -> None:
    questions = labelled_questions()
    assert len(questions) >= 40
    for item in questions:
        assert set(item) == {"asked_by", "question", "topics"}, item
        assert item["asked_by"] in ROLES and item["topics"], item
        assert set(item["topics"]) <= set(TOPICS), item
    assert {item["asked_by"] for item in questions} == set(ROLES)


def test_recall_at_5_is_at_least_90_percent(bundled_kb: KnowledgeBase) -> None:
    questions = labelled_questions()
    misses = [
        item["question"]
        for item in questions
        if not any(
            set(hit.topics) & set(item["topics"])
            for hit in bundled_kb.search(item["question"], k=5)
        )
    ]
    recall = 1 - len(misses) / len(questions)
    assert recall >= 0.9, f"recall@5 = {recall:.2f}; missed: {misses}"
