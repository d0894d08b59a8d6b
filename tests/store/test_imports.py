"""CSV imports: all rows checked first, problems shown by line and column, re-imports idempotent."""

from datetime import date
from pathlib import Path

import pytest

from assistant.store import Store
from assistant.store.csvfile import ImportFailed
from assistant.store.imports import import_pairs, import_roster, stable_pair_id

EXAMPLES = Path(__file__).parents[2] / "examples"
HEADER = "id,name,role,department,level,manager_id,skills,interests,goals"


def write(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def problems(caught: pytest.ExceptionInfo[ImportFailed]) -> list[tuple[int, str, str]]:
    return [(e.line, e.column, e.reason) for e in caught.value.errors]


def test_the_example_files_import_and_a_second_import_changes_nothing(store: Store) -> None:
    first = import_roster(store, EXAMPLES / "roster.csv")
    assert (first.created, first.updated) == (12, 0)
    assert (
        str(import_pairs(store, EXAMPLES / "pairs.csv", today=date(2025, 3, 1)))
        == "5 new, 0 updated, 0 unchanged"
    )
    before = (store.participants(), store.pairs())
    assert str(import_roster(store, EXAMPLES / "roster.csv")) == "0 new, 0 updated, 12 unchanged"
    assert (
        str(import_pairs(store, EXAMPLES / "pairs.csv", today=date(2026, 1, 1)))
        == "0 new, 0 updated, 5 unchanged"
    )
    assert (store.participants(), store.pairs()) == before


def test_roster_cells_become_typed_fields(store: Store) -> None:
    import_roster(store, EXAMPLES / "roster.csv")
    person = store.participant("M-101")
    assert person.skills == ["python", "dashboards", "prompt engineering"]
    assert person.manager_id == "L-006"
    assert person.joined == date(2025, 3, 3)
    assert store.participant("L-001").manager_id is None
    assert store.participant("L-004").consent_to_share is False


def test_every_bad_row_is_reported_and_nothing_is_imported(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "roster.csv",
        HEADER + ",consent",
        "a1,Ann Lee,boss,IT,3,,python;sql,,,maybe",
        "",
        "a2,,mentor,IT,13,a2,,,,",
        "a1,Bob Ray,leader,IT,ten,,,,,yes",
        "a3,Cy Dee,leader,IT,9,,,,,yes",
    )
    with pytest.raises(ImportFailed) as caught:
        import_roster(store, path)
    assert problems(caught) == [
        (2, "role", "'boss' is not one of 'leader', 'mentor' or 'coordinator'"),
        (2, "consent", "'maybe' is neither yes nor no"),
        (4, "name", "must not be empty"),
        (4, "level", "'13' is too large: the most allowed is 12"),
        (5, "level", "'ten' is not a whole number"),
        (5, "id", "'a1' is already used on line 2"),
    ]
    assert "nothing was imported" in str(caught.value)
    assert "roster.csv: line 4, column name: must not be empty" in str(caught.value)
    assert store.participants() == []


def test_a_header_without_required_columns_is_reported_on_line_1(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, "roster.csv", "id,name,role,level,shoe", "a1,Ann,leader,9,42")
    with pytest.raises(ImportFailed) as caught:
        import_roster(store, path)
    found = {(line, column) for line, column, _ in problems(caught)}
    assert {(1, "department"), (1, "goals"), (1, "shoe")} <= found


def test_a_person_cannot_manage_themselves_nor_switch_sides_while_paired(
    store: Store, tmp_path: Path
) -> None:
    import_roster(store, EXAMPLES / "roster.csv")
    import_pairs(store, EXAMPLES / "pairs.csv")
    path = write(
        tmp_path,
        "roster.csv",
        HEADER,
        "M-101,Aisha Khan,leader,Data,3,,,,",
        "x,X Y,mentor,IT,2,x,,,",
    )
    with pytest.raises(ImportFailed) as caught:
        import_roster(store, path)
    assert problems(caught) == [
        (2, "role", "M-101 is the mentor of pair P-01, so cannot become a leader"),
        (3, "manager_id", "a person cannot be their own manager"),
    ]


def test_pairs_are_checked_against_the_roster(store: Store, tmp_path: Path) -> None:
    import_roster(store, EXAMPLES / "roster.csv")
    path = write(
        tmp_path,
        "pairs.csv",
        "leader_id,mentor_id,cadence_days",
        "M-101,L-001,14",
        "L-001,nobody,14",
        "L-002,M-102,0",
    )
    with pytest.raises(ImportFailed) as caught:
        import_pairs(store, path)
    assert problems(caught) == [
        (2, "leader_id", "M-101 is a mentor in the roster, not a leader"),
        (2, "mentor_id", "L-001 is a leader in the roster, not a mentor"),
        (3, "mentor_id", "no participant 'nobody' in the roster; import the roster first"),
        (4, "cadence_days", "'0' is too small: the least allowed is 1"),
    ]
    assert store.pairs() == []


def test_a_pair_without_id_gets_a_stable_one_and_defaults_that_do_not_drift(
    store: Store, tmp_path: Path
) -> None:
    import_roster(store, EXAMPLES / "roster.csv")
    path = write(tmp_path, "pairs.csv", "leader_id,mentor_id", "L-004,M-104")
    import_pairs(store, path, today=date(2025, 4, 1))
    [pair] = store.pairs()
    assert pair.id == stable_pair_id("L-004", "M-104") == "L-004-M-104"
    assert (pair.start_date, pair.cohort, pair.status) == (
        date(2025, 4, 1),
        "2025-spring",
        "active",
    )
    assert import_pairs(store, path, today=date(2025, 9, 1)).unchanged == 1
    assert store.pairs()[0].start_date == date(2025, 4, 1)


def test_importing_pairs_again_keeps_their_objectives(store: Store) -> None:
    from assistant.models import Objective

    import_roster(store, EXAMPLES / "roster.csv")
    import_pairs(store, EXAMPLES / "pairs.csv")
    objective = Objective(id="O1", title="Try AI assistants", kind="digital-fluency")
    store.set_objectives("P-01", [objective])
    import_pairs(store, EXAMPLES / "pairs.csv")
    assert store.pair("P-01").objectives == [objective]


def test_a_file_that_is_not_utf8_is_refused_with_advice(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes((HEADER + "\na1,Jos\xe9,leader,IT,9,,,,\n").encode("latin-1"))
    with pytest.raises(ImportFailed, match="save it as CSV UTF-8"):
        import_roster(store, path)


def test_a_changed_row_updates_that_person_only(store: Store, tmp_path: Path) -> None:
    import_roster(store, EXAMPLES / "roster.csv")
    lines = (EXAMPLES / "roster.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("Margaret Okafor", "Margaret Okafor-Reid")
    count = import_roster(store, write(tmp_path, "roster.csv", *lines))
    assert (count.created, count.updated, count.unchanged) == (0, 1, 11)
    assert store.participant("L-001").name == "Margaret Okafor-Reid"


def test_the_optional_email_column_is_stored_checked_and_kept_when_left_empty(
    store: Store, tmp_path: Path
) -> None:
    import_roster(store, EXAMPLES / "roster.csv")
    assert store.participant("M-102").email == "tomas.ortega@example.org"
    assert store.participant("L-004").email is None
    bad = write(
        tmp_path,
        "roster.csv",
        HEADER + ",email",
        "M-102,Tomás Ortega,mentor,Marketing,2,L-004,,,,tomas ortega",
        "M-103,Grace Liu,mentor,IT,3,L-006,,,,grace.liu@example.org",
    )
    with pytest.raises(ImportFailed) as caught:
        import_roster(store, bad)
    assert problems(caught) == [
        (2, "email", "'tomas ortega' is not an e-mail address (write it as name@example.org)")
    ]
    assert store.participant("M-103").email == "grace.liu@example.org"
    update = write(
        tmp_path,
        "roster.csv",
        HEADER + ",email",
        "M-102,Tomás Ortega,mentor,Marketing,2,L-004,,,,",
        "L-004,David Mensah,leader,Sales,9,L-001,,,,david.mensah@example.org",
    )
    import_roster(store, update)
    assert store.participant("M-102").email == "tomas.ortega@example.org"
    assert store.participant("L-004").email == "david.mensah@example.org"


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two rows a batch, so a few lines exercise what a 100,000-row roster does."""
    from assistant.store import imports

    monkeypatch.setattr(imports, "_BATCH", 2)


def test_a_roster_read_in_batches_imports_every_row_and_counts_changes(
    store: Store, tmp_path: Path, small_batches: None
) -> None:
    rows = [f"L-{n},Person {n},leader,Finance,9,,a,b,c" for n in range(5)]
    assert (
        str(import_roster(store, write(tmp_path, "r.csv", HEADER, *rows)))
        == "5 new, 0 updated, 0 unchanged"
    )
    rows[3] = "L-3,Renamed,leader,Finance,9,,a,b,c"
    again = import_roster(
        store, write(tmp_path, "r.csv", HEADER, *rows, "M-9,New,mentor,IT,2,,a,b,c")
    )
    assert str(again) == "1 new, 1 updated, 4 unchanged"
    assert store.participant("L-3").name == "Renamed"


def test_a_problem_in_a_later_batch_imports_nothing_and_is_reported_with_the_rest(
    store: Store, tmp_path: Path, small_batches: None
) -> None:
    path = write(
        tmp_path,
        "r.csv",
        HEADER,
        "L-1,One,leader,Finance,9,,a,b,c",
        "L-2,Two,leader,Finance,9,,a,b,c",
        "L-3,Three,leader,Finance,nine,,a,b,c",
        "L-4,Four,leader,Finance,9,,a,b,c",
        "L-1,One again,leader,Finance,9,,a,b,c",
    )
    with pytest.raises(ImportFailed) as caught:
        import_roster(store, path)
    assert [(line, column) for line, column, _ in problems(caught)] == [(4, "level"), (6, "id")]
    assert "already used on line 2" in problems(caught)[1][2]
    assert store.participants() == []


FULL_HEADER = HEADER + ",cohort,availability,joined,left,consent,email"


def test_every_roster_column_is_compared_before_a_row_is_called_unchanged() -> None:
    from assistant.store.imports import ROSTER_OPTIONAL, ROSTER_REQUIRED
    from assistant.store.unchanged import compared_columns

    assert compared_columns() == {*ROSTER_REQUIRED, *ROSTER_OPTIONAL}


def test_a_reimport_is_unchanged_however_its_cells_are_spelled_and_any_real_change_updates(
    store: Store, tmp_path: Path
) -> None:
    first = (
        "L-1,Zoë Brandão,leader,Finance,9,B-7,forecasting;négociation,jazz,culture"
        + ",2026-spring,tue-am;thu-pm,2026-03-02,,yes,zoe@example.org"
    )
    import_roster(store, write(tmp_path, "r.csv", FULL_HEADER, first))
    stored = store.participants()
    again = import_roster(store, write(tmp_path, "r.csv", FULL_HEADER, first))
    assert str(again) == "0 new, 0 updated, 1 unchanged"
    # Other spellings of the same values, and empty cells that keep what is stored.
    respelled = (
        "L-1,Zoë Brandão,leader,Finance,09,B-7, forecasting ; négociation ;,jazz,culture"
        + ",,tue-am;thu-pm,,,YES,"
    )
    assert str(import_roster(store, write(tmp_path, "r.csv", FULL_HEADER, respelled))) == (
        "0 new, 0 updated, 1 unchanged"
    )
    assert store.participants() == stored
    for old, new in [
        ("négociation", "negotiation"),
        (",B-7,", ",,"),
        (",2026-03-02,", ",2026-03-03,"),
        (",yes,", ",no,"),
        (",9,", ",10,"),
        (",,yes,", ",2026-10-01,yes,"),  # last: an empty cell never clears a date again
    ]:
        changed = first.replace(old, new)
        assert str(import_roster(store, write(tmp_path, "r.csv", FULL_HEADER, changed))) == (
            "0 new, 1 updated, 0 unchanged"
        ), new
        if "2026-10-01" not in new:
            import_roster(store, write(tmp_path, "r.csv", FULL_HEADER, first))
            assert store.participants() == stored
    assert store.participant("L-1").left == date(2026, 10, 1)
