"""An editable list of commitments: existing ones change status, new ones are added or removed."""

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Select

from assistant.tui.widgets.field_error import FieldError
from assistant.workspace.drafts import DraftCommitment

OWNERS = [("Leader", "leader"), ("Mentor", "mentor")]
STATUSES = [("Open", "open"), ("Done", "done"), ("Dropped", "dropped")]


class CommitmentRow(Vertical):
    """One commitment; text and owner are fixed once the store has it, only its status moves."""

    def __init__(self, commitment: DraftCommitment) -> None:
        super().__init__(classes="commitment")
        self.commitment = commitment

    def compose(self) -> ComposeResult:
        c = self.commitment
        existing = c.id is not None
        with Horizontal(classes="commitment-fields"):
            yield Select(
                OWNERS, value=c.owner, allow_blank=False, classes="owner", disabled=existing
            )
            yield Input(c.text, placeholder="Who does what", classes="text", disabled=existing)
            yield Input(c.due, placeholder="due YYYY-MM-DD", classes="due", disabled=existing)
            yield Select(STATUSES, value=c.status, allow_blank=False, classes="status")
            yield Button("✕", classes="remove", tooltip="Remove this commitment", disabled=existing)
        yield FieldError()

    @property
    def value(self) -> DraftCommitment:
        if not self.query(".due"):  # not composed yet: nothing can have been edited
            return self.commitment
        return self.commitment.model_copy(
            update={
                "owner": self._chosen(".owner", self.commitment.owner),
                "text": self.query_one(".text", Input).value,
                "due": self.query_one(".due", Input).value,
                "status": self._chosen(".status", self.commitment.status),
            }
        )

    def _chosen(self, selector: str, default: str) -> object:
        # A Select holds NULL until it is mounted, even with a value given: an autosave in
        # that moment would write NULL into the draft, which cannot be saved as JSON.
        value = self.query_one(selector, Select).value
        return default if value is Select.NULL else value

    def show_error(self, message: str) -> None:
        self.query_one(FieldError).say(message)
        self.set_class(bool(message), "-invalid")


class CommitmentsEditor(Vertical):
    class Changed(Message):
        """A commitment was added, removed or edited."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)

    def compose(self) -> ComposeResult:
        yield Vertical(id="commitment-rows")
        yield Button("+ Add commitment", id="add-commitment")

    @property
    def value(self) -> list[DraftCommitment]:
        return [row.value for row in self.query(CommitmentRow)]

    async def load(self, commitments: list[DraftCommitment]) -> None:
        rows = self.query_one("#commitment-rows")
        await rows.remove_children()
        await rows.mount_all(CommitmentRow(commitment) for commitment in commitments)

    def show_errors(self, errors: dict[int, str]) -> None:
        for index, row in enumerate(self.query(CommitmentRow)):
            row.show_error(errors.get(index, ""))

    @on(Button.Pressed, "#add-commitment")
    async def _add(self) -> None:
        row = CommitmentRow(DraftCommitment())
        await self.query_one("#commitment-rows").mount(row)
        row.query_one(".text", Input).focus()
        self.post_message(self.Changed())

    @on(Button.Pressed, ".remove")
    async def _remove(self, event: Button.Pressed) -> None:
        event.stop()
        await event.button.query_ancestor(CommitmentRow).remove()
        self.post_message(self.Changed())

    @on(Input.Changed)
    @on(Select.Changed)
    def _edited(self, event: Input.Changed | Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed())
