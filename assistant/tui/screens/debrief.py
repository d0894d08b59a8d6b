"""Debrief (leader and mentor): the session summary as a form, autosaved as a draft until saved.

Every change is written to the draft file half a second after the last keystroke, and at quit;
the draft reopens on the next visit and is deleted once the summary is in the store.
"""

from datetime import date
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    Button,
    Footer,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from assistant.models import TOPICS, Objective, PairContext, SessionSummary, Side
from assistant.safe_text import markup_escape, printable
from assistant.tui.access import workspace_of
from assistant.tui.commands import PaletteCommand
from assistant.tui.day import DayTurned
from assistant.tui.errors import show_error
from assistant.tui.loading import loaded
from assistant.tui.widgets.commitments import CommitmentsEditor
from assistant.tui.widgets.field_error import FieldError
from assistant.tui.widgets.recorded import RecordedSession
from assistant.tui.widgets.tick_list import TickList
from assistant.workspace.debrief_form import DebriefInvalid, from_summary, to_summary
from assistant.workspace.drafts import DebriefDraft, DraftCommitment, UnreadableDraft
from assistant.workspace.errors import Conflict, FieldConflict

if TYPE_CHECKING:
    from assistant.workspace.debriefs import PrivateNote, Recorded
    from assistant.workspace.pairs import Glance

AUTOSAVE_SECONDS = 0.5
SAFETY = [
    (f"{n} · {label}", n)
    for n, label in enumerate(
        ["guarded", "cautious", "careful", "mixed", "fairly open", "open", "fully candid"], start=1
    )
]
USEFULNESS = [
    (f"{n} · {label}", n)
    for n, label in enumerate(
        ["not useful", "a little", "useful", "very useful", "one of the best"], start=1
    )
]
PROGRESS = [
    ("0 · not started", 0),
    ("25 · explored", 25),
    ("50 · practising", 50),
    ("75 · applied at work", 75),
    ("100 · success criteria met", 100),
]
TEXT_FIELDS = ("debrief_text", "learned", "shared_summary", "private_note")
INPUT_FIELDS = ("held_on", "duration_minutes")
CARRIED_FIELDS = {"status", "agenda_covered", "objective_notes"}
"""Asked by `rmcoach log`, not by this form; `complete` is not carried, as an edit here is
checked when saved here."""

HELP = """\
## Debrief

Record how the session went, soon after it ends. Everything you type is kept as a draft, so
quitting (or a crash) loses nothing: the draft reopens here next time.

- Write how it went in the first box and press **Ctrl+F**: the coach fills the form from it
  (with a model, from everything you wrote; offline, from what its guided form recognises,
  with questions for the rest). Check what it filled, then save. Lines starting "Private"
  are never sent to the model.
- Ratings, commitments and the shared summary are seen by your pair; the coordinator sees only
  totals across pairs. **Your private note is for you alone**: never shown to your pair, the
  coordinator, reports or exports.
- **Ctrl+S** checks every field and saves; a field that needs attention says why beside it.
"""


class DebriefScreen(Screen[None]):
    HELP = HELP
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("ctrl+f", "fill_from_text", "Fill from text"),
        Binding("escape", "cancel_fill", "Stop", show=False),
    ]

    def __init__(self, pair_id: str, side: Side) -> None:
        super().__init__()
        self.pair_id = pair_id
        self.side = side
        self.context: PairContext | None = None
        """The pair, once read: the form's objectives and open commitments come from it."""
        self._autosave: Timer | None = None
        self._filling_from_text = False
        self._filling = False
        self._baseline: DebriefDraft | None = None
        self._carried: dict[str, object] = {}
        """Answers a draft holds that this form has no field for (given to `rmcoach log`): kept
        as they are, so saving or autosaving here loses none of them."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="debrief-form"):
            yield RecordedSession(id="recorded")
            yield from self._compose_free_text()
            with Horizontal(classes="form-row"):
                yield from _field("Held on (YYYY-MM-DD)", Input(id="held_on"))
                yield from _field("Minutes", Input(id="duration_minutes", type="integer"))
            with Horizontal(classes="form-row"):
                yield from _field(
                    "Psychological safety", Select(SAFETY, prompt="1 to 7", id="safety")
                )
                yield from _field(
                    "Usefulness", Select(USEFULNESS, prompt="1 to 5", id="usefulness")
                )
            yield TickList(*((t.replace("-", " "), t) for t in TOPICS), id="topics")
            yield from _area("learned", "What you learned")
            yield Vertical(id="objectives")
            yield CommitmentsEditor(id="commitments")
            yield FieldError(id="commitments-error")
            yield from _area("shared_summary", "Shared summary: seen by your pair")
            yield from _area(
                "private_note", "🔒 Private note: only you will ever see this", "private"
            )
            yield Label("", id="earlier-notes-label", classes="area-label private")
            yield Static("", id="earlier-notes", classes="private", markup=False)
            yield Button("Save summary", variant="primary", id="save")
        yield Footer(compact=True)

    def _compose_free_text(self) -> ComposeResult:
        yield Label(
            "How did it go? Free text, optional: Ctrl+F fills the form from it",
            classes="area-label",
        )
        with Horizontal(id="free-text"):
            yield TextArea(id="debrief_text", soft_wrap=True)
            yield Button("Fill the form\n(Ctrl+F)", id="fill")
        yield Static("", id="to-complete")

    def on_mount(self) -> None:
        self.title = f"Debrief ({self.side}) · pair {self.pair_id}"
        self.query_one("#topics").border_title = "Topics covered (Space to tick)"
        self.query_one("#commitments").border_title = "Commitments"
        self.query_one("#objectives").border_title = "Progress on objectives"
        for hidden in ("#objectives", "#earlier-notes-label", "#earlier-notes", RecordedSession):
            self.query_one(hidden).display = False
        self.query_one("#debrief_text", TextArea).focus()
        self._open()

    @work(exclusive=True, group="open")
    async def _open(self) -> None:
        """Read the pair and this side's earlier notes, then put the draft (or a blank) in."""
        workspace = workspace_of(self)

        async def read() -> "tuple[Glance, list[PrivateNote]]":
            pair_id = self.pair_id
            return await workspace.glance(pair_id), await workspace.own_private_notes(pair_id)

        form = self.query_one("#debrief-form")
        opened = await loaded(form, read(), f"Could not open the debrief of {self.pair_id}")
        if opened is None:
            return
        glance, notes = opened
        self.context = context = glance.context
        self.title = (
            f"Debrief ({self.side}) · {printable(context.leader.name)} "
            f"with {printable(context.mentor.name)}"
        )
        await self._show_objectives(context)
        self._show_earlier_notes(notes)
        await self._open_draft()

    async def _show_objectives(self, context: PairContext) -> None:
        box = self.query_one("#objectives", Vertical)
        await box.remove_children()
        for index, objective in enumerate(context.objectives):
            select = Select(PROGRESS, prompt="progress unchanged", id=f"progress-{index}")
            error = FieldError(id=f"progress-{index}-error")
            label = Label(markup_escape(objective.title))
            await box.mount(Vertical(label, select, error, classes="field"))
        box.display = bool(context.objectives)

    def _show_earlier_notes(self, notes: "list[PrivateNote]") -> None:
        """Your own private notes from earlier sessions, newest first: never the other side's."""
        label = self.query_one("#earlier-notes-label", Label)
        label.update(f"🔒 Your earlier private notes ({len(notes)})")
        shown = self.query_one("#earlier-notes", Static)
        shown.update("\n".join(f"{note.held_on}  {note.text}" for note in notes))
        label.display = shown.display = bool(notes)

    async def _open_draft(self) -> None:
        try:
            draft = await workspace_of(self).load_draft(self.pair_id, self.side)
        except UnreadableDraft as error:
            show_error(self, error, "Your draft could not be reopened", "The form starts blank.")
            draft = None
        if draft is not None:
            when = f" from {draft.saved_at:%d %b %H:%M}" if draft.saved_at else ""
            self.notify(f"Your draft{when} is back. Ctrl+S saves it.", title="Draft reopened")
        await self.fill(draft or self._blank())

    def _blank(self) -> DebriefDraft:
        assert self.context is not None
        commitments = [
            DraftCommitment(
                id=c.id, owner=c.owner, text=c.text, due=c.due.isoformat() if c.due else ""
            )
            for c in self.context.open_commitments
        ]
        return DebriefDraft(
            pair_id=self.pair_id,
            side=self.side,
            held_on=workspace_of(self).today().isoformat(),
            commitments=commitments,
        )

    @on(DayTurned)
    def _day_turned(self, event: DayTurned) -> None:
        """A form still on yesterday's default date moves to today; a date typed in stays."""
        held_on = self.query_one("#held_on", Input)
        if self._baseline is None or held_on.value != self._baseline.held_on:
            return
        today = event.today.isoformat()
        self._baseline = self._baseline.model_copy(update={"held_on": today})
        held_on.value = today

    async def fill(self, draft: DebriefDraft) -> None:
        """Put a draft in the form; it becomes the baseline that autosave compares against."""
        # Half-filled, the form matches neither the old baseline nor the new: nothing to save yet.
        self._filling = True
        self._carried = draft.model_dump(include=CARRIED_FIELDS)
        try:
            await self._fill(draft)
        finally:
            self._filling = False
        self._baseline = self.collect()

    async def _fill(self, draft: DebriefDraft) -> None:
        for name in INPUT_FIELDS:
            self.query_one(f"#{name}", Input).value = getattr(draft, name)
        for name in TEXT_FIELDS:
            self.query_one(f"#{name}", TextArea).text = getattr(draft, name)
        for name in ("safety", "usefulness"):
            value = getattr(draft, name)
            self.query_one(f"#{name}", Select).value = Select.NULL if value is None else value
        topics = self.query_one("#topics", SelectionList)
        topics.deselect_all()
        for topic in draft.topics:
            topics.select(topic)
        for index, objective in enumerate(self._objectives):
            progress = draft.objective_progress.get(objective.id)
            select = self.query_one(f"#progress-{index}", Select)
            select.value = Select.NULL if progress is None else progress
        await self.query_one(CommitmentsEditor).load(draft.commitments)

    def collect(self) -> DebriefDraft:
        """The form as it stands, as a draft."""
        values: dict[str, object] = {
            name: self.query_one(f"#{name}", Input).value for name in INPUT_FIELDS
        }
        values |= {name: self.query_one(f"#{name}", TextArea).text for name in TEXT_FIELDS}
        for name in ("safety", "usefulness"):
            value = self.query_one(f"#{name}", Select).value
            values[name] = None if value is Select.NULL else value
        progress = {}
        for index, objective in enumerate(self._objectives):
            value = self.query_one(f"#progress-{index}", Select).value
            if value is not Select.NULL:
                progress[objective.id] = value
        return DebriefDraft(
            pair_id=self.pair_id,
            side=self.side,
            topics=list(self.query_one("#topics", SelectionList).selected),
            objective_progress=progress,
            commitments=self.query_one(CommitmentsEditor).value,
            **values,
            **self._carried,
        )

    @property
    def _objectives(self) -> list[Objective]:
        return self.context.objectives if self.context is not None else []

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    @on(CommitmentsEditor.Changed)
    def _changed(self) -> None:
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.set_timer(AUTOSAVE_SECONDS, self.flush_draft)

    async def flush_draft(self) -> bool:
        """Write the draft now if the form differs from what was last loaded or saved; False
        when it could not be written (the person has been told why)."""
        if self._autosave is not None:
            self._autosave.stop()
            self._autosave = None
        if not self.is_mounted or self._filling or self._baseline is None:
            return True
        draft = self.collect()
        workspace = workspace_of(self)
        try:
            if draft != self._baseline or await workspace.has_draft(self.pair_id, self.side):
                await workspace.save_draft(draft)
        except Exception as error:
            show_error(self, error, "Your draft could not be kept", "Copy what matters elsewhere.")
            return False
        return True

    async def on_screen_suspend(self) -> None:
        await self.flush_draft()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self.context is None:
            self.notify("The debrief is still opening; save again in a moment.")
            return
        try:
            summary = to_summary(self.collect())
        except DebriefInvalid as invalid:
            self._show_errors(invalid.errors)
            return
        self._show_errors({})
        self._save(summary)

    @work(exclusive=True, group="save")
    async def _save(self, summary: SessionSummary) -> None:
        try:
            recorded = await workspace_of(self).record_debrief(summary)
        except Conflict as conflict:
            await self._conflicted(conflict, summary.held_on)
            return
        except Exception as error:
            show_error(self, error, "Not saved", "Your draft is kept.")
            return
        try:
            await workspace_of(self).discard_draft(self.pair_id, self.side)
        except Exception as error:
            show_error(self, error, "Saved, but its draft could not be removed")
        self.notify(
            f"{self._saved(recorded)} What is recorded is at the top. "
            "The form is clear for your next debrief.",
            title="Saved",
        )
        await self._start_afresh(summary.held_on)

    def _saved(self, recorded: "Recorded") -> str:
        """What the store did with this debrief, in the person's terms, as `rmcoach log` says."""
        day = f"{recorded.held_on:%d %b %Y}"
        if recorded.outcome == "created":
            return f"Saved the session of {day}."
        if recorded.outcome == "unchanged":
            return f"Nothing new: the session of {day} already holds everything in this debrief."
        other = "mentor" if self.side == "leader" else "leader"
        return f"Saved: your debrief was added to the session of {day} the {other} recorded."

    async def _conflicted(self, conflict: Conflict, held_on: date) -> None:
        errors = {
            _form_key(c.path, self.side): _conflict_words(c, self.side) for c in conflict.fields
        }
        self._show_errors({}, announce=False)
        self._show_errors(errors, announce=False)
        await self._show_recorded(held_on)
        fields = ", ".join(dict.fromkeys(_in_words(key) for key in errors))
        self.notify(
            f"Not saved: your debrief of {held_on:%d %b %Y} is already recorded, and this one "
            f"differs in {fields}. What is recorded is never overwritten: it is shown at the top; "
            "make those fields match it, or empty them. Your draft is kept.",
            severity="error",
            timeout=20,
        )

    async def _show_recorded(self, held_on: date) -> None:
        try:
            recorded = await workspace_of(self).recorded_session(self.pair_id, held_on, self.side)
        except Exception as error:
            show_error(self, error, "Could not read what is recorded")
            return
        if recorded is not None and self.context is not None:
            self.query_one(RecordedSession).show(recorded, self.side, self.context)
            self.query_one("#debrief-form").scroll_home(animate=False)

    async def _start_afresh(self, held_on: date) -> None:
        try:
            self.context = (await workspace_of(self).glance(self.pair_id)).context
        except Exception as error:
            show_error(self, error, f"Could not read pair {self.pair_id} again")
            return
        await self._show_objectives(self.context)
        await self.fill(self._blank())
        await self._show_recorded(held_on)

    def _show_errors(self, errors: dict[str, str], announce: bool = True) -> None:
        for name in (
            *INPUT_FIELDS,
            "safety",
            "usefulness",
            "learned",
            "shared_summary",
            "private_note",
        ):
            self.query_one(f"#{name}-error", FieldError).say(errors.get(name, ""))
            self.query_one(f"#{name}").set_class(name in errors, "-invalid")
        rows = {
            int(key.split(".")[1]): reason
            for key, reason in errors.items()
            if key.startswith("commitments.")
        }
        self.query_one(CommitmentsEditor).show_errors(rows)
        other = [
            f"{key}: {reason}" for key, reason in errors.items() if key.split(".")[0] not in _SHOWN
        ]
        self.query_one("#commitments-error", FieldError).say("\n".join(other))
        if errors and announce:
            in_form_order = sorted(errors, key=lambda key: FORM_ORDER.index(_head(key)))
            fields = ", ".join(dict.fromkeys(_in_words(key) for key in in_form_order))
            self.notify(f"Not saved yet: check {fields} (reasons beside each).", severity="error")

    def action_fill_from_text(self) -> None:
        text = self.query_one("#debrief_text", TextArea).text.strip()
        if not text:
            self.notify(
                "Write how the session went in the first box, then press Ctrl+F.",
                severity="warning",
            )
            return
        self._fill_from_text(text)

    @on(Button.Pressed, "#fill")
    def _fill_pressed(self) -> None:
        self.action_fill_from_text()

    @work(exclusive=True, group="agent")
    async def _fill_from_text(self, text: str) -> None:
        form = self.query_one("#debrief-form")
        form.loading = True
        self._filling_from_text = True
        self.refresh_bindings()
        try:
            drafted = await workspace_of(self).draft_summary(self.pair_id, text, self.side)
        except Exception as error:
            show_error(
                self, error, "The coach could not read the debrief", "Fill the form by hand."
            )
            return
        finally:
            form.loading = False
            self._filling_from_text = False
            self.refresh_bindings()
        # What was kept before stays the baseline: the filled form is news, and autosaved.
        kept = self._baseline
        await self.fill(from_summary(drafted.summary, self.side, self.collect()))
        self._baseline = kept
        self._changed()
        questions = [f"• {question}" for question in drafted.to_complete.values()]
        self.query_one("#to-complete", Static).update("\n".join(questions))
        by = "the model" if drafted.drafted_by == "model" else "the offline guide"
        notice = f" {drafted.notice}" if drafted.notice else ""
        self.notify(f"Filled by {by} from your debrief: check each field, then Ctrl+S.{notice}")

    def action_cancel_fill(self) -> None:
        self.workers.cancel_group(self, "agent")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_fill":
            return self._filling_from_text
        return True

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                "Save debrief", "Check the form and save the session summary", self.action_save
            )
        ]


_SHOWN = {
    *INPUT_FIELDS,
    "safety",
    "usefulness",
    "learned",
    "shared_summary",
    "private_note",
    "commitments",
}


FIELD_WORDS = {
    "held_on": "the date",
    "duration_minutes": "the minutes",
    "safety": "safety",
    "usefulness": "usefulness",
    "topics": "the topics",
    "learned": "what you learned",
    "objective_progress": "progress on objectives",
    "commitments": "the commitments",
    "shared_summary": "the shared summary",
    "private_note": "your private note",
}
"""The form's fields as a person calls them, top to bottom."""
FORM_ORDER = [*FIELD_WORDS, ""]


def _head(key: str) -> str:
    head = key.split(".")[0]
    return head if head in FIELD_WORDS else ""


def _in_words(key: str) -> str:
    """'commitments.2.text' -> 'commitment 3': what a person calls the field, not its id."""
    head, *rest = key.split(".")
    if head == "commitments" and rest and rest[0].isdigit():
        return f"commitment {int(rest[0]) + 1}"
    return FIELD_WORDS.get(head, head.replace("_", " "))


def _form_key(path: str, side: Side) -> str:
    """A store field path ('mentor_ratings.safety', 'commitments[2].status') as the form's key."""
    path = path.removeprefix(f"{side}_ratings.").removeprefix(f"{side}_")
    if path.startswith("commitments["):
        index = path.removeprefix("commitments[").split("]")[0]
        return f"commitments.{index}"
    return path


def _conflict_words(conflict: FieldConflict, side: Side) -> str:
    if conflict.path.endswith("private_note"):
        return "your private note for this session is already recorded, and differs"
    if conflict.path == f"{side}_learned":
        return "what you learned is already recorded for this session, in other words"
    return conflict.reason


def _field(label: str, widget: Input | Select) -> ComposeResult:
    with Vertical(classes="field"):
        yield Label(label)
        yield widget
        yield FieldError(id=f"{widget.id}-error")


def _area(name: str, title: str, classes: str = "") -> ComposeResult:
    yield Label(title, classes=f"area-label {classes}")
    yield TextArea(id=name, classes=classes, soft_wrap=True)
    yield FieldError(id=f"{name}-error")
