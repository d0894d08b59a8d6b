"""Past midnight the app moves to the new day on every screen at once.

The workspace's clock is the one owner of "today" and is asked each time; what a screen read
before midnight (the glance's overdue marks, a debrief's default date, the report, the surveys
owed) is read again when the app sees the day turn, never left mixing two days.
"""

from datetime import date

from textual.message import Message

DAY_CHECK_SECONDS = 60
"""How often the app asks the clock whether the day has turned."""


class DayTurned(Message):
    """Sent by the app to every screen when the workspace's today moves on."""

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today
