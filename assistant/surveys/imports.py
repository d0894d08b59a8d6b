"""`rmcoach survey import`: answers collected elsewhere, one row per person and survey.

Checked like the roster: every row first (its pair, side, kind, date, each item's value, and
against what is already recorded), each problem with its line and column, and nothing recorded
unless every row is right. Columns: pair_id, side, kind, answered_on, then an optional comment
and one column per item (`candour.1` ... `recommend.1`); a row leaves empty the items its
survey does not ask its side.
"""

from pathlib import Path

from pydantic import ValidationError

from assistant.store import Store
from assistant.store.csvfile import ImportFailed, Row, RowError, read_rows, row_errors
from assistant.store.surveys import SurveyRecorded, SurveyRefused
from assistant.surveys.catalogue import SurveyCatalogue, bundled_surveys
from assistant.surveys.responses import SurveyResponse, answer_problems
from assistant.surveys.service import record_surveys, survey_responses

REQUIRED = ("pair_id", "side", "kind", "answered_on")


def import_surveys(store: Store, path: Path) -> list[SurveyRecorded]:
    """Check every row of `path`, then record them all in one transaction."""
    catalogue = bundled_surveys()
    rows = read_rows(path, REQUIRED, ("comment", *catalogue.item_ids()))
    known = {pair.id for pair in store.pairs()}
    recorded = {(r.pair_id, r.side, r.kind): r for r in survey_responses(store)}
    found: list[SurveyResponse] = []
    errors: list[RowError] = []
    first_line: dict[tuple[str, str, str], int] = {}
    for row in rows:
        response, problems = _response(row, catalogue, known)
        errors += problems
        if response is None:
            continue
        key = (response.pair_id, response.side, response.kind)
        if key in first_line:
            reason = (
                f"this {response.side}'s {response.kind} survey is also on line {first_line[key]}"
            )
            errors.append(RowError(row.line, "kind", reason))
        elif key in recorded and recorded[key] != response:
            reason = f"already answered on {recorded[key].answered_on} with other answers"
            errors.append(RowError(row.line, "kind", reason))
        first_line.setdefault(key, row.line)
        found.append(response)
    if errors:
        raise ImportFailed(path, sorted(errors, key=lambda e: e.line))
    try:
        return record_surveys(store, found)
    except SurveyRefused as error:  # only if someone recorded the same survey meanwhile
        raise ImportFailed(path, [RowError(0, "", str(error))]) from error


def _response(
    row: Row, catalogue: SurveyCatalogue, known: set[str]
) -> tuple[SurveyResponse | None, list[RowError]]:
    cells = row.cells
    answers = {}
    errors = []
    for item_id in catalogue.item_ids():
        text = cells.get(item_id, "")
        if not text:
            continue
        try:
            answers[item_id] = int(text)
        except ValueError:
            errors.append(RowError(row.line, item_id, f"{text!r} is not a whole number"))
    fields = {name: cells[name] for name in REQUIRED} | {"answers": answers}
    if cells.get("comment"):
        fields["comment"] = cells["comment"]
    try:
        response = SurveyResponse.model_validate(fields)
    except ValidationError as error:
        return None, errors + row_errors(row.line, error, {})
    if response.pair_id not in known:
        reason = f"no pair {response.pair_id!r}; import the pairs first (`rmcoach pairs list`)"
        errors.append(RowError(row.line, "pair_id", reason))
    flagged = {error.column for error in errors}
    for problem in answer_problems(response, catalogue):
        column = problem.path.removeprefix("answers.")
        if column not in flagged:
            errors.append(RowError(row.line, column, problem.reason))
    return (None if errors else response), errors
