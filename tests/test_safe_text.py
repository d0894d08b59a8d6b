"""Text from people reaches the terminal as text: no control character, no markup."""

from pathlib import Path

from click.testing import CliRunner
from textual.content import Content

from assistant.cli import main
from assistant.safe_text import markup_escape, printable

HOSTILE = "Ann\x1b[2J\x1b]0;owned\x07 [red]Lee[/red] \u202eevil\r\n\x9b"


def test_printable_shows_each_control_character_as_an_escape() -> None:
    assert printable(HOSTILE) == (
        "Ann\\x1b[2J\\x1b]0;owned\\x07 [red]Lee[/red] \\u202eevil\\x0d\\x0a\\x9b"
    )
    assert printable("line one\n\tline two\x1b", multiline=True) == ("line one\n\tline two\\x1b")
    assert printable("Zoë Ørsted, 日本") == "Zoë Ørsted, 日本"


def test_markup_escape_reads_back_as_the_same_text_in_textual_markup() -> None:
    for value in ["[red]x[/]", "[$accent]y", "a [B]b", "\\[x]", "[@click=app.quit]q", HOSTILE]:
        content = Content.from_markup(f"[b]{markup_escape(value)}[/b] after")
        assert content.plain == f"{printable(value)} after"
        assert [span.style for span in content.spans] == ["b"]
    escaped = markup_escape("ends with \\")
    trailing = Content.from_markup(f"[b]{escaped}[/b]")
    assert trailing.plain == "ends with \\x5c"


def test_participants_list_shows_a_hostile_name_as_text(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,name,role,department,level,manager_id,skills,interests,goals\n"
        f'L1,"{HOSTILE}",leader,"[bold]Ops[/bold]",9,,,,\n'
        "M1,Mo,mentor,IT,2,,,,\n",
        encoding="utf-8",
    )
    imported = CliRunner().invoke(main, ["roster", "import", str(roster)])
    assert imported.exit_code == 0, imported.output
    listed = CliRunner().invoke(main, ["participants", "list"], env={"COLUMNS": "250"})
    assert listed.exit_code == 0, listed.output
    assert "\x1b" not in listed.output and "\u202e" not in listed.output
    assert "\\x1b[2J" in listed.output and "[red]Lee[/red]" in listed.output
    assert "[bold]Ops[/bold]" in listed.output


def test_objectives_print_a_hostile_title_as_text(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "id,name,role,department,level,manager_id,skills,interests,goals\n"
        "L1,Lee,leader,Ops,9,,,,\nM1,Mo,mentor,IT,2,,,,\n",
        encoding="utf-8",
    )
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("id,leader_id,mentor_id,start_date\nP1,L1,M1,2025-03-10\n", encoding="utf-8")
    for command in (["roster", "import", str(roster)], ["pairs", "import", str(pairs)]):
        assert CliRunner().invoke(main, command).exit_code == 0
    title = "Learn\x1b[31m red\x1b]8;;http://x\x07"
    set_ = CliRunner().invoke(
        main, ["objectives", "set", "--pair", "P1", "--title", title, "--criteria", "done"]
    )
    shown = CliRunner().invoke(main, ["objectives", "show", "--pair", "P1"])
    for result in (set_, shown):
        assert result.exit_code == 0, result.output
        assert (
            "\x1b" not in result.output
            and "Learn\\x1b[31m red\\x1b]8;;http://x\\x07" in result.output
        )
