"""The feedback rubric: agreement with a coach's labels, edge cases, quotes and rewrites."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from assistant.agent.rubric import (
    CRITERIA,
    MAX_TOTAL,
    CriterionResult,
    RubricResult,
    merge_refinement,
    score_feedback,
)

EXAMPLES = yaml.safe_load(
    (Path(__file__).parent / "feedback_examples.yaml").read_text(encoding="utf-8")
)


def _confusion() -> dict[str, Counter[str]]:
    """Per criterion: rule passes/fails against the coach's label (tp = a marked flaw found)."""
    table: dict[str, Counter[str]] = {criterion: Counter() for criterion in CRITERIA}
    for example in EXAMPLES:
        result = score_feedback(example["text"])
        for criterion in result.criteria:
            flawed = criterion.id in example["flaws"]
            cell = (
                ("tp" if not criterion.passed else "fn")
                if flawed
                else ("fp" if not criterion.passed else "tn")
            )
            table[criterion.id][cell] += 1
    return table


def _summary(table: dict[str, Counter[str]]) -> str:
    rows = [f"{'criterion':<10} flaw found  flaw missed  false alarm  agree"]
    for criterion, cells in table.items():
        agree = (cells["tp"] + cells["tn"]) / sum(cells.values())
        rows.append(
            f"{criterion:<10} {cells['tp']:>10}  {cells['fn']:>11}  "
            f"{cells['fp']:>11}  {agree:>5.0%}"
        )
    return "\n".join(rows)


def test_the_labelled_set_is_large_and_well_formed() -> None:
    assert len(EXAMPLES) >= 30
    assert len({example["id"] for example in EXAMPLES}) == len(EXAMPLES)
    for example in EXAMPLES:
        assert set(example["flaws"]) <= set(CRITERIA), example["id"]
    assert sum(not example["flaws"] for example in EXAMPLES) >= 10, (
        "too few examples of good feedback"
    )


def test_rules_agree_with_the_coach_on_at_least_90_percent_of_verdicts() -> None:
    table = _confusion()
    agreed = sum(cells["tp"] + cells["tn"] for cells in table.values())
    total = sum(sum(cells.values()) for cells in table.values())
    assert agreed / total >= 0.90, _summary(table)


@pytest.mark.parametrize("example", EXAMPLES, ids=[example["id"] for example in EXAMPLES])
def test_every_marked_flaw_is_detected(example: dict) -> None:
    result = score_feedback(example["text"])
    missed = [flaw for flaw in example["flaws"] if result.criterion(flaw).passed]
    assert not missed, f"{example['id']}: rules missed {missed}\n{_summary(_confusion())}"


@pytest.mark.parametrize("example", EXAMPLES, ids=[example["id"] for example in EXAMPLES])
def test_quotes_are_exact_substrings_of_the_input(example: dict) -> None:
    for criterion in score_feedback(example["text"]).criteria:
        assert criterion.quote in example["text"]
        if not criterion.passed and criterion.id in ("absolutes", "hedging", "tone"):
            assert criterion.quote, f"{criterion.id} failed without quoting the words"


def test_criteria_come_in_the_documented_order_with_consistent_pass_and_score() -> None:
    result = score_feedback("You always talk over junior people.")
    assert [c.id for c in result.criteria] == list(CRITERIA)
    assert all(c.passed == (c.score == 2) for c in result.criteria)


def _verdict(text: str, criterion: str) -> CriterionResult:
    return score_feedback(text).criterion(criterion)


@pytest.mark.parametrize(
    ("text", "score", "quote"),
    [
        ("In Tuesday's all-hands you read your notes aloud.", 2, "In Tuesday's all-hands"),
        ("Yesterday you cancelled the review.", 2, "Yesterday"),
        ("When you moved the session, I lost my prep time.", 2, "When you moved"),
        ("Recently you cancelled the review.", 1, "Recently"),
        ("In meetings you talk over people.", 1, "In meetings"),
        ("You talk over people.", 0, ""),
        ("Could you say hello in the next meeting?", 0, ""),
    ],
)
def test_situation_needs_an_occasion_the_leader_can_recall(
    text: str, score: int, quote: str
) -> None:
    verdict = _verdict(text, "situation")
    assert (verdict.score, verdict.quote) == (score, quote)


@pytest.mark.parametrize(
    ("text", "score", "quote"),
    [
        ("In the review you interrupted Sam twice.", 2, "you interrupted"),
        ("In the review you said 'not now'.", 2, "you said"),
        ("Your email had no greeting at all.", 2, "Your email had"),
        ("In the review you were dismissive.", 0, "you were dismissive"),
        ("People think you're not a team player.", 0, "not a team player"),
        (
            "In the review you interrupted Sam and came across as arrogant.",
            1,
            "came across as arrogant",
        ),
        ("You need to read the survey comments.", 0, ""),
        ("Could you ask the host to read the chat?", 0, ""),
    ],
)
def test_behaviour_is_what_a_camera_would_record_not_a_verdict(
    text: str, score: int, quote: str
) -> None:
    verdict = _verdict(text, "behaviour")
    assert (verdict.score, verdict.quote) == (score, quote)


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("You sent it at midnight, so I replied at 1am.", 2),
        ("You sent it at midnight and two juniors told me they were worried.", 2),
        ("You sent it at midnight, which meant the team started early.", 2),
        ("You sent it at midnight. It wasn't great.", 1),
        ("You sent it at midnight.", 0),
        ("You missed the deadline.", 0),
    ],
)
def test_impact_is_an_effect_on_someone(text: str, score: int) -> None:
    assert _verdict(text, "impact").score == score


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("Could you add a greeting next time?", 2),
        ("What would it take to start on time?", 2),
        ("Would you be willing to try it once?", 2),
        ("Can I be blunt?", 0),
        ("You need to stop doing that.", 1),
        ("What happened there?", 1),
        ("Just something to think about.", 1),
        ("Could you think about it?", 1),
        ("It was late.", 0),
    ],
)
def test_request_is_a_specific_ask(text: str, score: int) -> None:
    assert _verdict(text, "request").score == score


@pytest.mark.parametrize(
    ("text", "score", "quote"),
    [
        ("Could you read the chat next time?", 2, ""),
        ("That was ridiculous.", 0, "ridiculous"),
        ("Great job ignoring the chat.", 0, "Great job"),
        ("You need to read the chat, obviously.", 0, "You need to"),
        ("You should read the chat.", 1, "You should"),
        ("I'm only a graduate, but the chat went unread.", 1, "I'm only a graduate"),
        ("You called us 'ridiculous'.", 2, ""),
        (
            "You never listen to anyone and it's honestly kind of a problem maybe",
            0,
            "listen to anyone",
        ),
        ("You don't care about anybody's weekend.", 0, "care about anybody"),
        ("In Monday's call you didn't listen to Priya's question.", 2, ""),
    ],
)
def test_tone_is_candid_without_put_downs_or_self_erasure(
    text: str, score: int, quote: str
) -> None:
    verdict = _verdict(text, "tone")
    assert (verdict.score, verdict.quote) == (score, quote)


@pytest.mark.parametrize(
    ("text", "score", "quote"),
    [
        ("Nobody reads the intranet.", 1, "Nobody"),
        ("You always interrupt.", 0, "always"),
        ("It happens all the time and everyone sees it.", 0, "all the time"),
        ("In the last two calls you started late.", 2, ""),
        ("You said 'never again'.", 2, ""),
        ("Could you ask everyone for a view next time?", 2, ""),
    ],
)
def test_absolutes_are_quoted_and_quoted_speech_and_asks_are_exempt(
    text: str, score: int, quote: str
) -> None:
    verdict = _verdict(text, "absolutes")
    assert (verdict.score, verdict.quote, verdict.passed) == (score, quote, score == 2)


@pytest.mark.parametrize(
    ("text", "score", "quote"),
    [
        ("In the review you interrupted Sam.", 2, ""),
        ("In the review you kind of interrupted Sam.", 1, "kind of"),
        ("Maybe, sort of, you interrupted Sam?", 0, "Maybe"),
        ("It's probably nothing, but you interrupted Sam.", 0, "It's probably nothing"),
        ("I'm a bit nervous saying this, but you interrupted Sam.", 2, ""),
        ("You said 'maybe later'.", 2, ""),
    ],
)
def test_hedging_one_softener_scores_one_and_stacked_or_burying_scores_zero(
    text: str, score: int, quote: str
) -> None:
    verdict = _verdict(text, "hedging")
    assert (verdict.score, verdict.quote) == (score, quote)


def test_a_missing_part_is_quoted_as_empty_and_the_reason_says_what_is_missing() -> None:
    verdict = _verdict("You talk over people.", "impact")
    assert verdict.quote == "" and "No impact" in verdict.reason


def test_good_feedback_scores_full_marks_and_its_rewrite_keeps_it() -> None:
    text = EXAMPLES[0]["text"]
    result = score_feedback(text)
    assert result.total == MAX_TOTAL
    assert result.rewrite == text


@pytest.mark.parametrize(
    "example",
    [e for e in EXAMPLES if {"absolutes", "hedging"} & set(e["flaws"])],
    ids=lambda e: e["id"],
)
def test_the_rewrite_removes_absolutes_and_hedges(example: dict) -> None:
    rewrite = score_feedback(example["text"]).rewrite
    again = score_feedback(rewrite)
    assert again.criterion("absolutes").passed, rewrite
    assert again.criterion("hedging").passed, rewrite


def test_the_rewrite_keeps_the_mentors_parts_and_asks_for_the_missing_ones() -> None:
    rewrite = score_feedback(
        "You constantly send messages at midnight, which meant I answered at 1am."
    ).rewrite
    assert rewrite.startswith("[When and where")
    assert "You send messages at midnight, which meant I answered at 1am." in rewrite
    assert "constantly" not in rewrite
    assert rewrite.endswith("Could you [one specific thing to do differently next time]?")


def test_the_rewrite_of_anything_ends_with_a_request() -> None:
    for example in EXAMPLES:
        rewrite = score_feedback(example["text"]).rewrite
        assert score_feedback(rewrite).criterion("request").passed, rewrite


def test_empty_feedback_scores_nothing_and_the_rewrite_is_the_template() -> None:
    result = score_feedback("   ")
    assert [c.score for c in result.criteria[:4]] == [0, 0, 0, 0]
    assert result.rewrite.count("[") == 4


def _model_says(rules: RubricResult, **changes: tuple[int, str, str]) -> RubricResult:
    criteria = []
    for c in rules.criteria:
        score, reason, quote = changes.get(c.id, (c.score, c.reason, c.quote))
        criteria.append(
            CriterionResult(id=c.id, passed=score == 2, score=score, reason=reason, quote=quote)
        )
    return RubricResult(criteria=criteria, rewrite="")


def test_a_model_may_move_a_score_by_one_at_most() -> None:
    text = "In the review you were dismissive. Could you listen next time?"
    rules = score_feedback(text)
    model = _model_says(
        rules, behaviour=(2, "Clear enough.", "you were dismissive"), request=(0, "Vague.", "")
    )
    merged = merge_refinement(rules, model, text)
    assert merged.criterion("behaviour").score == 1
    assert merged.criterion("behaviour").reason == rules.criterion("behaviour").reason
    assert merged.criterion("request").score == 1


def test_a_model_cannot_wave_away_an_absolute_or_a_hedge_the_rules_found() -> None:
    text = "Maybe you always interrupt Sam in reviews."
    rules = score_feedback(text)
    model = _model_says(rules, absolutes=(2, "Fine.", ""), hedging=(2, "Fine.", ""))
    merged = merge_refinement(rules, model, text)
    assert (
        not merged.criterion("absolutes").passed and merged.criterion("absolutes").quote == "always"
    )
    assert not merged.criterion("hedging").passed and merged.criterion("hedging").quote == "Maybe"


def test_a_model_can_find_a_hedge_the_rules_missed_and_improve_reasons() -> None:
    text = EXAMPLES[0]["text"]
    rules = score_feedback(text)
    model = _model_says(
        rules,
        hedging=(1, "'only' softens the point.", "only"),
        impact=(2, "Strong impact.", "felt invisible"),
    )
    merged = merge_refinement(rules, model, text)
    assert merged.criterion("hedging").score == 1 and merged.criterion("hedging").quote == "only"
    assert merged.criterion("impact").reason == "Strong impact."


def test_a_model_quote_not_in_the_text_is_replaced_by_the_rules_quote() -> None:
    text = "Nobody reads your blog."
    rules = score_feedback(text)
    model = _model_says(rules, absolutes=(1, "Absolute.", "everyone"))
    assert merge_refinement(rules, model, text).criterion("absolutes").quote == "Nobody"


def test_a_model_rewrite_with_its_own_hedges_is_refused() -> None:
    text = "You always talk over junior people."
    rules = score_feedback(text)
    hedged = rules.model_copy(update={"rewrite": "Maybe, sort of, you talk over people?"})
    clean = rules.model_copy(
        update={"rewrite": "In Monday's review you talked over Sam. Could you wait?"}
    )
    assert merge_refinement(rules, hedged, text).rewrite == rules.rewrite
    assert merge_refinement(rules, clean, text).rewrite == clean.rewrite


def test_a_result_must_name_every_criterion_once() -> None:
    one = CriterionResult(id="tone", passed=True, score=2, reason="ok", quote="")
    with pytest.raises(ValueError, match="exactly"):
        RubricResult(criteria=[one], rewrite="")
    with pytest.raises(ValueError):
        RubricResult.model_validate({"criteria": [], "rewrite": "", "extra": 1})
