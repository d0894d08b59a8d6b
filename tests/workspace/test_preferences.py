"""Remembered choices: kept between runs, and never in the way when the file is damaged."""

from pathlib import Path

from assistant.workspace.preferences import (
    Preferences,
    load_preferences,
    preferences_path,
    save_preferences,
)


def test_choices_are_remembered_between_runs(tmp_path: Path) -> None:
    save_preferences(tmp_path, Preferences(role="mentor", pair_id="p-7", theme="textual-light"))
    assert load_preferences(tmp_path) == Preferences(
        role="mentor", pair_id="p-7", theme="textual-light"
    )


def test_a_damaged_file_means_no_remembered_choices(tmp_path: Path) -> None:
    preferences_path(tmp_path).write_text('{"role": "boss"}')
    assert load_preferences(tmp_path) == Preferences()


def test_no_file_means_no_remembered_choices(tmp_path: Path) -> None:
    assert load_preferences(tmp_path) == Preferences()
