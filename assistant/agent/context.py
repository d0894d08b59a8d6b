"""A pair's context as the short plain text a prompt carries.

Only shared fields ever appear: `PairContext` holds no private note, and the coordinator's view
leaves out the sessions' content too, since a coordinator is never a participant in a pair's
conversations.
"""

from assistant.llm.material import Block
from assistant.models import Commitment, Objective, PairContext, Participant

SUMMARY_CHARS = 400
"""Each recent shared summary is cut to this length: enough to recall, cheap in tokens."""


def person(participant: Participant) -> str:
    return f"{participant.name} ({participant.department}, level {participant.level})"


def power_gap(context: PairContext) -> str:
    gap = context.leader.level - context.mentor.level
    if gap <= 0:
        return (
            f"{context.mentor.name} is not junior to {context.leader.name} by grade, but the "
            "leader's seniority and influence still make candour a risk for the mentor."
        )
    return (
        f"{context.leader.name} is {gap} grade{'s' if gap != 1 else ''} above "
        f"{context.mentor.name} (level {context.leader.level} and level {context.mentor.level})."
    )


def objective_line(objective: Objective) -> str:
    criteria = "; ".join(objective.success_criteria) or "none written yet"
    return (
        f"- {objective.id}: “{objective.title}” ({objective.kind}, progress "
        f"{objective.progress}/100; success criteria: {criteria})"
    )


def commitment_line(commitment: Commitment) -> str:
    ident = f"[{commitment.id}] " if commitment.id is not None else ""
    due = f" (due {commitment.due.isoformat()})" if commitment.due else ""
    return f"- {ident}{commitment.owner}: “{commitment.text}”{due}"


def commitments_text(context: PairContext) -> str:
    """The pair's open commitments, one `- [id] side: “text” (due …)` line each: the prompts'
    material (a debrief's updates name the [id]) and the offline guide's answer alike. The app's
    glance shows them its own way (`tui/glance.py`: first names, short dates, overdue in red)."""
    lines = [commitment_line(c) for c in context.open_commitments]
    return "\n".join(lines) or "none"


def describe_pair(context: PairContext) -> str:
    """What the leader's and mentor's prompts know about the pair."""
    parts = [_header(context), "Objectives:", _objectives(context)]
    parts += ["Open commitments:", commitments_text(context)]
    recent = [
        f"- {s.held_on.isoformat()} ({s.status}): {_cut(s.shared_summary) or 'no shared summary'}"
        for s in context.recent_summaries
    ]
    if recent:
        parts += ["Recent sessions, newest first (shared summaries):", *recent]
    return "\n".join(parts)


def describe_pair_for_coordinator(context: PairContext) -> str:
    """The programme facts a coordinator may see; no session content."""
    return "\n".join(
        [
            _header(context),
            f"Status: {context.pair.status}. Open commitments: {len(context.open_commitments)}.",
            "Objectives:",
            _objectives(context),
        ]
    )


def _header(context: PairContext) -> str:
    pair = context.pair
    return (
        f"Pair {pair.id}: leader {person(context.leader)}, mentor {person(context.mentor)}. "
        f"Started {pair.start_date.isoformat()}, meeting every {pair.cadence_days} days; "
        f"sessions held: {context.sessions_held}."
    )


def _objectives(context: PairContext) -> str:
    return "\n".join(objective_line(o) for o in context.objectives) or "none agreed yet"


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "…"


def pair_material(context: PairContext) -> Block:
    """The pair as the leader's and mentor's prompts carry it: data, never instructions."""
    return Block(
        "pair",
        {
            "leader": person(context.leader),
            "mentor": person(context.mentor),
            "power_gap": power_gap(context),
            "details": describe_pair(context),
        },
    )


def coordinator_material(context: PairContext) -> Block:
    return Block("pair", {"details": describe_pair_for_coordinator(context)})
