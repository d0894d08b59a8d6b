"""Checks on a session plan that need the pair and the guidance, beyond what the model validates.

A plan is for one pair; every open commitment is reviewed first until it is done or dropped (the
accountability rule: the structure does the chasing, so a junior mentor never has to); each item
serves one of this pair's objectives or the check-in; every source it cites is a section that
exists in the knowledge base. Each problem is a sentence a model can act on in a repair round.
"""

import re
from typing import Protocol

from assistant.models import CHECK_IN_QUOTES, COMMITMENT_CHECK_IN, PairContext, SessionPlan


class SectionIndex(Protocol):
    def has_section(self, doc: str, heading: str) -> bool: ...


def check_plan(plan: SessionPlan, context: PairContext, knowledge: SectionIndex) -> list[str]:
    """Every problem with `plan` for this pair; empty when it can be shown as it is."""
    problems = []
    if plan.pair_id != context.pair.id:
        problems.append(f"the plan is for pair {plan.pair_id!r}, not {context.pair.id!r}")
    problems += _commitments_first(plan, context)
    problems += _serves_known_goals(plan, context)
    problems += [
        f"source {source.cite()} is not a section of the guidance; cite only the doc and heading "
        "of an excerpt you were given"
        for source in plan.sources
        if not knowledge.has_section(source.doc, source.heading)
    ]
    return problems


def _commitments_first(plan: SessionPlan, context: PairContext) -> list[str]:
    if not context.open_commitments:
        return []
    first = plan.agenda[0]
    if first.serves != COMMITMENT_CHECK_IN:
        return [
            f"the first agenda item must check in on the open commitments (serves "
            f"{COMMITMENT_CHECK_IN!r}); it is {first.title!r}"
        ]
    said = _plain(first.purpose)
    missing = [c for c in context.open_commitments if _plain(c.text) not in said]
    quoted = len(context.open_commitments) - len(missing)
    if len(context.open_commitments) > CHECK_IN_QUOTES:  # too many to quote: a few and a count
        return (
            []
            if quoted >= CHECK_IN_QUOTES
            else [
                f"the first agenda item must quote {CHECK_IN_QUOTES} of the "
                f"{len(context.open_commitments)} open commitments word for word and say how "
                f"many more there are; it quotes {quoted}"
            ]
        )
    return [
        f"the first agenda item must name every open commitment word for word; it leaves out "
        f"the {commitment.owner}'s “{commitment.text}”"
        for commitment in missing
    ]


def _serves_known_goals(plan: SessionPlan, context: PairContext) -> list[str]:
    known = {objective.id for objective in context.objectives}
    allowed = ", ".join(sorted(known)) or "none: this pair has no objectives yet"
    return [
        f"agenda item {item.title!r} serves {item.serves!r}, which is not one of this pair's "
        f"objectives ({allowed}) nor {COMMITMENT_CHECK_IN!r}"
        for item in plan.agenda
        if item.serves not in (None, COMMITMENT_CHECK_IN, *known)
    ]


def _plain(text: str) -> str:
    # Case, spacing and quotation marks are not the point; the words are.
    return re.sub(r"\s+", " ", re.sub(r"[“”\"'‘’]", "", text)).strip().casefold()
