"""Rehearse (mentor): practise upward feedback on a leader persona, with the rubric after each try.

What the mentor writes is never stored. Each attempt's score is kept for the mentor alone
(`AttemptHistory`), so the Progress panel shows their earlier practice after a restart too.
"""

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from assistant.agent.personas import Persona, PersonaError, builtin_personas, custom_persona
from assistant.agent.rehearsal import Attempt, Rehearsal
from assistant.agent.rubric import MAX_TOTAL
from assistant.safe_text import markup_escape
from assistant.tui.access import workspace_of
from assistant.tui.commands import PaletteCommand
from assistant.tui.loading import loaded
from assistant.tui.widgets.chat_panel import ChatPanel
from assistant.tui.widgets.rubric_card import RubricCard
from assistant.workspace.attempt_history import AttemptHistory, ScoredAttempt
from assistant.workspace.events import AttemptScored
from assistant.workspace.rehearsals import progress_lines

#: A topic is a few words ("late-night emails"); a longer line in the topic box is feedback.
TOPIC_WORDS = 8
CUSTOM = "custom"

HELP = """\
## Rehearse

Practise a piece of feedback for your leader before you give it for real. What you write is
not stored or shared; each attempt's score is kept for you alone (a private file in your data
folder), so Progress shows your earlier practice next time too.

- Choose a leader persona (or describe your own as `Name, Role, disposition`) and the topic,
  then **Start** (or just send your first attempt).
- Write what you would say, as you would say it. The leader answers in character, and the
  rubric card scores the attempt on situation, behaviour, impact, request, tone, absolutes
  and hedging, quoting your words, with a suggested rewrite.
- Try again as often as you like: Progress shows each attempt out of 14, as a bar, and your
  earlier rehearsals.
- **Ctrl+N** starts a new rehearsal. On a narrow terminal **Ctrl+O** shows the rubric.
"""


class RehearseScreen(Screen[None]):
    HELP = HELP
    BINDINGS = [
        Binding("escape", "cancel_reply", "Stop reply"),
        Binding("ctrl+n", "new_rehearsal", "New rehearsal"),
        Binding("ctrl+o", "toggle_rubric", "Rubric/chat"),
    ]

    def __init__(self, pair_id: str) -> None:
        super().__init__()
        self.pair_id = pair_id
        self.personas = builtin_personas()
        self.rehearsal: Rehearsal | None = None
        self._kept: list[ScoredAttempt] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="rehearse-body"):
            with Vertical(id="rehearse-setup"):
                yield Label("Leader persona")
                options = [
                    (markup_escape(p.describe()), str(i)) for i, p in enumerate(self.personas)
                ]
                yield Select(
                    [*options, ("Describe your own…", CUSTOM)],
                    value="0",
                    allow_blank=False,
                    id="persona",
                )
                yield Input(placeholder="Name, Role, disposition", id="custom-persona")
                yield Label("Topic of your feedback")
                yield Input(placeholder="e.g. late-night emails", id="topic")
                yield Button("Start rehearsal", variant="primary", id="start-rehearsal")
            with Vertical(id="rehearse-main"):
                yield ChatPanel("What would you say to the leader? Enter sends.", id="chat")
            with Vertical(id="rehearse-side"):
                with Vertical(id="progress"):
                    yield Static("No attempts yet.", id="attempts", markup=False)
                    yield Static("", id="history", markup=False)
                yield RubricCard(id="rubric")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.history = AttemptHistory(workspace_of(self).settings.home, self.pair_id, "mentor")
        self.title = "Rehearse · practise feedback upward"
        self.query_one("#rehearse-setup").border_title = "Set up"
        self.query_one("#progress").border_title = "Progress"
        self.query_one("#custom-persona").display = False
        self.add_class("-show-setup")
        self.query_one(ChatPanel).log_view.add_notice(
            "Choose the leader you will talk to and the topic of your feedback, then Start; "
            "or just write your first attempt below. What you write is not stored or shared; "
            "only your scores are kept, for you alone."
        )
        self.query_one("#topic", Input).focus()
        self._show_progress()
        self._load_history()

    @work(group="history-file")
    async def _load_history(self) -> None:
        """The earlier scores, read in a thread: a slow home folder must not hold up the keys."""
        reading = workspace_of(self).off_loop(self.history.load)
        kept = await loaded(self.query_one("#progress"), reading, "Could not read your scores")
        # A score kept meanwhile was added to the file's whole list, so it is the newer one.
        if kept and not self._kept:
            self._kept = kept
            self._show_progress()

    @on(Select.Changed, "#persona")
    def _persona_chosen(self, event: Select.Changed) -> None:
        self.query_one("#custom-persona").display = event.value == CUSTOM

    @on(Input.Submitted, "#topic")
    async def _topic_given(self) -> None:
        topic = self.query_one("#topic", Input)
        if len(topic.value.split()) <= TOPIC_WORDS:
            await self._start()
            return
        # The topic box has the focus when the screen opens, and people start with their
        # feedback itself: keep it as the first attempt rather than make it the topic.
        chat = self.query_one(ChatPanel)
        chat.box.value, topic.value = topic.value, ""
        self.notify(
            "That reads like what you would say to the leader, so it is in the message box now. "
            "Name the topic in a few words (e.g. late-night emails) and press Enter.",
            title="Topic first",
        )

    @on(Input.Submitted, "#custom-persona")
    @on(Button.Pressed, "#start-rehearsal")
    async def action_start(self) -> None:
        await self._start()

    async def _start(self) -> bool:
        try:
            rehearsal = Rehearsal(self._persona(), self.query_one("#topic", Input).value)
        except (PersonaError, ValueError) as error:
            self.notify(f"Cannot start yet: {error}.", severity="warning")
            return False
        self.workers.cancel_group(self, "agent")
        self.rehearsal = rehearsal
        chat = self.query_one(ChatPanel)
        await chat.log_view.clear_messages()
        chat.log_view.add_notice(
            f"Rehearsing with {rehearsal.persona.describe()}, about {rehearsal.topic}."
        )
        opening = await chat.log_view.add_reply(self._speaker())
        await opening.write(rehearsal.opening())
        await opening.finish()
        self._show_progress()
        self.remove_class("-show-setup")
        chat.box.focus()
        return True

    def _persona(self) -> Persona:
        choice = self.query_one("#persona", Select).value
        if choice == CUSTOM:
            return custom_persona(self.query_one("#custom-persona", Input).value)
        return self.personas[int(str(choice))]

    def _speaker(self) -> str:
        assert self.rehearsal is not None
        offline = "" if workspace_of(self).online else " (offline guide)"
        return f"{markup_escape(self.rehearsal.persona.name)}{offline}"  # a border title: markup

    @on(ChatPanel.Submitted)
    async def _attempt(self, event: ChatPanel.Submitted) -> None:
        if self.rehearsal is None and not await self._start():
            self.query_one(ChatPanel).box.value = event.text
            return
        self._turn(event.text)

    @work(exclusive=True, group="agent")
    async def _turn(self, text: str) -> None:
        assert self.rehearsal is not None
        self.refresh_bindings()
        events = workspace_of(self).rehearse(self.rehearsal, text)
        try:
            await self.query_one(ChatPanel).consume(
                text, self._speaker(), events, self._agent_event
            )
        finally:
            self.refresh_bindings()

    def _agent_event(self, event: object) -> None:
        if isinstance(event, AttemptScored):
            self.call_later(self._scored, event.attempt)

    async def _scored(self, attempt: Attempt) -> None:
        assert self.rehearsal is not None
        await self.query_one(RubricCard).show(attempt.result, len(self.rehearsal.attempts))
        await self._keep(attempt)
        self._show_progress()

    async def _keep(self, attempt: Attempt) -> None:
        assert self.rehearsal is not None
        scored = ScoredAttempt(
            at=workspace_of(self).clock.now(),
            persona=self.rehearsal.persona.name,
            topic=self.rehearsal.topic,
            total=attempt.result.total,
            out_of=MAX_TOTAL,
            missed=attempt.result.failed,
        )
        try:
            self._kept = await workspace_of(self).off_loop(lambda: self.history.add(scored))
        except OSError as error:
            self.notify(f"Your score could not be kept ({error}).", severity="warning")

    def _show_progress(self) -> None:
        progress = self.rehearsal.progress() if self.rehearsal else []
        lines = progress_lines(progress)
        self.query_one("#attempts", Static).update("\n".join(lines) or "No attempts yet.")
        earlier = _history(self._kept, len(progress))
        history = self.query_one("#history", Static)
        history.update(earlier)
        history.display = bool(earlier)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_reply":
            return self.query_one(ChatPanel).busy
        return True

    def action_cancel_reply(self) -> None:
        self.workers.cancel_group(self, "agent")

    def action_new_rehearsal(self) -> None:
        self.add_class("-show-setup")
        self.query_one("#topic", Input).focus()

    def action_toggle_rubric(self) -> None:
        self.toggle_class("-show-rubric")

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                "New rehearsal", "Choose another persona or topic", self.action_new_rehearsal
            )
        ]


def _history(kept: list[ScoredAttempt], this_rehearsal: int) -> str:
    earlier = kept[: len(kept) - this_rehearsal]
    if not earlier:
        return ""
    best = max(attempt.total for attempt in earlier)
    recent = " ".join(str(attempt.total) for attempt in earlier[-8:])
    return (
        f"Earlier, kept for you only: {len(earlier)} attempt(s) since "
        f"{earlier[0].at:%d %b}, best {best}/{MAX_TOTAL}; latest: {recent}"
    )
