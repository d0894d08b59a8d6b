"""Use cases that reach people where they work: a plan in their calendars, the nudges and owed
surveys by e-mail.

Each e-mailed item goes once: the store's mail log records it only after the server accepted the
letter carrying it, so a second run the same day sends nothing new and a failed letter is tried
again.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.workspace.errors import Unavailable
from assistant.workspace.parts import Parts

if TYPE_CHECKING:
    from assistant.models import PairContext, SessionPlan
    from assistant.reach.sending import MailRun


class ReachUseCases(Parts):
    async def send_nudges(self, dry_run: bool = False) -> MailRun:
        """E-mail each person their new nudges and owed surveys in one letter, and each
        coordinator a summary; a dry run says what would go, and sends and records nothing."""
        from assistant.reach.sending import send_due_mail
        from assistant.reach.smtp import MailSetupError

        today = self.today()
        await self.off_loop(lambda: self.require("nudges"))
        try:
            return await self.off_loop(
                lambda: send_due_mail(self.store, self.settings, today, dry_run)
            )
        except MailSetupError as error:
            raise Unavailable(f"{error}. Nothing was sent.") from error

    async def write_plan_event(
        self,
        path: Path,
        plan: SessionPlan,
        context: PairContext,
        start: datetime | None = None,
    ) -> str:
        """The plan as a calendar event (.ics) both people are invited to, written whole to
        `path`; by default when the pair is next due, never before tomorrow, at 10:00. Says
        what was written."""
        from assistant.reach.calendar import next_session_start, write_plan_event

        begins = start or next_session_start(context, self.today())

        def write() -> str:
            try:
                return write_plan_event(path, plan, context, begins)
            except OSError as error:
                raise Unavailable(f"cannot write {path}: {error.strerror or error}") from error

        return await self.off_loop(write)

    async def export_plan(self, plan: SessionPlan, context: PairContext) -> str:
        """The plan as Markdown and as a calendar event for when the pair is next due, under
        the exports folder (a second export that day gets names of its own); says where."""
        from assistant.plan_markdown import plan_to_markdown
        from assistant.workspace.exports import write_export

        stem = f"plan-{plan.pair_id}-{self.today()}"
        markdown = plan_to_markdown(plan, context)
        folder = self.settings.home / "exports"
        written = await self.off_loop(lambda: write_export(folder, stem, "md", markdown))
        event = await self.write_plan_event(written.path.with_suffix(".ics"), plan, context)
        return f"Plan exported to {written}. {event}"
