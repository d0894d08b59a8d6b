"""Help: what the screen underneath is for, and the keys that work on it."""

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

GENERAL = """\
## Everywhere

| Key | Does |
| --- | --- |
| F1 or ? | this help (Escape closes it) |
| Ctrl+P | the command palette: go to a screen, export, save |
| F2 | change who you are or which pair |
| F3 to F7 | Prepare, Rehearse, Debrief, Review, Survey (those your role uses) |
| Escape | stop a reply that is streaming; your message goes back in the box |
| Ctrl+T | light or dark theme |
| Tab / Shift+Tab | move between fields |
| Ctrl+Q | quit (a debrief draft is kept and reopens next time) |

Without a model server, rmcoach answers with its **offline guide**: plans, rehearsal
feedback and debrief forms still work; the chat answers from the guidance documents.
Set `OPENAI_BASE_URL` (and `OPENAI_API_KEY` if the server needs one) to use a model.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,f1,question_mark", "dismiss", "Close"),
    ]

    def __init__(self, about: Screen[object]) -> None:
        super().__init__()
        self._about = about

    def compose(self) -> ComposeResult:
        screen_help = getattr(self._about, "HELP", "")
        body = VerticalScroll(id="help-body")
        body.border_title = "Help"
        body.border_subtitle = "Escape to close"
        with body:
            yield Markdown(f"{screen_help}\n\n{GENERAL}" if screen_help else GENERAL)
