"""The reason beside a form field, shown only while there is one.

A CSS `:empty` rule cannot hide it: Textual counts a widget without child widgets as empty
whatever its text, so such a rule hid every reason. The widget sets its own display instead.
"""

from textual.widgets import Static


class FieldError(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, classes="field-error", markup=False)
        self.display = False

    def say(self, reason: str) -> None:
        """Show `reason` beside the field, or hide the line when it is empty."""
        self.update(reason)
        self.display = bool(reason)
