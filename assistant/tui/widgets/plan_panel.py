"""The session plan beside the chat: agenda, reflection questions, safety prompts, sources.

Agenda items are edited in a small form (Enter), added (n) and removed (Delete); every change is
re-validated as a whole `SessionPlan`, so the panel never holds a plan the exporter would refuse.
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


class PlanPanel(Vertical):
    BINDINGS = [
        Binding("n", "add_item", "New item", show=False),
        Binding("delete,x", "remove_item", "Remove item", show=False),
    ]

    plan: reactive[SessionPlan | None] = reactive(None, init=False)

    class Changed(Message):
        """The person edited the plan."""

        def __init__(self, plan: SessionPlan) -> None:
            super().__init__()
            self.plan = plan

    def compose(self) -> ComposeResult:
        yield Static("No plan yet: press Ctrl+G to draft one.", id="plan-status")
        yield DataTable(id="agenda", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="plan-details"):
            yield Markdown(id="plan-text")

    def on_mount(self) -> None:
        self.border_title = "Session plan"
        self.border_subtitle = "Enter edits · n adds · Del removes"
        self.query_one("#agenda", DataTable).add_columns("Min", "Agenda item")

    def watch_plan(self, plan: SessionPlan | None) -> None:
        table = self.query_one("#agenda", DataTable)
        row = table.cursor_row
        table.clear()
        if plan is None:
            return
        for item in plan.agenda:
            table.add_row(str(item.minutes), item.title)
        table.move_cursor(row=min(row, len(plan.agenda) - 1))
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
        removed = agenda.pop(self.query_one("#agenda", DataTable).cursor_row)
        self._apply(agenda, f"Removed “{removed.title}”.")

    def _open_form(self, item: AgendaItem | None, index: int) -> None:
        def done(edited: AgendaItem | None) -> None:
            if edited is None or self.plan is None:
                return
            agenda = list(self.plan.agenda)
            agenda[index : index + (item is not None)] = [edited]
            self._apply(agenda, None)

        self.app.push_screen(AgendaItemForm(item), done)

    def _apply(self, agenda: list[AgendaItem], message: str | None) -> None:
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
        if minutes != self.plan.minutes:
            message = f"{message or ''} The session is now {minutes} minutes.".strip()
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
