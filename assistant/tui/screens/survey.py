"""Survey (leader and mentor): answer the surveys you owe for your pair, whenever suits you.

Nothing else waits on a survey: every other screen works whether or not it is answered. The
form lists the surveys this side owes first (the others stay choosable, for an answer given on
paper), one choice per item on its scale, and the optional free-text question.
"""

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from assistant.models import Side
from assistant.surveys.catalogue import Scale
from assistant.tui.access import workspace_of
from assistant.tui.day import DayTurned
from assistant.tui.errors import show_error
from assistant.tui.loading import loaded

HELP = """\
## Survey

Four short surveys measure what the programme changes: the **baseline** when your pair starts,
**pairing fit** after your first session, and at the close the **closing** survey (the baseline's
items again, so change shows) and a 0-10 **recommendation**.

- Choose each item's answer on its scale; the ends of each scale are named beside the choices.
- The last question is free text and optional. It is shared like your shared summary: reports
  show themes across many pairs, never your words.
- **Ctrl+S** records your answers. Each survey is answered once.

Nothing else waits on a survey: leave it and come back whenever suits you.
"""


def _choices(scale: Scale) -> list[tuple[str, int]]:
    low, high = scale.anchors
    named = {scale.low: f" · {low}", scale.high: f" · {high}"}
    return [(f"{n}{named.get(n, '')}", n) for n in range(scale.low, scale.high + 1)]


class SurveyScreen(Screen[None]):
    HELP = HELP
    BINDINGS = [Binding("ctrl+s", "save", "Record answers")]

    def __init__(self, pair_id: str, side: Side) -> None:
        super().__init__()
        self.pair_id, self.side = pair_id, side
        self._items: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="survey-body"):
            yield Static(id="survey-owed")
            yield Select[str]([], id="survey-kind", prompt="choose a survey")
            yield Static(id="survey-when", classes="hint")
            yield Vertical(id="survey-items")
            yield Label("", id="survey-comment-label")
            yield Input(id="survey-comment", max_length=2000)
            yield Button("Record answers (Ctrl+S)", id="survey-save", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = f"Survey · pair {self.pair_id} · {self.side}"
        self._refresh_owed()

    @on(DayTurned)
    def _day_turned(self) -> None:
        self._refresh_owed()

    @work(exclusive=True, group="owed")
    async def _refresh_owed(self) -> None:
        reading = workspace_of(self).surveys_owed_by(self.pair_id, self.side)
        owed = await loaded(self.query_one("#survey-body"), reading, "Could not read surveys owed")
        if owed is None:
            return
        listed = ", ".join(f"{o.kind} (since {o.due_since})" for o in owed)
        self.query_one("#survey-owed", Static).update(
            f"You owe: {listed}." if owed else "You owe no survey today; thank you."
        )
        for widget in self.query("#survey-body > *").exclude("#survey-owed"):
            widget.display = bool(owed)
        if owed:
            select = self.query_one("#survey-kind", Select)
            select.set_options([(o.kind, o.kind) for o in owed])
            select.value = owed[0].kind

    @on(Select.Changed, "#survey-kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self._show_items(event.value)

    @work(exclusive=True, group="items")
    async def _show_items(self, kind: str) -> None:
        reading = workspace_of(self).survey_catalogue()
        box = self.query_one("#survey-items", Vertical)
        catalogue = await loaded(box, reading, "Could not show the survey")
        if catalogue is None:
            return
        survey = catalogue.survey(kind)
        self.query_one("#survey-when", Static).update(f"{survey.title}: {survey.when}.")
        await box.remove_children()
        rows: list[Widget] = []
        self._items, shown = [], None
        for number, (scale, item) in enumerate(catalogue.items_for(kind, self.side), start=1):
            if scale.id != shown:
                rows.append(Label(f"{scale.title} ({scale.low}-{scale.high})", classes="scale"))
                shown = scale.id
            self._items.append(item.id)
            choice = Select(_choices(scale), id=f"item-{number}", prompt="choose", compact=True)
            rows.append(Horizontal(Label(item.text, classes="item-text"), choice, classes="item"))
        await box.mount_all(rows)
        self.query_one("#survey-comment-label", Label).update(
            f"{survey.comment} (optional; shared like a shared summary, never quoted)"
        )
        self.query_one("#survey-comment", Input).value = ""

    @on(Button.Pressed, "#survey-save")
    def action_save(self) -> None:
        kind = self.query_one("#survey-kind", Select).value
        answers: dict[str, int] = {}
        for number, item_id in enumerate(self._items, start=1):
            value = self.query_one(f"#item-{number}", Select).value
            if not isinstance(value, int):
                left = sum(
                    not isinstance(self.query_one(f"#item-{n}", Select).value, int)
                    for n in range(number, len(self._items) + 1)
                )
                self.query_one(f"#item-{number}", Select).focus()
                self.notify(f"Answer every item: {left} still to choose (from item {number}).")
                return
            answers[item_id] = value
        comment = self.query_one("#survey-comment", Input).value
        self._record({"kind": kind, "answers": answers, "comment": comment})

    @work(exclusive=True, group="record")
    async def _record(self, answered: dict[str, object]) -> None:
        workspace = workspace_of(self)
        fields = {"pair_id": self.pair_id, "side": self.side, **answered}
        try:
            response = workspace.survey_response(fields, "the survey form")
            recorded = await workspace.answer_survey(response)
        except Exception as error:
            show_error(self, error, "Not recorded", "Your answers are still in the form.")
            return
        self.notify(str(recorded), title="Recorded")
        self._refresh_owed()
