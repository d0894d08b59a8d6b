"""`rmcoach survey`: answer a survey, see who owes one, import answers collected elsewhere."""

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

import click

from assistant.cli.errors import shown
from assistant.cli.options import today_option
from assistant.cli.output import print_table
from assistant.cli.workspace import open_workspace, run

if TYPE_CHECKING:
    from assistant.models import Side
    from assistant.surveys.responses import SurveyResponse
    from assistant.workspace.surveys import SurveyForm
    from assistant.workspace.workspace import Workspace

_KINDS = ("baseline", "pairing-fit", "closing", "recommendation")


@click.group()
def survey() -> None:
    """Surveys: baseline and closing (the same items, so change shows), pairing fit after the
    first session, and a 0-10 recommendation when a pair closes.

    \b
    Examples:
      rmcoach survey due
      rmcoach survey take --pair P-001 --as mentor
      rmcoach survey take --pair P-001 --as leader --kind pairing-fit --from fit.json
      rmcoach survey import answers.csv
    """


@survey.command()
@click.option("--pair", "pair_id", help="The pair (default: the one chosen in the app).")
@click.option("--as", "side", type=click.Choice(["leader", "mentor"]), help="Which side you are.")
@click.option(
    "--kind",
    type=click.Choice(_KINDS),
    help="Which survey (default: the first one you owe).",
)
@click.option(
    "--from",
    "source",
    type=click.File("r", encoding="utf-8"),
    help='A JSON file with the answers ("-" for standard input), instead of being asked.',
)
@today_option("The day you answer (default: today).")
def take(
    pair_id: str | None,
    side: str | None,
    kind: str | None,
    source: TextIO | None,
    today: date | None,
) -> None:
    """Answer a survey, item by item, or from a JSON file.

    Each item is a number on its scale (shown with what its ends mean); the last question is
    free text and may be left empty. It is shared like a session's shared summary: the report
    counts it only for pairs whose two people consented, and shows themes, never your words.
    Each survey is answered once; answering again with other answers is refused.

    The JSON file holds {"answers": {"candour.1": 4, ...}, "comment": "..."} and may name
    "kind", "side", "pair_id" and "answered_on" instead of the options.

    \b
    Examples:
      rmcoach survey take --pair P-001 --as mentor
      rmcoach survey take --pair P-001 --as leader --kind closing --from closing.json
    """
    workspace = open_workspace(today)
    run(workspace.may_answer_survey())
    given = _read_json(workspace, source) if source else {}
    pair_id, side = _who(workspace, given, pair_id, side)
    run(workspace.may_answer_survey(pair_id, side))
    kind = _field(given, "kind", kind) or _first_owed(workspace, pair_id, side)
    if source is not None:
        fields = given | {"pair_id": pair_id, "side": side, "kind": kind}
        with shown():
            response = workspace.survey_response(fields, source.name)
    else:
        response = _ask(workspace, run(workspace.survey_form(pair_id, side, kind)))
    click.echo(str(run(workspace.answer_survey(response))))


@survey.command()
@today_option("As of this day (default: today).")
@click.option("--cohort", help="Only this cohort's pairs.")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def due(today: date | None, cohort: str | None, as_json: bool) -> None:
    """List who owes which survey, and since when.

    Baseline from a pair's start, pairing fit from its first held session, closing and
    recommendation once it is closed; until that person answers, or leaves the programme.

    \b
    Examples:
      rmcoach survey due
      rmcoach survey due --today 2025-06-30 --json
    """
    workspace = open_workspace(today)
    owed = run(workspace.surveys_owed(cohort))
    day = workspace.today()
    if as_json:
        payload = {"today": day.isoformat(), "owed": [o.model_dump(mode="json") for o in owed]}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    if not owed:
        click.echo(f"Nobody owes a survey on {day}.")
        return
    rows = [
        [o.name, o.side, o.pair_id, o.kind, f"{o.due_since} ({(day - o.due_since).days} days)"]
        for o in owed
    ]
    people = len({o.participant_id for o in owed})
    print_table(
        f"Surveys owed on {day}: {len(owed)}, by {people} people",
        ["person", "side", "pair", "survey", "due since"],
        rows,
    )


@survey.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_answers(file: Path) -> None:
    """Record survey answers collected elsewhere (CSV, header on the first line).

    One row per person and survey. Columns: pair_id, side, kind, answered_on (YYYY-MM-DD),
    optionally comment, and one column per item (candour.1 ... recommend.1; the README lists
    them), left empty where the survey does not ask that side. Every row is checked first; if
    any is wrong, each problem is shown with its line and column and nothing is recorded.

    \b
    Example:
      rmcoach survey import answers.csv
    """
    recorded = run(open_workspace().import_survey_answers(file))
    new = sum(r.outcome == "created" for r in recorded)
    click.echo(f"Imported {file}: {new} new, {len(recorded) - new} unchanged.")


def _read_json(workspace: "Workspace", source: TextIO) -> dict[str, Any]:
    try:
        text = source.read()
    except UnicodeDecodeError as error:
        raise click.ClickException(f"cannot read {source.name}: not UTF-8 text") from error
    with shown():
        return workspace.survey_fields(text, source.name)


def _field(given: dict[str, Any], name: str, option: str | None) -> str | None:
    """The option's value, or the file's; both, and different, is a mistake worth naming."""
    in_file = given.get(name)
    if option and in_file and option != in_file:
        flag = {"pair_id": "--pair", "side": "--as", "kind": "--kind"}[name]
        raise click.UsageError(f"{flag} is {option!r} but the file's {name} is {in_file!r}")
    return option or in_file


def _who(
    workspace: "Workspace", given: dict[str, Any], pair_id: str | None, side: str | None
) -> "tuple[str, Side]":
    """The pair and side: the options, the file, or who the app remembers you are."""
    pair_id, side = _field(given, "pair_id", pair_id), _field(given, "side", side)
    if pair_id is None or side is None:
        remembered_pair, remembered_side = run(workspace.remembered_seat())
        pair_id, side = pair_id or remembered_pair, side or remembered_side
    if pair_id is None or side is None:
        raise click.UsageError("say who is answering: --pair ID --as leader (or mentor)")
    return pair_id, cast("Side", side)


def _first_owed(workspace: "Workspace", pair_id: str, side: "Side") -> str:
    owed = run(workspace.surveys_owed_by(pair_id, side))
    if not owed:
        raise click.UsageError(
            f"the {side} of pair {pair_id} owes no survey on {workspace.today()}; "
            f"name one with --kind ({', '.join(_KINDS)})"
        )
    return owed[0].kind


def _ask(workspace: "Workspace", form: "SurveyForm") -> "SurveyResponse":
    click.echo(
        f"{form.questionnaire.title} ({form.kind} survey) for pair {form.pair_id}, as the "
        f"{form.side} ({form.person}): {len(form.items)} items, then one optional question. "
        "Ctrl+C stops without recording anything."
    )
    answers = _ask_items(form)
    comment = click.prompt(
        f"\n{form.questionnaire.comment} (optional; shared like a shared summary, reports show "
        "only themes, never your words)",
        default="",
        show_default=False,
    )
    fields = {
        "pair_id": form.pair_id,
        "side": form.side,
        "kind": form.kind,
        "answers": answers,
        "comment": comment,
    }
    with shown():
        return workspace.survey_response(fields, "your answers")


def _ask_items(form: "SurveyForm") -> dict[str, int]:
    answers: dict[str, int] = {}
    shown_scale = None
    for number, (scale, item) in enumerate(form.items, start=1):
        if scale.id != shown_scale:
            low, high = scale.anchors
            click.echo(f"\n{scale.title}: {scale.low} = {low} ... {scale.high} = {high}")
            shown_scale = scale.id
        answers[item.id] = click.prompt(
            f"  [{number}/{len(form.items)}] {item.text}",
            type=click.IntRange(scale.low, scale.high),
            prompt_suffix=f" ({scale.low}-{scale.high}): ",
        )
    return answers
