"""The session plan beside the chat: agenda, reflection questions, safety prompts, sources.

Agenda items are edited in a small form (Enter), added (n) and removed (Delete); every change is
re-validated as a whole `SessionPlan`, so the panel never holds a plan the exporter would refuse.
Each change, and each plan that replaces an edited one, can be undone (Ctrl+Z on the screen).
"""

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Markdown, Static

from assistant.models import AgendaItem, SessionPlan
from assistant.tui.screens.agenda_item import AgendaItemForm
from assistant.tui.widgets.fitted_table import FittedTable

UNDO_DEPTH = 50


class PlanPanel(Vertical):
    BINDINGS = [
        Binding("n", "add_item", "New item", show=False),
        Binding("delete,x", "remove_item", "Remove item", show=False),
    ]

    plan: reactive[SessionPlan | None] = reactive(None, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.drafted: SessionPlan | None = None
        """The plan as the coach last drafted it; the person's edits are what differs from it."""
        self._undo: list[tuple[SessionPlan | None, str]] = []
        self._select: int | None = None

    @property
    def edited(self) -> bool:
        return self.plan is not None and self.plan != self.drafted

    def show_draft(self, plan: SessionPlan) -> None:
        """A plan from the coach; an edited plan it replaces can be brought back with undo."""
        if self.edited:
            self._remember("the new draft (your edited plan is back)")
        self.drafted = plan
        self.plan = plan

    def undo(self) -> str | None:
        """Go back one change; what was undone, or None when there is nothing to undo."""
        if not self._undo:
            return None
        plan, what = self._undo.pop()
        self.plan = plan
        if plan is not None:
            self.post_message(self.Changed(plan))
        return what

    def _remember(self, what: str) -> None:
        self._undo = [*self._undo[-UNDO_DEPTH + 1 :], (self.plan, what)]

    class Changed(Message):
        """The person edited the plan."""

        def __init__(self, plan: SessionPlan) -> None:
            super().__init__()
            self.plan = plan

    def compose(self) -> ComposeResult:
        yield Static("No plan yet: press Ctrl+G to draft one.", id="plan-status")
        yield FittedTable(wrap=False, id="agenda", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="plan-details"):
            yield Markdown(id="plan-text")

    def on_mount(self) -> None:
        self.border_title = "Session plan"
        self.border_subtitle = "↵ edit · n add · Del remove · ^Z undo"

    def watch_plan(self, plan: SessionPlan | None) -> None:
        table = self.query_one(FittedTable)
        if plan is None:
            table.fill(["Min", "Agenda item"], [])
            return
        # A title too long for the panel ends in an ellipsis, so it is seen to go on.
        table.fill(
            ["Min", "Agenda item"], [(str(item.minutes), item.title) for item in plan.agenda]
        )
        if self._select is not None:
            table.move_cursor(row=self._select)
            self._select = None
        self.query_one("#plan-status", Static).update(
            f"Session {plan.session_number} · {plan.stage} · {plan.minutes} min"
        )
        self.query_one("#plan-text", Markdown).update(_details(plan))

    @on(DataTable.RowSelected, "#agenda")
    def _edit_item(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.plan is not None:
            self._open_form(self.plan.agenda[event.cursor_row], event.cursor_row)

    def action_add_item(self) -> None:
        if self.plan is not None:
            self._open_form(None, len(self.plan.agenda))

    def action_remove_item(self) -> None:
        if self.plan is None:
            return
        if len(self.plan.agenda) == 1:
            self.notify(
                "A plan needs at least one agenda item; edit this one instead.", severity="warning"
            )
            return
        agenda = list(self.plan.agenda)
        row = self.query_one(FittedTable).cursor_row
        removed = agenda.pop(row)
        what = f"removing “{removed.title}”"
        self._apply(agenda, min(row, len(agenda) - 1), what, removed.title)

    def _open_form(self, item: AgendaItem | None, index: int) -> None:
        def done(edited: AgendaItem | None) -> None:
            if edited is None or self.plan is None:
                return
            agenda = list(self.plan.agenda)
            agenda[index : index + (item is not None)] = [edited]
            what = f"{'the edit of' if item else 'adding'} “{edited.title}”"
            self._apply(agenda, index, what)  # the row just edited or added is the one selected

        self.app.push_screen(AgendaItemForm(item), done)

    def _apply(self, agenda: list[AgendaItem], select: int, what: str, removed: str = "") -> None:
        assert self.plan is not None
        minutes = sum(item.minutes for item in agenda)
        try:
            plan = SessionPlan.model_validate(
                {**self.plan.model_dump(), "agenda": agenda, "minutes": minutes}
            )
        except ValidationError as error:
            reason = error.errors()[0]["msg"]
            self.notify(
                f"That change would make the plan invalid: {reason}. Nothing was changed.",
                severity="error",
            )
            return
        message = f"Removed “{removed}” (Ctrl+Z brings it back)." if removed else ""
        if minutes != self.plan.minutes:
            message = f"{message} The session is now {minutes} minutes.".strip()
        self._remember(what)
        self._select = select
        self.plan = plan
        self.post_message(self.Changed(plan))
        if message:
            self.notify(message)


def _details(plan: SessionPlan) -> str:
    lines = ["### Before the session", *(f"- {q}" for q in plan.reflection_before)]
    lines += ["### After the session", *(f"- {q}" for q in plan.reflection_after)]
    lines += [
        "### Making candour safe",
        "**Leader**",
        *(f"- {p}" for p in plan.safety_prompts.leader),
    ]
    lines += ["", "**Mentor**", *(f"- {p}" for p in plan.safety_prompts.mentor)]
    lines += ["### Sources", *(f"- {s.doc} › {s.heading}" for s in plan.sources)]
    return "\n".join(lines)
