"""The rubric card: how the last attempt did on each criterion, with the words that decided it."""

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Markdown, Static

from assistant.agent.rubric import MAX_SCORE, MAX_TOTAL, RubricResult
from assistant.safe_text import printable

MARKS = {2: "✓", 1: "◐", 0: "✗"}


class RubricCard(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static(
            "Say what you would say to the leader: after each attempt, the rubric appears here.",
            id="rubric-empty",
        )

    def on_mount(self) -> None:
        self.border_title = "Rubric"

    async def show(self, result: RubricResult, attempt: int) -> None:
        self.border_title = f"Rubric · attempt {attempt} · {result.total}/{MAX_TOTAL}"
        await self.remove_children()
        await self.mount_all(
            [
                *(_criterion(c.id, c.score, c.reason, c.quote) for c in result.criteria),
                _rewrite(result.rewrite),
            ]
        )
        self.scroll_home(animate=False)


def _criterion(criterion_id: str, score: int, reason: str, quote: str) -> Vertical:
    state = "-passed" if score == MAX_SCORE else "-missed"
    head = Static(
        f"{MARKS[score]} {criterion_id.capitalize()}  {score}/{MAX_SCORE}", classes="criterion-head"
    )
    parts = [head, Static(reason, classes="criterion-reason", markup=False)]
    if quote:
        parts.append(Static(f"“{printable(quote)}”", classes="quote", markup=False))
    return Vertical(*parts, classes=f"criterion {state}")


def _rewrite(text: str) -> Markdown:
    return Markdown(f"**Try it like this**\n\n{text}", id="rewrite")
