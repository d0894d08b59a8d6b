"""Use cases about debriefs: open one with the drafts kept (`drafting.py`), record it as the
signed-in side, read your own notes.

`Recorded` says what recording did: a new session, this side's debrief added to the session the
other side recorded that day, or nothing new. A summary is recorded as the signed-in person: a
leader or mentor only for their own pairs and only their own side's fields (the other side's
ratings, learning and private note are theirs to give). In a shared store the database refuses
the same; these checks say so first, in one line that names the fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel

from assistant.workspace.drafting import DraftUseCases
from assistant.workspace.errors import InvalidInput, NotPermitted
from assistant.workspace.identity import NobodyChosen

if TYPE_CHECKING:
    from assistant.access import Identity
    from assistant.models import PairContext, SessionSummary, Side
    from assistant.store.record import Recorded
    from assistant.workspace.drafts import DebriefDraft, UnreadableDraft


@dataclass(frozen=True)
class OpenDebrief:
    """What a debrief of one pair starts from, for the signed-in person."""

    context: PairContext
    sides: tuple[Side, ...]
    """The sides this person records: their own, or both on a local store with nobody chosen."""
    days_recorded: frozenset[date]
    """Days the pair already has a session on: a debrief for one of them is added to it."""
    drafts: list[DebriefDraft]
    """The drafts kept for those sides, in the order of `sides`."""
    set_aside: list[UnreadableDraft]
    """Drafts that could not be read, each moved aside and named."""


class PrivateNote(BaseModel):
    pair_id: str
    held_on: date
    text: str


class DebriefUseCases(DraftUseCases):
    async def open_debrief(self, pair_id: str) -> OpenDebrief:
        from assistant.workspace.drafts import UnreadableDraft

        identity = await self.off_loop(lambda: self._debriefing(pair_id))
        sides: tuple[Side, ...] = (identity.side,) if identity.side else ("leader", "mentor")
        context = await self.off_loop(lambda: self.store.pair_context(pair_id))
        held = await self.off_loop(lambda: self.store.sessions(pair_id))
        drafts, set_aside = [], []
        for side in sides:
            try:
                draft = await self.load_draft(pair_id, side)
            except UnreadableDraft as unreadable:
                set_aside.append(unreadable)
                continue
            if draft is not None:
                drafts.append(draft)
        days = frozenset(summary.held_on for summary in held)
        return OpenDebrief(context, sides, days, drafts, set_aside)

    async def record_debrief(self, summary: SessionSummary) -> Recorded:
        def record() -> Recorded:
            self._check_own_side(self._debriefing(summary.pair_id), summary)
            return self.store.record_session_result(summary)

        return await self.off_loop(record)

    async def record_debrief_json(self, pair_id: str, text: str, source: str) -> Recorded:
        """A summary given as JSON (a file, standard input); errors name the field."""
        from assistant.workspace.summary_json import parse_summary

        await self.off_loop(lambda: self._debriefing(pair_id))
        return await self.record_debrief(parse_summary(pair_id, text, source=source))

    async def record_debrief_drafts(self, drafts: Sequence[DebriefDraft]) -> Recorded:
        """The debrief these drafts hold (one side's, or both sides' of one session), recorded;
        each draft is discarded once it is in the store, and kept when recording fails."""
        from assistant.workspace.debrief_form import summary_fields
        from assistant.workspace.summary_json import parse_summary

        summary = parse_summary(drafts[0].pair_id, summary_fields(drafts), source="the debrief")
        recorded = await self.record_debrief(summary)
        for draft in drafts:
            await self.discard_draft(draft.pair_id, draft.side)
        return recorded

    async def own_private_notes(self, pair_id: str | None = None) -> list[PrivateNote]:
        """The signed-in leader's or mentor's own private notes, newest first: theirs alone."""
        identity = await self.off_loop(lambda: self.require("notes"))
        side = identity.side
        if side is None:
            raise NobodyChosen(
                "private notes are their author's own, shown to a leader or a mentor, and "
                "nobody is chosen on this store"
            )
        if pair_id is not None and pair_id not in identity.pairs:
            mine = ", ".join(identity.pairs) or "none"
            raise InvalidInput(f"{pair_id} is not one of your pairs ({mine})")
        pairs = [pair_id] if pair_id else identity.pairs
        found = await self.off_loop(
            lambda: [
                PrivateNote(pair_id=pair, held_on=held_on, text=text)
                for pair in pairs
                for held_on, text in self.store.private_notes(pair, side)
            ]
        )
        return sorted(found, key=lambda note: note.held_on, reverse=True)

    def _debriefing(self, pair_id: str) -> Identity:
        """Who is signed in, refused unless they may debrief this pair."""
        identity = self.require("log")
        if identity.side and pair_id not in identity.pairs:
            mine = ", ".join(identity.pairs) or "none"
            raise NotPermitted(
                f"pair {pair_id} is not yours; you are signed in as {identity.describe()} "
                f"(your pairs: {mine})"
            )
        return identity

    @staticmethod
    def _check_own_side(identity: Identity, summary: SessionSummary) -> None:
        from assistant.access.sides import other_side_fields

        if identity.side is None:
            return
        theirs = other_side_fields(summary, identity.side)
        if theirs:
            raise NotPermitted(
                f"pair {summary.pair_id} on {summary.held_on}: {', '.join(theirs)}: you are "
                f"signed in as {identity.describe()}, and record only the {identity.side}'s "
                "side; leave these out for the other side to give"
            )
