from datetime import date

from assistant.matching.graph import check_roster
from assistant.models import Pair

from .people import leader, mentor, person


def test_reporting_lines_include_indirect_managers_nearest_first() -> None:
    roster = [
        leader("ceo"),
        leader("cfo", manager_id="ceo"),
        person("controller", "coordinator", manager_id="cfo"),
        mentor("analyst", manager_id="controller"),
    ]
    check = check_roster(roster)
    assert check.lines.managers_of("analyst") == ("controller", "cfo", "ceo")
    assert check.lines.related("cfo", "analyst") and check.lines.related("analyst", "ceo")
    assert check.lines.related("cfo", "ceo")
    assert check.problems == [] and check.left_out == {}


def test_people_in_separate_branches_are_not_related() -> None:
    roster = [
        leader("ceo"),
        leader("cfo", manager_id="ceo"),
        leader("cmo", manager_id="ceo"),
        mentor("designer", manager_id="cmo"),
    ]
    assert not check_roster(roster).lines.related("cfo", "designer")


def test_missing_manager_is_reported_at_its_row_and_leaves_out_everyone_below() -> None:
    roster = [
        leader("ceo"),
        leader("cto", manager_id="nobody-42"),
        mentor("dev", manager_id="cto"),
        mentor("ok", manager_id="ceo"),
    ]
    check = check_roster(roster)
    [problem] = check.problems
    assert (problem.participant_id, problem.row, problem.field) == ("cto", 2, "manager_id")
    assert "'nobody-42'" in problem.message and "not in the roster" in problem.message
    assert set(check.left_out) == {"cto", "dev"}
    assert "Cto's manager id is not in the roster" in check.left_out["dev"]


def test_a_loop_in_reporting_lines_is_reported_once_with_every_row_in_it() -> None:
    roster = [
        leader("ceo"),
        leader("a", manager_id="b"),
        leader("b", manager_id="c"),
        leader("c", manager_id="a"),
        mentor("below", manager_id="c"),
        mentor("fine", manager_id="ceo"),
    ]
    check = check_roster(roster)
    [problem] = check.problems
    assert problem.row == 2 and problem.field == "manager_id"
    assert "A (row 2) -> B (row 3) -> C (row 4) -> A" in problem.message
    assert set(check.left_out) == {"a", "b", "c", "below"}


def test_a_person_listed_in_two_roles_is_reported_and_left_out() -> None:
    roster = [leader("sam"), mentor("kim"), mentor("sam")]
    check = check_roster(roster)
    [problem] = check.problems
    assert (problem.participant_id, problem.row, problem.field) == ("sam", 3, "role")
    assert "leader in row 1 and a mentor in row 3" in problem.message
    assert "sam" in check.left_out and "kim" not in check.left_out


def test_a_pair_naming_someone_in_the_wrong_role_is_reported() -> None:
    roster = [leader("lee"), leader("max")]
    pair = Pair(id="p1", leader_id="lee", mentor_id="max", start_date=date(2025, 1, 6))
    [problem] = check_roster(roster, [pair]).problems
    assert problem.participant_id == "max" and problem.field == "pair p1: mentor_id"
    assert "is a leader in the roster but the mentor of pair p1" in problem.message
