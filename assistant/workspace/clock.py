"""The one owner of "today": fixed by `--today` and in tests, else the wall clock, asked each time.

Every use case asks the workspace's clock, never `date.today()`, so a fixed date holds for the
glance, the plan and the drafts alike, and an app left open past midnight moves on to the new
day everywhere at once instead of mixing two.
"""

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class Clock:
    fixed: date | None = None
    """The day to act as today; None follows the wall clock."""

    def today(self) -> date:
        return self.fixed or date.today()

    def now(self) -> datetime:
        """This moment with its time zone (stamps on drafts); on the fixed day when fixed."""
        now = datetime.now().astimezone()
        return now if self.fixed is None else now.replace(*self.fixed.timetuple()[:3])


def parse_day(text: str, what: str = "the date") -> date:
    """A `YYYY-MM-DD` date within the dates rmcoach accepts; `InvalidInput` names `what`."""
    from assistant.models import check_day
    from assistant.workspace.errors import InvalidInput

    try:
        day = date.fromisoformat(text.strip())
    except ValueError as error:
        raise InvalidInput(f"{what}: {text!r} is not a date", "write it as YYYY-MM-DD") from error
    try:
        return check_day(day)
    except ValueError as error:
        raise InvalidInput(f"{what}: {error}") from error
