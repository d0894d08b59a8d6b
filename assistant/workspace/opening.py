"""Opening a programme for the app: the store and the coach, and a demo where there is nothing.

The app asks for this once, after its first screen is painted: opening imports SQLAlchemy, Chroma
and the model client, and would otherwise hold up the first frame.
"""

from dataclasses import dataclass

from assistant.workspace.parts import Parts


@dataclass(frozen=True)
class Opened:
    seeded: int
    """How many demo pairs were seeded: 0 when the store already had a programme."""
    coach_label: str
    """Who answers: the model and its server, or the offline guide."""


class OpeningUseCases(Parts):
    async def open_programme(self) -> Opened:
        """Open the store and the coach; seed the demo when a local store is empty.

        A shared store is never seeded: made-up people must not mix with real ones, and a login
        may see an empty programme only because it has been granted nothing yet.
        """
        return await self.off_loop(lambda: Opened(self._seed_if_empty(), self.coach_label))

    def _seed_if_empty(self) -> int:
        if self.store.is_shared or not self.store.is_empty():
            return 0
        from assistant.demo import generate, write_programme

        programme = generate(today=self.today())
        write_programme(self.store, programme)
        return len(programme.pairs)
