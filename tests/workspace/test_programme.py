"""The programme use cases on the workspace: imports, lists, matching and the demo, on a real
store (SQLite, and PostgreSQL when RMCOACH_TEST_POSTGRES_URL is set), on a fixed today."""

import asyncio
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from databases import KINDS, database_url
from sqlalchemy import event

from assistant import demo
from assistant.access.local import LocalChoice, remember
from assistant.config import load_settings
from assistant.matching.rules import Request
from assistant.workspace.clock import Clock
from assistant.workspace.errors import InvalidInput, NotFound, NotPermitted, WorkspaceError
from assistant.workspace.programme import Matched
from assistant.workspace.workspace import Workspace

EXAMPLES = Path(__file__).parents[2] / "examples"
TODAY = date(2031, 5, 6)
"""Far from the wall clock, so a use case that read `date.today()` would show."""


@pytest.fixture(params=KINDS)
def workspace(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Workspace]:
    """Over an empty store of each kind, with nobody chosen (every use case open)."""
    with database_url(request.param, tmp_path, "programme") as url:
        monkeypatch.setenv("RMCOACH_DATABASE_URL", url)
        opened = Workspace(load_settings(), Clock(TODAY))
        yield opened
        opened.store.engine.dispose()


@pytest.fixture
async def imported(workspace: Workspace, tmp_path: Path) -> Workspace:
    """The example roster and pairs, the pair without an id given no start date either."""
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "leader_id,mentor_id,cohort,start_date\n"
        "L-001,M-101,2025-spring,2025-03-10\nL-004,M-104,2025-spring,\n",
        encoding="utf-8",
    )
    roster = await workspace.import_roster(EXAMPLES / "roster.csv")
    paired = await workspace.import_pairs(pairs)
    assert (roster.created, paired.created) == (12, 2)
    return workspace


async def test_imports_count_what_changed_and_a_pair_without_a_date_starts_today(
    imported: Workspace,
) -> None:
    again = await imported.import_roster(EXAMPLES / "roster.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 12)
    listed = await imported.pair_list()
    assert sorted(pair.start_date for pair in listed.pairs) == [date(2025, 3, 10), TODAY]


async def test_lists_filter_and_name_the_people_in_each_pair(imported: Workspace) -> None:
    listed = await imported.participant_list()
    everyone = listed.people
    assert listed.whole, "nobody chosen (and the tests' database superuser) reads whole rows"
    assert len(everyone) == 12 and [p.id for p in everyone] == sorted(p.id for p in everyone)
    cohort = everyone[0].cohort
    assert {p.cohort for p in (await imported.participant_list(cohort=cohort)).people} == {cohort}
    listed = await imported.pair_list(status="active")
    names = {p.id: p.name for p in everyone}
    assert [listed.name(p.leader_id) for p in listed.pairs] == [
        names[p.leader_id] for p in listed.pairs
    ]
    assert (await imported.pair_list(status="paused")).pairs == []
    assert (await imported.pair_list(cohort="nowhere")).pairs == []


async def test_a_bad_roster_imports_nothing_and_names_the_line(
    workspace: Workspace, tmp_path: Path
) -> None:
    bad = tmp_path / "roster.csv"
    bad.write_text(
        "id,name,role,department,level,manager_id,skills,interests,goals\nx,X,boss,IT,3,,,,\n"
    )
    with pytest.raises(WorkspaceError, match="line 2, column role: 'boss' is not one of"):
        await workspace.import_roster(bad)
    assert (await workspace.participant_list()).people == []


async def test_match_proposes_without_saving_then_saves_pairs_that_start_today(
    imported: Workspace,
) -> None:
    before = await imported.pair_list()
    proposed = await imported.match(Request())
    assert proposed.saved is None and proposed.result.proposals
    assert await imported.pair_list() == before
    saved = await imported.match(Request(), save=True)
    assert saved.saved and len(saved.saved) == len(saved.result.proposals)
    made = {p.id: p for p in (await imported.pair_list()).pairs if p.id in saved.saved}
    assert set(made) == set(saved.saved)
    assert {p.start_date for p in made.values()} == {TODAY}


async def test_match_refuses_what_cannot_be_honoured_and_an_empty_roster(
    workspace: Workspace,
) -> None:
    with pytest.raises(NotFound) as empty:
        await workspace.match(Request())
    assert empty.value.kind == "roster" and "rmcoach" not in empty.value.message
    await workspace.import_roster(EXAMPLES / "roster.csv")
    with pytest.raises(InvalidInput, match="nobody is in that cohort"):
        await workspace.match(Request(cohort="nowhere"), save=True)
    assert (await workspace.pair_list()).pairs == []


async def test_a_chosen_leader_may_list_but_not_import_or_match(
    imported: Workspace, tmp_path: Path
) -> None:
    if imported.identity.mode == "shared":
        pytest.skip("a shared store's roles are its database logins (tests/access)")
    remember(imported.settings.home, LocalChoice(participant_id="L-001"))
    imported.forget_identity()
    assert len((await imported.pair_list()).pairs) == 2
    for refused in (
        imported.import_roster(EXAMPLES / "roster.csv"),
        imported.import_pairs(EXAMPLES / "pairs.csv"),
        imported.match(Request(), save=True),
    ):
        with pytest.raises(NotPermitted, match="is for coordinators"):
            await refused
    assert len((await imported.pair_list()).pairs) == 2


async def test_the_demo_loads_up_to_today_on_a_local_store_and_never_on_a_shared_one(
    workspace: Workspace,
) -> None:
    if workspace.identity.mode == "shared":
        for refused in (workspace.demo_would_replace(), workspace.load_demo(pairs=2)):
            with pytest.raises(NotPermitted, match="the demo is for a local store"):
                await refused
        assert (await workspace.participant_list()).people == []
        return
    assert not await workspace.demo_would_replace()
    loaded = await workspace.load_demo(pairs=3, months=2)
    assert len((await workspace.pair_list()).pairs) == 3
    sessions = [s for history in loaded.programme.histories() for s in history.sessions]
    assert sessions and max(s.summary.held_on for s in sessions) < TODAY
    assert loaded.sessions == len(sessions)
    assert await workspace.demo_would_replace()
    with pytest.raises(WorkspaceError, match="already holds a programme"):
        await workspace.load_demo(pairs=2)
    await workspace.load_demo(pairs=2, replace=True)
    assert len((await workspace.pair_list()).pairs) == 2


async def test_a_demo_replace_cancelled_while_it_writes_leaves_the_programme_as_it_was(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+C cancels the command's task, but the write runs in a thread, which cannot be
    killed: it ran on to the end, and the programme was replaced after 'Aborted!'."""
    if workspace.identity.mode == "shared":
        pytest.skip("a shared store never takes a demo")
    await workspace.load_demo(pairs=3, months=2)
    before = await workspace.pair_list()
    loop = asyncio.get_running_loop()
    task: asyncio.Task[object] | None = None
    real_generate = demo.generate

    def generate_then_cancel(**options: object) -> demo.DemoProgramme:
        made = real_generate(**options)  # type: ignore[arg-type]
        loop.call_soon_threadsafe(task.cancel)  # type: ignore[union-attr]
        while not task.done():  # type: ignore[union-attr]
            time.sleep(0.01)  # the cancel has reached the use case: now write
        return made

    monkeypatch.setattr(demo, "generate", generate_then_cancel)
    task = asyncio.create_task(workspace.load_demo(pairs=600, months=3, replace=True))
    with pytest.raises(asyncio.CancelledError):
        await task
    await loop.shutdown_default_executor()  # the write's thread, to its end
    assert workspace.store.pairs() == before.pairs


async def test_a_roster_import_cancelled_between_batches_imports_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.store import imports

    loop = asyncio.get_running_loop()
    task: asyncio.Task[object] | None = None
    real_batches = imports.row_batches

    def cancel_after_the_first_batch(*args: object) -> Iterator[object]:
        for number, batch in enumerate(real_batches(*args)):  # type: ignore[arg-type]
            if number == 1:
                loop.call_soon_threadsafe(task.cancel)  # type: ignore[union-attr]
                while not task.done():  # type: ignore[union-attr]
                    time.sleep(0.01)
            yield batch

    monkeypatch.setattr(imports, "_BATCH", 5)  # the example's 12 people in three batches
    monkeypatch.setattr(imports, "row_batches", cancel_after_the_first_batch)
    task = asyncio.create_task(workspace.import_roster(EXAMPLES / "roster.csv"))
    with pytest.raises(asyncio.CancelledError):
        await task
    await loop.shutdown_default_executor()  # the import's thread, to its end
    assert workspace.store.participants() == []


async def test_a_pairs_import_cancelled_while_its_rows_are_checked_writes_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.store import imports

    await workspace.import_roster(EXAMPLES / "roster.csv")
    loop = asyncio.get_running_loop()
    task: asyncio.Task[object] | None = None
    real_read = imports.read_pairs

    def read_then_cancel(*args: object) -> object:
        pairs = real_read(*args)  # type: ignore[arg-type]
        loop.call_soon_threadsafe(task.cancel)  # type: ignore[union-attr]
        while not task.done():  # type: ignore[union-attr]
            time.sleep(0.01)
        return pairs

    monkeypatch.setattr(imports, "read_pairs", read_then_cancel)
    task = asyncio.create_task(workspace.import_pairs(EXAMPLES / "pairs.csv"))
    with pytest.raises(asyncio.CancelledError):
        await task
    await loop.shutdown_default_executor()
    assert workspace.store.pairs() == []


class CancelOnPairWrite:
    """Slows every statement by 300 ms; the first write to `pairs` cancels `task` (Ctrl+C)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.task: asyncio.Task[object] | None = None
        self.cancelled = False

    def __call__(self, _conn, _cursor, statement: str, *_rest: object) -> None:
        written = statement.lstrip().upper().startswith(("INSERT INTO PAIRS", "UPDATE PAIRS"))
        if written and not self.cancelled and self.task is not None:
            self.cancelled = True
            self.loop.call_soon_threadsafe(self.task.cancel)
        time.sleep(0.3)


async def test_match_save_cancelled_before_its_commit_saves_nothing_and_says_so(
    imported: Workspace,
) -> None:
    """The save is one transaction in a thread: without its check-in before the commit, a
    Ctrl+C during it still saved every pair while the command said it was aborted."""
    before = await imported.pair_list()
    slow = CancelOnPairWrite(asyncio.get_running_loop())
    event.listen(imported.store.engine, "before_cursor_execute", slow)
    try:
        slow.task = asyncio.create_task(imported.match(Request(), save=True))
        with pytest.raises(WorkspaceError, match="stopped before the pairs were saved"):
            await slow.task
    finally:
        event.remove(imported.store.engine, "before_cursor_execute", slow)
    assert slow.cancelled
    assert await imported.pair_list() == before


async def test_match_save_cancelled_once_committing_returns_what_it_saved(
    imported: Workspace,
) -> None:
    """Past the check-in, the cancel cannot undo the commit: the pairs saved are returned, so
    the command says what the store holds instead of 'aborted'."""
    loop = asyncio.get_running_loop()
    task: asyncio.Task[Matched] | None = None

    def cancel(_conn: object) -> None:
        if task is not None and not task.cancelling():
            loop.call_soon_threadsafe(task.cancel)
        time.sleep(0.3)

    event.listen(imported.store.engine, "commit", cancel)
    try:
        task = asyncio.create_task(imported.match(Request(), save=True))
        matched = await task
    finally:
        event.remove(imported.store.engine, "commit", cancel)
    assert task.cancelling() == 0, "the cancel was taken back, not left pending"
    assert matched.saved
    listed = {pair.id for pair in (await imported.pair_list()).pairs}
    assert set(matched.saved) <= listed
