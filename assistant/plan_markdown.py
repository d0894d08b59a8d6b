"""A session plan as Markdown, to paste into a calendar invite or share before the session.

Pure: no files, no Textual, so the app and the CLI render the same text. Names and objective
titles come from the pair's context when it is given; private notes are never part of a plan.
"""

from assistant.models import COMMITMENT_CHECK_IN, PairContext, SessionPlan


def plan_to_markdown(plan: SessionPlan, context: PairContext | None = None) -> str:
    lines = [_title(plan, context), ""]
    lines += _agenda(plan, context)
    lines += _questions("Before the session (leader, ten minutes)", plan.reflection_before)
    lines += _questions("After the session (leader, within two hours)", plan.reflection_after)
    lines += _safety(plan)
    lines += ["## Sources", "", *(f"- {source.doc} > {source.heading}" for source in plan.sources)]
    return "\n".join(lines) + "\n"


def _title(plan: SessionPlan, context: PairContext | None) -> str:
    heading = f"# Session {plan.session_number} ({plan.stage}), {plan.minutes} minutes"
    if context is None:
        return f"{heading}: pair {plan.pair_id}"
    return f"{heading}: {context.leader.name} with {context.mentor.name}"


def _agenda(plan: SessionPlan, context: PairContext | None) -> list[str]:
    titles = {
        objective.id: objective.title for objective in (context.objectives if context else [])
    }
    lines = ["## Agenda", "", "| Minutes | Item | Purpose |", "| ---: | --- | --- |"]
    for item in plan.agenda:
        serves = serves_label(item.serves, titles)
        purpose = f"{item.purpose} ({serves})" if serves else item.purpose
        lines.append(f"| {item.minutes} | {_cell(item.title)} | {_cell(purpose)} |")
    return [*lines, ""]


def serves_label(serves: str | None, titles: dict[str, str]) -> str:
    """What an agenda item serves, in words: the commitments check-in or an objective's title."""
    if serves is None:
        return ""
    if serves == COMMITMENT_CHECK_IN:
        return "reviews open commitments"
    return f"serves: {titles.get(serves, serves)}"


def _cell(text: str) -> str:
    # A pipe or a line break would end the table cell early.
    return text.replace("|", "\\|").replace("\n", " ")


def _questions(heading: str, questions: list[str]) -> list[str]:
    return [f"## {heading}", "", *(f"- {question}" for question in questions), ""]


def _safety(plan: SessionPlan) -> list[str]:
    prompts = plan.safety_prompts
    return [
        "## Making candour safe",
        "",
        "Leader:",
        *(f"- {prompt}" for prompt in prompts.leader),
        "",
        "Mentor:",
        *(f"- {prompt}" for prompt in prompts.mentor),
        "",
    ]
