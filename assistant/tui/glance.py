"""The pair at a glance, in two short columns: objectives with progress, open commitments."""

from rich.text import Text

from assistant.models import PairContext
from assistant.safe_text import printable
from assistant.workspace.pairs import Glance


def objectives_column(context: PairContext) -> Text:
    held = context.sessions_held
    text = Text.assemble(
        (f"Objectives · {held} session{'s' if held != 1 else ''} held", "bold"),
        no_wrap=True,
        overflow="ellipsis",
    )
    if not context.objectives:
        text.append("\nNone yet: agree two or three in your first session.")
    for objective in context.objectives:
        text.append(f"\n{_bar(objective.progress)} {objective.progress:>3}% ", "bold")
        text.append(printable(objective.title))
    return text


def commitments_column(glance: Glance) -> Text:
    context = glance.context
    text = Text.assemble(("Open commitments", "bold"), no_wrap=True, overflow="ellipsis")
    if not context.open_commitments:
        text.append("\nNone open.")
    owners = {
        side: printable(person.name.split()[0] if person.name.split() else person.name)
        for side, person in (("leader", context.leader), ("mentor", context.mentor))
    }
    for commitment in context.open_commitments:
        text.append(f"\n• {printable(commitment.text)} ({owners[commitment.owner]}")
        if commitment.due:
            overdue = "bold red" if glance.overdue(commitment) else ""
            text.append(f", due {commitment.due:%d %b}", overdue)
        text.append(")")
    return text


def _bar(progress: int, width: int = 8) -> str:
    filled = round(progress / 100 * width)
    return "█" * filled + "░" * (width - filled)
