"""A yes-or-no question before something that cannot be taken back by itself."""

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class Confirm(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self._question, self._yes, self._no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="form-card"):
            yield Static(self._question, markup=False)
            with Horizontal(classes="form-actions"):
                yield Button(self._yes, variant="warning", id="yes")
                yield Button(self._no, variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#form-card").border_subtitle = "y yes · n or Escape no"
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
