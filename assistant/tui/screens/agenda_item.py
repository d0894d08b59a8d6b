"""A small form for one agenda item; checks each field before handing the item back."""

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from assistant.models import AgendaItem
from assistant.tui.widgets.field_error import FieldError
from assistant.workspace.errors import plain_reason

FIELDS = ("title", "minutes", "purpose")


class AgendaItemForm(ModalScreen[AgendaItem | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, item: AgendaItem | None) -> None:
        super().__init__()
        self._item = item

    def compose(self) -> ComposeResult:
        item = self._item
        with Vertical(id="form-card"):
            yield Label("Title")
            yield Input(item.title if item else "", id="title")
            yield FieldError(id="title-error")
            yield Label("Minutes")
            yield Input(str(item.minutes) if item else "10", id="minutes", type="integer")
            yield FieldError(id="minutes-error")
            yield Label("Purpose: what this part of the session is for")
            yield Input(item.purpose if item else "", id="purpose")
            yield FieldError(id="purpose-error")
            with Horizontal(classes="form-actions"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        card = self.query_one("#form-card")
        card.border_title = "Edit agenda item" if self._item else "New agenda item"
        card.border_subtitle = "Ctrl+S saves · Escape cancels"

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value for name in FIELDS}
        serves = self._item.serves if self._item else None
        try:
            item = AgendaItem.model_validate({**values, "serves": serves})
        except ValidationError as error:
            self._show_errors(error)
            return
        self.dismiss(item)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _show_errors(self, error: ValidationError) -> None:
        messages = {str(detail["loc"][0]): plain_reason(detail) for detail in error.errors()}
        for name in FIELDS:
            self.query_one(f"#{name}-error", FieldError).say(messages.get(name, ""))
            self.query_one(f"#{name}", Input).set_class(name in messages, "-invalid")
        first = next(name for name in FIELDS if name in messages)
        self.query_one(f"#{first}", Input).focus()
