"""Use cases that reach people outside rmcoach: the nudges and owed surveys by e-mail.

Each item goes once: the store's mail log records it only after the server accepted the letter
carrying it, so a second run the same day sends nothing new and a failed letter is tried again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.workspace.errors import Unavailable
from assistant.workspace.parts import Parts

if TYPE_CHECKING:
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
