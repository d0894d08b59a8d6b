"""Start: who you are and, for leaders and mentors, which pair; remembered between runs.

It is the first screen painted, so it imports nothing that reads the programme: who is signed
in comes from the workspace once the app has opened it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from assistant.models import Pair, Participant, Role
from assistant.safe_text import markup_escape
from assistant.tui.access import rmcoach_app, workspace_of
from assistant.tui.errors import show_error

if TYPE_CHECKING:
    from assistant.access import Identity

ROLE_LABELS: dict[Role, str] = {
    "leader": "Leader: prepare your sessions and debrief them",
    "mentor": "Mentor: rehearse hard conversations and debrief",
    "coordinator": "Coordinator: review the programme",
}


ROLE_KEYS: dict[Role, str] = {"leader": "l", "mentor": "m", "coordinator": "c"}

SHARED_INTRO = (
    "rmcoach coaches reverse-mentoring pairs: a junior mentor and the senior leader they mentor. "
    "In this shared programme you are who your database login says; leaders and mentors Tab to "
    "their pair and pick it with the arrows; Enter continues."
)


class RoleButton(RadioButton):
    """Only the chosen role shows a filled mark: colour alone is lost on some terminals."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (Textual's name)
        return "●" if self.value else "○"


class RoleChoice(RadioSet, inherit_bindings=False):
    """The arrows choose the role they land on, so what is highlighted is what is chosen; Enter
    is left to the screen, where it continues."""

    BINDINGS = [
        Binding("down,right", "choose(1)", "Next role", show=False),
        Binding("up,left", "choose(-1)", "Previous role", show=False),
        Binding("space", "toggle_button", "Choose", show=False),
    ]

    def action_choose(self, step: int) -> None:
        if step > 0:
            self.action_next_button()
        else:
            self.action_previous_button()
        self.action_toggle_button()


class StartScreen(Screen[None]):
    identity: Identity | None = None
    """Who is signed in, once the programme is open."""
    pairs: dict[str, Pair] = {}
    """The pairs offered, by id, once the programme is open."""

    BINDINGS = [
        Binding("enter,ctrl+j,ctrl+enter", "continue", "Continue"),
        *(
            # The footer and the hint show capitals, so Shift+C must choose too, not fall through.
            Binding(
                f"{key},{key.upper()}",
                f"choose_role('{role}')",
                role.capitalize(),
                key_display=key.upper(),
            )
            for role, key in ROLE_KEYS.items()
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="start-body"), Vertical(id="start-card"):
            yield Static(
                "rmcoach coaches reverse-mentoring pairs: a junior mentor and the senior leader "
                "they mentor. Press L, M or C (or the arrow keys) to say who you are; "
                "leaders and mentors then Tab to their pair and pick it with the arrows; Enter "
                "continues.",
                id="start-intro",
            )
            yield Static("", id="start-whoami")
            yield Static("Who are you?", classes="section-title")
            with RoleChoice(id="role"):
                for role, label in ROLE_LABELS.items():
                    yield RoleButton(label, id=f"role-{role}")
            yield Static("Which pair?", classes="section-title", id="pair-title")
            yield OptionList(id="pairs")
            with Horizontal(id="start-actions"):
                yield Button("Continue", variant="primary", id="continue")
                yield Label("", id="coach-label")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#pairs", OptionList).loading = True
        self.watch(self.app, "opened", self._programme_opened)
        remembered = rmcoach_app(self).preferences.role
        self.query_one(f"#role-{remembered or 'leader'}", RadioButton).value = True
        self.query_one("#role", RadioSet).focus()

    def on_screen_resume(self) -> None:
        # Back here (F2) means changing who you are: start where that is chosen.
        self.query_one("#role", RadioSet).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In a shared store the role is the login's, not a choice: L, M and C leave the footer.
        shared = self.identity is not None and self.identity.mode == "shared"
        return not (shared and action == "choose_role")

    def action_choose_role(self, role: Role) -> None:
        self.query_one(f"#role-{role}", RadioButton).value = True

    def _fix_role(self, role: str | None) -> None:
        """A shared store: only the login's own role shows, and none for a login without one."""
        for name in ROLE_KEYS:
            button = self.query_one(f"#role-{name}", RadioButton)
            button.display = name == role
            if name == role:
                button.value = True

    def _programme_opened(self, opened: bool) -> None:
        if opened:
            self._load_programme()

    @work(exclusive=True, group="programme")
    async def _load_programme(self) -> None:
        workspace = workspace_of(self)
        pairs = self.query_one("#pairs", OptionList)
        try:
            self._show_identity(await workspace.signed_in())
            if self._offers_nothing:
                return
            people, shown = await workspace.participants(), await workspace.pairs()
        except Exception as error:
            show_error(self, error, "Could not read the programme", "Restart the app to try again.")
            return
        finally:
            pairs.loading = False
        self._show_pairs(people, shown)

    def _show_identity(self, identity: Identity) -> None:
        self.identity = identity
        self.query_one("#start-whoami", Static).update(_whoami(identity))
        if identity.mode == "shared":
            self.query_one("#start-intro", Static).update(SHARED_INTRO)
            self.refresh_bindings()
        if self._offers_nothing:
            for name in ("#role", "#pairs", "#pair-title", "#continue"):
                self.query_one(name).display = False

    def _show_pairs(self, people: list[Participant], shown: list[Pair]) -> None:
        identity = self.identity
        assert identity is not None
        pairs = self.query_one("#pairs", OptionList)
        pairs.clear_options()
        names = {person.id: person.name for person in people}
        if identity.mode == "shared" and identity.side:
            # A leader or mentor chooses among their own pairs (the database shows no others);
            # a local store is one person's notebook, where any pair may be chosen.
            shown = [pair for pair in shown if pair.id in identity.pairs]
        self.pairs = {pair.id: pair for pair in shown}
        pairs.add_options(_pair_option(names, pair) for pair in shown)
        if identity.mode == "shared":
            self._fix_role(identity.role)
        elif (role := _offered(identity.role)) is not None:
            self.action_choose_role(role)
        remembered = rmcoach_app(self).preferences.pair_id
        ids = [option.id for option in pairs.options]
        pairs.highlighted = ids.index(remembered) if remembered in ids else (0 if ids else None)
        self.query_one("#coach-label", Label).update(f"Coach: {workspace_of(self).coach_label}")

    @property
    def role(self) -> Role:
        pressed = self.query_one("#role", RadioSet).pressed_button
        chosen = _offered(pressed.id.removeprefix("role-")) if pressed and pressed.id else None
        return chosen or "leader"

    @property
    def _offers_nothing(self) -> bool:
        """An admin or a login without access in a shared store: the database would refuse."""
        identity = self.identity
        return identity is not None and identity.mode == "shared" and not _offered(identity.role)

    @on(RadioSet.Changed, "#role")
    def _role_changed(self) -> None:
        needs_pair = self.role != "coordinator" and not self._offers_nothing
        self.query_one("#pairs").display = needs_pair
        self.query_one("#pair-title").display = needs_pair

    @on(OptionList.OptionSelected, "#pairs")
    @on(Button.Pressed, "#continue")
    def action_continue(self) -> None:
        if self.identity is None:
            self.notify("The programme is still opening; one moment.")
            return
        if self._offers_nothing:
            self.notify(_whoami(self.identity), severity="warning")
            return
        role = self.role
        if role == "coordinator":
            self._enter(role, None, "coordinator")
            return
        pairs = self.query_one("#pairs", OptionList)
        if pairs.highlighted is None:
            self.notify("Choose your pair first (arrow keys, then Enter).", severity="warning")
            return
        pair = self.pairs[str(pairs.get_option_at_index(pairs.highlighted).id)]
        self._enter(role, pair.id, pair.leader_id if role == "leader" else pair.mentor_id)

    @work(exclusive=True, group="enter")
    async def _enter(self, role: Role, pair_id: str | None, person: str) -> None:
        """On a local store, act as the person chosen (the commands too: `rmcoach whoami`);
        then open the role's first screen. A shared store's person is its login."""
        identity = self.identity
        chosen = identity is not None and (identity.participant_id or identity.role) == person
        if identity is not None and identity.mode == "local" and not chosen:
            try:
                self.identity = await workspace_of(self).choose_person(person)
            except Exception as error:
                show_error(self, error, "Could not remember who you are")
                return
        rmcoach_app(self).enter(role, pair_id)


def _offered(role: str | None) -> Role | None:
    """`role` as one the start screen offers; None for an admin or a login without a role."""
    return next((offered for offered in ROLE_KEYS if offered == role), None)


def _whoami(identity: Identity) -> str:
    if identity.mode == "local" and identity.unrestricted:
        return "A local store, yours alone: say who you are below."
    if identity.mode == "local":
        return f"{identity.greeting()}: a local store, yours alone; choose again below."
    if identity.role == "admin":
        return f"{identity.greeting()}: admins manage access with `rmcoach access`."
    if identity.role is None and not identity.unrestricted:
        return f"{identity.greeting()}. Ask an admin: rmcoach access grant {identity.login} ..."
    return f"{identity.greeting()}, in the shared programme."


def _pair_option(names: dict[str, str], pair: Pair) -> Option:
    leader, mentor = (
        names.get(pair.leader_id, pair.leader_id),
        names.get(pair.mentor_id, pair.mentor_id),
    )
    status = "" if pair.status == "active" else f"  ({pair.status})"
    # Names come from a roster file: shown as typed, never read as markup or terminal codes.
    label = f"{markup_escape(leader)}  with  {markup_escape(mentor)}"
    return Option(f"{label}   · {pair.id}, {pair.cohort}{status}", id=pair.id)
