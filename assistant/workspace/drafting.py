"""Use cases for debrief drafts: keep, offer back and discard one side's draft of a pair.

The draft format lives in `drafts.py`; it is loaded on first use, as it brings the domain
models, which a command like `rehearse --check` never needs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.workspace.parts import Parts

if TYPE_CHECKING:
    from assistant.models import Side
    from assistant.workspace.drafts import DebriefDraft, DraftFolder


class DraftUseCases(Parts):
    @property
    def _drafts(self) -> DraftFolder:
        from assistant.workspace.drafts import DraftFolder

        return DraftFolder(self.settings.home)

    async def load_draft(self, pair_id: str, side: Side) -> DebriefDraft | None:
        """This side's draft for the pair, or None; a damaged one raises `UnreadableDraft`."""
        from assistant.workspace.old_drafts import adopt_old_draft

        def load() -> DebriefDraft | None:
            adopt_old_draft(self._drafts, pair_id, side)
            return self._drafts.load(pair_id, side)

        return await self.off_loop(load)

    async def save_draft(self, draft: DebriefDraft) -> Path:
        """Keep the draft, stamped with the workspace's now; returns where it is kept."""
        stamped = draft.model_copy(update={"saved_at": self.clock.now()})
        return await self.off_loop(lambda: self._drafts.save(stamped))

    async def discard_draft(self, pair_id: str, side: Side) -> None:
        await self.off_loop(lambda: self._drafts.delete(pair_id, side))

    async def has_draft(self, pair_id: str, side: Side) -> bool:
        return await self.off_loop(lambda: self._drafts.path(pair_id, side).exists())
