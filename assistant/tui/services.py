"""The parts the app shows, built once and handed to the screens.

Opening them imports SQLAlchemy, Chroma and the model client, which takes longer than the first
paint may: the app opens them in a worker after the start screen is up (see `startup.py`), and
this module imports them for type checking only. Tests build their own from tmp folders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.workspace.drafts import DraftFolder

if TYPE_CHECKING:
    from assistant.access import Identity
    from assistant.agent.coach import Coach
    from assistant.knowledge import KnowledgeBase
    from assistant.store import Store


@dataclass
class Services:
    settings: Settings
    store: Store
    knowledge: KnowledgeBase
    coach: Coach
    drafts: DraftFolder
    today: date = field(default_factory=date.today)
    """The date screens default to; fixed in tests so snapshots do not drift."""

    @classmethod
    def open(cls, settings: Settings, today: date | None = None) -> Services:
        from assistant.agent.coach import Coach
        from assistant.knowledge import KnowledgeBase
        from assistant.store import Store
        from assistant.workspace.clock import Clock

        store = Store.open(settings)
        knowledge = KnowledgeBase.configured(settings)
        # The coach asks the same clock as the screens: a fixed date holds for plans and drafts.
        coach = Coach(settings, store, knowledge, today=Clock(today).today)
        return cls(
            settings, store, knowledge, coach, DraftFolder(settings.home), today or date.today()
        )

    def signed_in(self) -> Identity:
        """Who the app acts for: the database login (shared) or the remembered choice (local)."""
        from assistant.access import signed_in

        return signed_in(self.store, self.settings)
