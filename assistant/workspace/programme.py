"""Use cases for running a programme: import its people and pairs, list them, match leaders
with mentors, and load the demo programme into an empty local store.

Coordinators' changes are refused to other roles here, before any work (`require`); the
database refuses them as well on a shared store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.workspace.errors import InvalidInput, NotFound, NotPermitted, WorkspaceError
from assistant.workspace.parts import Parts

if TYPE_CHECKING:
    from assistant.demo import LoadedDemo
    from assistant.matching.results import MatchResult
    from assistant.matching.rules import Request
    from assistant.models import Pair, Participant
    from assistant.store.store import ChangeCount


@dataclass(frozen=True)
class PairList:
    """Pairs as listed, with the names of the people in them."""

    pairs: list[Pair]
    names: dict[str, str]
    """Each participant's name by id."""

    def name(self, person_id: str) -> str:
        return self.names.get(person_id, "")


CARD_FIELDS = ("id", "name", "role", "department", "level", "left")
"""What a leader or mentor reads of others on a shared store (`store/access_sql.CARD`)."""


@dataclass(frozen=True)
class PeopleList:
    people: list[Participant]
    whole: bool
    """Whether this login reads whole rows (coordinators, admins, a local store); a leader or
    mentor on a shared store reads only each other person's card, and the fields the database
    keeps from them hold defaults that must not be shown as facts."""

    def cards(self) -> list[dict[str, object]]:
        return [person.model_dump(mode="json", include=set(CARD_FIELDS)) for person in self.people]


@dataclass(frozen=True)
class Matched:
    result: MatchResult
    saved: list[str] | None
    """The ids of the pairs created, or None when the proposal was not saved."""


class ProgrammeUseCases(Parts):
    async def import_roster(self, file: Path) -> ChangeCount:
        """Every row of a roster CSV checked, then its people created or updated; a problem on
        any line imports nothing, and each is named with its line and column."""
        from assistant.store.imports import import_roster

        await self.off_loop(lambda: self.require("roster import"))
        # Cancelled (Ctrl+C), it stops before its next batch of rows and nothing is imported.
        return await self.off_loop_stoppable(
            lambda check_in: import_roster(self.store, file, check_in)
        )

    async def import_pairs(self, file: Path) -> ChangeCount:
        """Every row of a pairs CSV checked against the roster, then created or updated; a
        pair without a start date starts today."""
        from assistant.store.imports import read_pairs

        await self.off_loop(lambda: self.require("pairs import"))
        today = self.today()
        # Checked, then written, in two steps: a Ctrl+C while the rows are checked writes nothing.
        pairs = await self.off_loop(lambda: read_pairs(self.store, file, today))
        return await self.off_loop(lambda: self.store.upsert_pairs(pairs))

    async def pair_list(self, status: str | None = None, cohort: str | None = None) -> PairList:
        def listed() -> PairList:
            self.require()
            names = {person.id: person.name for person in self.store.participants()}
            return PairList(self.store.pairs(status=status, cohort=cohort), names)

        return await self.off_loop(listed)

    async def participant_list(self, cohort: str | None = None) -> PeopleList:
        """Everyone this login may see, ordered by id, and whether it reads whole rows."""

        def listed() -> PeopleList:
            self.require()
            return PeopleList(self.store.participants(cohort=cohort), self.store.reads_whole_rows())

        return await self.off_loop(listed)

    async def match(self, request: Request, save: bool = False) -> Matched:
        """The best leader-mentor pairs for each cohort, explained; with `save`, created (and
        the rematched pairs closed) in one transaction, starting today.

        `InvalidInput` for a request that cannot be honoured (a lock that breaks a rule, an
        unknown cohort), with every reason; nothing is saved then.
        """
        await self.off_loop(lambda: self.require("match"))
        participants, existing = await self.off_loop(
            lambda: (self.store.participants(), self.store.pairs())
        )
        if not any(person.role in ("leader", "mentor") for person in participants):
            raise NotFound("no leaders or mentors yet", kind="roster")
        result = await self.off_loop(lambda: self._propose(participants, existing, request))
        if not save:
            return Matched(result, None)
        # Ctrl+C during the save's one transaction rolls it back, and says so.
        saved = await self.off_loop_stoppable(
            lambda check_in: self._save(result, existing, check_in),
            stopped="stopped before the pairs were saved, so nothing was changed",
        )
        return Matched(result, saved)

    def _propose(
        self, participants: list[Participant], existing: list[Pair], request: Request
    ) -> MatchResult:
        from assistant.matching.propose import propose
        from assistant.matching.rules import MatchInputError
        from assistant.matching.vectors import PhraseVectors, cache_file

        vectors = PhraseVectors(cache_file(self.settings.home))
        try:
            return propose(participants, existing, self.settings.matching, vectors, request)
        except MatchInputError as error:
            raise InvalidInput("\n".join(error.messages)) from error

    def _save(
        self, result: MatchResult, existing: list[Pair], before_commit: Callable[[], None]
    ) -> list[str]:
        from sqlalchemy.exc import SQLAlchemyError

        from assistant.matching.propose import to_pairs
        from assistant.store.errors import refused_by_database

        pairs = to_pairs(result, existing, start_date=self.today())
        if pairs:
            try:
                self.store.upsert_pairs(pairs, before_commit)
            except SQLAlchemyError as error:
                if refused_by_database(error):
                    raise  # the role's refusal, said as such by `translated`
                raise WorkspaceError(
                    "the pairs could not be saved, so nothing was changed: "
                    f"{getattr(error, 'orig', None) or error}"
                ) from error
        return [pair.id for pair in pairs if pair.id not in result.closing]

    async def demo_would_replace(self) -> bool:
        """Whether the store holds a programme that loading the demo would replace (ask first);
        `NotPermitted` on a shared store, which never takes a demo."""
        await self._demo_allowed()
        return not await self.off_loop(self.store.is_empty)

    async def load_demo(
        self, *, seed: int = 7, pairs: int = 12, months: int = 6, replace: bool = False
    ) -> LoadedDemo:
        """A made-up programme up to today, into a local store that is empty (or emptied first
        with `replace`); the same options give the same programme."""
        from assistant.demo import LoadedDemo, generate, write_programme

        await self._demo_allowed()
        today = self.today()

        def loaded(check_in: Callable[[], None]) -> LoadedDemo:
            programme = generate(seed=seed, pairs=pairs, months=months, today=today)
            written = write_programme(self.store, programme, replace=replace, check_in=check_in)
            return LoadedDemo(programme, written)

        # Cancelled (Ctrl+C), it stops at its next group of pairs and nothing is written.
        return await self.off_loop_stoppable(loaded)

    async def _demo_allowed(self) -> None:
        """Made-up people must never mix with real ones: a shared store never takes a demo."""
        identity = await self.off_loop(self.require)
        if identity.mode == "shared":
            raise NotPermitted(
                f"the demo is for a local store; this one is shared ({identity.store}), "
                "and made-up people must never mix with real ones"
            )
