"""The session as recorded, shown after a debrief is saved: both sides' parts and your own note."""

from textual.widgets import Markdown

from assistant.models import PairContext, Ratings, SessionSummary, Side
from assistant.safe_text import printable


class RecordedSession(Markdown):
    def show(self, summary: SessionSummary, side: Side, context: PairContext) -> None:
        self.update(recorded_markdown(summary, side, context))
        self.display = True


def recorded_markdown(summary: SessionSummary, side: Side, context: PairContext) -> str:
    names = {"leader": context.leader.name, "mentor": context.mentor.name}
    lines = [
        f"### Recorded for the session of {summary.held_on:%d %b %Y}",
        f"{summary.status.capitalize()}, {summary.duration_minutes} minutes"
        + (f" · topics: {', '.join(summary.topics)}" if summary.topics else ""),
        "",
    ]
    for who in ("leader", "mentor"):
        ratings: Ratings | None = getattr(summary, f"{who}_ratings")
        learned = _text(getattr(summary, f"{who}_learned"))
        label = f"**{_text(names[who])}** ({who}{', you' if who == side else ''})"
        if ratings is None and not learned:
            lines.append(f"- {label}: no debrief recorded yet")
            continue
        rated = f"safety {ratings.safety}/7, usefulness {ratings.usefulness}/5" if ratings else ""
        lines.append(
            f"- {label}: {rated or 'not rated'}" + (f"; learned: {learned}" if learned else "")
        )
    if summary.shared_summary:
        lines += ["", "**Shared summary**", "", _text(summary.shared_summary)]
    if summary.commitments:
        lines += ["", "**Commitments**", ""]
        lines += [f"- {c.owner}: {_text(c.text)} ({c.status})" for c in summary.commitments]
    note = getattr(summary, f"{side}_private_note")
    lines += [
        "",
        "**🔒 Your private note** (only you see it)",
        "",
        _text(note) if note else "(none)",
    ]
    return "\n".join(lines)


def _text(value: str) -> str:
    # People's words, shown as typed: control characters visible, Markdown's own signs inert.
    return "".join(
        f"\\{ch}" if ch in "\\`*_[]<>#|" else ch for ch in printable(value, multiline=True)
    )
