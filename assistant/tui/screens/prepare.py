"""Prepare (leader): the pair at a glance, a chat with the coach, and the session plan beside it."""

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from assistant.models import PairContext, SessionPlan
from assistant.safe_text import printable
from assistant.tui.access import rmcoach_app, workspace_of
from assistant.tui.commands import PaletteCommand
from assistant.tui.day import DayTurned
from assistant.tui.errors import show_error
from assistant.tui.glance import commitments_column, objectives_column
from assistant.tui.loading import loaded
from assistant.tui.screens.confirm import Confirm
from assistant.tui.widgets.chat_panel import ChatPanel
from assistant.tui.widgets.plan_panel import PlanPanel
from assistant.workspace.events import ChatMessage, PlanProposed
from assistant.workspace.exports import write_export
from assistant.workspace.pairs import Glance
from assistant.workspace.saved_chats import SavedChat, SavedChats, SavedMessage, chat_markdown

HELP = """\
## Prepare

Get ready for your next session. The coach knows your pair's objectives, open commitments and
recent sessions, and answers from the programme's guidance.

- Ask anything in the box at the bottom; replies stream in. **Escape** stops a reply.
- **Ctrl+G** drafts a plan for the session; it appears on the right (or **Ctrl+O** to show it
  on a narrow terminal). In the agenda, **Enter** edits an item, **n** adds one, **Delete**
  removes one; the session length follows the agenda. **Ctrl+Z** undoes the last change.
  Drafting again over an edited plan asks first, and Ctrl+Z brings the edited plan back.
- **Ctrl+E** exports the plan as Markdown and as a calendar event (`.ics`, for when the pair
  is next due, both of you invited), under the `exports` folder of your rmcoach home.
"""


class PrepareScreen(Screen[None]):
    HELP = HELP
    BINDINGS = [
        Binding("escape", "cancel_reply", "Stop reply"),
        Binding("ctrl+g", "redraft_plan", "Draft plan"),
        Binding("ctrl+z", "undo_plan", "Undo", show=False),
        # Priority: the chat box, where focus starts, would otherwise take Ctrl+E as "end of line".
        Binding("ctrl+e", "export_plan", "Export plan", priority=True),
        Binding("ctrl+o", "toggle_plan", "Plan/chat"),
        Binding("ctrl+n", "new_chat", "New chat", show=False),
        Binding("ctrl+b", "export_chat", "Export chat", show=False, priority=True),
    ]

    def __init__(self, pair_id: str) -> None:
        super().__init__()
        self.pair_id = pair_id
        self.glance: Glance | None = None
        """The pair as of today, once read; the glance shows it."""
        self.history: list[ChatMessage] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="prepare-body"):
            with Vertical(id="prepare-main"):
                with Horizontal(id="glance"):
                    yield Static(id="glance-objectives")
                    yield Static(id="glance-commitments")
                yield ChatPanel(
                    "Ask the coach, e.g. “How do I open on my digital-fluency goal?”", id="chat"
                )
            yield PlanPanel(id="plan")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        workspace = workspace_of(self)
        self.chats = SavedChats(workspace.settings.home, self.pair_id, "leader")
        self.chat = SavedChat(started_at=workspace.clock.now())
        self.title = f"Prepare · pair {self.pair_id}"
        self.query_one("#glance").border_title = "Your pair at a glance"
        self.query_one(ChatPanel).box.focus()
        self.load_glance()
        self.action_draft_plan()
        self._reopen_latest()

    @on(DayTurned)
    def _day_turned(self) -> None:
        self.load_glance()

    @work(exclusive=True, group="glance")
    async def load_glance(self) -> None:
        """Read the pair as of the workspace's today; again when the day turns."""
        reading = workspace_of(self).glance(self.pair_id)
        doing = f"Could not read pair {self.pair_id}"
        glance = await loaded(self.query_one("#glance"), reading, doing)
        if glance is None:
            return
        first = self.glance is None
        self.glance = glance
        context = glance.context
        self.query_one("#glance-objectives", Static).update(objectives_column(context))
        self.query_one("#glance-commitments", Static).update(commitments_column(glance))
        leader, mentor = printable(context.leader.name), printable(context.mentor.name)
        self.title = f"Prepare · {leader} with {mentor}"
        if first:
            self.query_one(ChatPanel).log_view.add_notice(
                f"Ask the coach anything about your next session with {context.mentor.name}: "
                "what to raise, how to invite candour, how to follow up. F1 shows every key."
            )

    @work(group="chat-file")
    async def _reopen_latest(self) -> None:
        """The newest kept conversation, read in a thread: a slow or network home folder must
        not hold up the keys. A question asked before it is read starts a new conversation."""
        chat = self.query_one(ChatPanel)
        reading = workspace_of(self).off_loop(self.chats.latest)
        last = await loaded(chat.log_view, reading, "Could not reopen your last conversation")
        if last is not None and last.messages and not (self.history or chat.busy):
            await self._reopen(last)

    async def _reopen(self, saved: SavedChat) -> None:
        self.chat = saved
        self.history = [ChatMessage(role=m.role, content=m.content) for m in saved.messages]
        log = self.query_one(ChatPanel).log_view
        log.add_notice(
            f"Your conversation of {saved.started_at:%d %b %H:%M} is back (kept for you alone). "
            "Ctrl+N starts a new one."
        )
        for message in saved.messages:
            if message.role == "user":
                log.add_user(message.content)
            else:
                await log.add_finished_reply("Coach", message.content)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_reply":
            return self.query_one(ChatPanel).busy
        if action == "export_plan":
            return self.query_one(PlanPanel).plan is not None or None
        return True

    @on(ChatPanel.Submitted)
    def _ask(self, event: ChatPanel.Submitted) -> None:
        self._turn(event.text)

    @work(exclusive=True, group="agent")
    async def _turn(self, text: str) -> None:
        self.refresh_bindings()
        chat = self.query_one(ChatPanel)
        events = workspace_of(self).prepare_chat(self.pair_id, self.history, text)
        try:
            reply = await chat.consume(text, "Coach", events, self._agent_event)
        finally:
            self.refresh_bindings()
        if reply is not None:
            self.history += [
                ChatMessage(role="user", content=text),
                ChatMessage(role="assistant", content=reply),
            ]
            await self._keep_chat()

    async def _keep_chat(self) -> None:
        messages = [SavedMessage(role=m.role, content=m.content) for m in self.history]
        self.chat = chat = self.chat.model_copy(update={"messages": messages})
        try:
            await workspace_of(self).off_loop(lambda: self.chats.save(chat))
        except OSError as error:
            self.notify(f"This conversation could not be kept ({error}).", severity="warning")

    async def action_new_chat(self) -> None:
        self.workers.cancel_group(self, "agent")
        self.history = []
        self.chat = SavedChat(started_at=workspace_of(self).clock.now())
        log = self.query_one(ChatPanel).log_view
        await log.clear_messages()
        log.add_notice("A new conversation; the last one is kept. Ctrl+B exports this one.")
        self.query_one(ChatPanel).box.focus()

    def action_export_chat(self) -> None:
        if not self.chat.messages:
            self.notify("Nothing to export yet: ask the coach something first.", severity="warning")
            return
        title = f"Preparing with the coach: pair {self.pair_id}"
        if self.glance is not None:
            leader, mentor = self.glance.context.leader.name, self.glance.context.mentor.name
            title = f"Preparing with the coach: {leader} with {mentor}"
        written = write_export(
            workspace_of(self).settings.home / "exports",
            f"chat-{self.pair_id}-{self.chat.started_at:%Y-%m-%d}",
            "md",
            chat_markdown(self.chat, title),
        )
        self.notify(f"Chat exported to {written}", title="Exported", timeout=10)

    def _agent_event(self, event: object) -> None:
        if isinstance(event, PlanProposed):
            panel = self.query_one(PlanPanel)
            edited = panel.edited
            panel.show_draft(event.plan)
            self.refresh_bindings()
            undo = " Ctrl+Z brings your edited plan back." if edited else ""
            self.notify(f"The coach proposed a plan: it is in the plan panel.{undo}")

    def action_cancel_reply(self) -> None:
        self.workers.cancel_group(self, "agent")

    def action_redraft_plan(self) -> None:
        if not self.query_one(PlanPanel).edited:
            self.action_draft_plan()
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self.action_draft_plan()

        question = (
            "You have edited this plan. Draft a new one in its place? "
            "(Ctrl+Z afterwards brings your edited plan back.)"
        )
        self.app.push_screen(Confirm(question, "Draft a new plan", "Keep my edits"), answered)

    def action_undo_plan(self) -> None:
        undone = self.query_one(PlanPanel).undo()
        self.notify(f"Undone: {undone}." if undone else "Nothing to undo in the plan.")

    @work(exclusive=True, group="plan")
    async def action_draft_plan(self) -> None:
        panel = self.query_one(PlanPanel)
        panel.loading = True
        await rmcoach_app(self).guidance_ready.wait()
        planning = workspace_of(self).plan(self.pair_id)
        result = await loaded(panel, planning, "Could not draft a plan", "Ctrl+G tries again.")
        if result is None:
            return
        panel.show_draft(result.plan)
        self.refresh_bindings()
        # Offline, the header already says so; a notice is news only when a model was asked.
        if result.notice and workspace_of(self).online:
            self.notify(result.notice)

    def action_export_plan(self) -> None:
        plan = self.query_one(PlanPanel).plan
        if plan is None:
            self.notify(
                "There is no plan to export yet: press Ctrl+G to draft one.", severity="warning"
            )
            return
        if self.glance is None:
            self.notify("The pair is still being read; export again in a moment.")
            return
        self._export_plan(plan, self.glance.context)

    @work(group="export")
    async def _export_plan(self, plan: SessionPlan, context: PairContext) -> None:
        try:
            said = await workspace_of(self).export_plan(plan, context)
        except Exception as error:
            show_error(self, error, "The plan was not exported", "Ctrl+E tries again.")
            return
        self.notify(said, title="Exported", timeout=10)

    def action_toggle_plan(self) -> None:
        self.toggle_class("-show-plan")

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                "Export this chat as Markdown",
                "Write the conversation with the coach to a file (Ctrl+B)",
                self.action_export_chat,
            ),
            PaletteCommand(
                "New chat",
                "Start a new conversation; the last one is kept (Ctrl+N)",
                self.action_new_chat,
            ),
            PaletteCommand(
                "Draft a session plan",
                "Ask the coach for a plan for the next session",
                self.action_redraft_plan,
            ),
            PaletteCommand(
                "Export plan (Markdown and calendar event)",
                "Write the plan to a Markdown file and an .ics event for your calendar",
                self.action_export_plan,
            ),
        ]
