"""`rmcoach survey take`, `survey due` and `survey import`, run as a person would."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from assistant.cli import main
from assistant.models import Pair, Participant
from assistant.store import Store
from assistant.surveys.catalogue import bundled_surveys
from assistant.surveys.service import survey_responses
from tests.surveys.conftest import START

TODAY = "2025-02-01"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input)


@pytest.fixture
def store(isolated_home: Path) -> Store:
    store = Store.open()
    store.upsert_participants(
        [
            Participant(id="L1", name="Lee Park", role="leader", department="Finance", level=10),
            Participant(id="M1", name="Mo Osei", role="mentor", department="IT", level=2),
        ]
    )
    store.upsert_pairs([Pair(id="P1", leader_id="L1", mentor_id="M1", start_date=START)])
    return store


def test_take_asks_each_item_within_its_range_and_records_the_answers(store: Store) -> None:
    # The mentor's baseline: 7 candour items (1-5), then 4 safety items (1-7); 9 is refused once.
    typed = ["9", "4"] + ["4"] * 6 + ["6"] * 4 + ["to speak up in meetings"]
    result = run("survey", "take", "--pair", "P1", "--as", "mentor", "--today", TODAY,
                 input="\n".join(typed) + "\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "9 is not in the range 1<=x<=5" in result.output
    assert "Recorded the mentor's baseline survey for pair P1 (2025-02-01)." in result.output
    [answered] = survey_responses(store)
    assert answered.scale_scores(bundled_surveys()) == {"candour": 28, "safety": 24}
    assert answered.comment == "to speak up in meetings"


def test_take_from_a_file_names_every_wrong_field_and_records_nothing(
    store: Store, tmp_path: Path
) -> None:
    answers = tmp_path / "fit.json"
    answers.write_text(json.dumps({"kind": "baseline", "answers": {"fit.1": 2}}))
    result = run("survey", "take", "--pair", "P1", "--as", "leader", "--from", str(answers))
    assert result.exit_code == 1
    assert "answers.openness.1: missing: answer 1-5" in result.output
    assert "answers.fit.1: not an item the baseline survey asks a leader" in result.output
    assert "Traceback" not in result.output and survey_responses(store) == []
    result = run("survey", "take", "--pair", "P1", "--as", "leader", "--kind", "closing",
                 "--from", str(answers))  # fmt: skip
    assert result.exit_code == 2
    assert "--kind is 'closing' but the file's kind is 'baseline'" in result.output


def test_due_lists_what_is_owed_and_shrinks_when_answered(store: Store, tmp_path: Path) -> None:
    result = run("survey", "due", "--today", TODAY, "--json")
    owed = json.loads(result.output)["owed"]
    assert [(o["participant_id"], o["kind"]) for o in owed] == [
        ("L1", "baseline"),
        ("M1", "baseline"),
    ]
    answers = {item.id: 3 for _, item in bundled_surveys().items_for("baseline", "leader")}
    answers_file = tmp_path / "baseline.json"
    answers_file.write_text(json.dumps({"answers": answers}))
    taken = run("survey", "take", "--pair", "P1", "--as", "leader", "--from", str(answers_file),
                "--today", TODAY)  # fmt: skip
    assert taken.exit_code == 0, taken.output
    table = run("survey", "due", "--today", TODAY).output
    assert "Mo Osei" in table and "Lee Park" not in table


def _csv(tmp_path: Path, *rows: str) -> Path:
    header = "pair_id,side,kind,answered_on,comment," + ",".join(bundled_surveys().item_ids())
    path = tmp_path / "answers.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def _row(pair: str, side: str, kind: str, value: str, comment: str = "") -> str:
    asked = {item.id for _, item in bundled_surveys().items_for(kind, side)}  # type: ignore[arg-type]
    cells = [value if item in asked else "" for item in bundled_surveys().item_ids()]
    return ",".join([pair, side, kind, TODAY, comment, *cells])


def test_import_checks_every_row_names_line_and_column_and_records_nothing_on_error(
    store: Store, tmp_path: Path
) -> None:
    bad = _csv(
        tmp_path,
        _row("P1", "leader", "baseline", "4"),
        _row("P1", "mentor", "pairing-fit", "6"),
        _row("P9", "mentor", "baseline", "3"),
        _row("P1", "leader", "baseline", "4"),
    )
    result = run("survey", "import", str(bad))
    assert result.exit_code == 1
    assert "line 3, column fit.1: 6 is outside 1-5" in result.output
    assert "line 4, column pair_id: no pair 'P9'" in result.output
    assert "line 5, column kind: this leader's baseline survey is also on line 2" in result.output
    assert "nothing was imported" in result.output and survey_responses(store) == []
    good = _csv(tmp_path, _row("P1", "leader", "baseline", "4", "more curious"),
                _row("P1", "mentor", "pairing-fit", "2"))  # fmt: skip
    assert "2 new, 0 unchanged" in run("survey", "import", str(good)).output
    assert "0 new, 2 unchanged" in run("survey", "import", str(good)).output
    assert [r.kind for r in survey_responses(store)] == ["baseline", "pairing-fit"]
