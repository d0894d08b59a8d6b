"""`rmcoach survey`: answer a survey, see who owes one, import answers collected elsewhere."""

import json
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from assistant.cli.programme import (
    Day,
    NotPermittedError,
    open_as,
    open_store,
    print_table,
    store_errors,
)

if TYPE_CHECKING:
    from assistant.store import Store
    from assistant.surveys.catalogue import SurveyCatalogue
    from assistant.surveys.responses import SurveyResponse

_KINDS = ("baseline", "pairing-fit", "closing", "recommendation")
_DAY = Day()


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
@click.option("--today", type=_DAY, help="The day you answer (default: today).")
def take(
    pair_id: str | None,
    side: str | None,
    kind: str | None,
    source: TextIO | None,
    today: datetime | None,
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
    from assistant.surveys.service import record_surveys

    day = today.date() if today else date.today()
    with store_errors():
        store, identity = open_as("survey take")
        given = _read_json(source) if source else {}
        pair_id, side = _who(given, pair_id, side)
        if identity.side is not None and side != identity.side:
            raise NotPermittedError(
                f"you are signed in as {identity.describe()}, and answer surveys as the "
                f"{identity.side} only"
            )
        if identity.side is not None and pair_id not in identity.pairs:
            raise NotPermittedError(
                f"pair {pair_id} is not yours; you are signed in as {identity.describe()}"
            )
        kind = _field(given, "kind", kind) or _first_owed(store, pair_id, side, day)
        if source is not None:
            response = _parse(given | {"pair_id": pair_id, "side": side, "kind": kind}, day, source)
        else:
            response = _ask(store, pair_id, side, kind, day)
        [recorded] = record_surveys(store, [response])
    click.echo(str(recorded))


@survey.command()
@click.option("--today", type=_DAY, help="As of this day (default: today).")
@click.option("--cohort", help="Only this cohort's pairs.")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def due(today: datetime | None, cohort: str | None, as_json: bool) -> None:
    """List who owes which survey, and since when.

    Baseline from a pair's start, pairing fit from its first held session, closing and
    recommendation once it is closed; until that person answers, or leaves the programme.

    \b
    Examples:
      rmcoach survey due
      rmcoach survey due --today 2025-06-30 --json
    """
    from assistant.surveys.service import owed_surveys

    day = today.date() if today else date.today()
    with store_errors():
        owed = owed_surveys(open_store("survey due"), day, cohort)
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
    from assistant.surveys.imports import import_surveys

    with store_errors():
        recorded = import_surveys(open_store("survey import"), file)
    new = sum(r.outcome == "created" for r in recorded)
    click.echo(f"Imported {file}: {new} new, {len(recorded) - new} unchanged.")


def _read_json(source: TextIO) -> dict[str, Any]:
    from assistant.store.json_input import InvalidJson, load_json

    try:
        data = load_json(source.read(), source.name)
    except UnicodeDecodeError as error:
        raise click.ClickException(f"cannot read {source.name}: not UTF-8 text") from error
    except InvalidJson as error:
        raise click.ClickException(str(error)) from error
    if not isinstance(data, dict):
        raise click.ClickException(f"{source.name}: expected a JSON object with an 'answers' field")
    return data


def _field(given: dict[str, Any], name: str, option: str | None) -> str | None:
    """The option's value, or the file's; both, and different, is a mistake worth naming."""
    in_file = given.get(name)
    if option and in_file and option != in_file:
        flag = {"pair_id": "--pair", "side": "--as", "kind": "--kind"}[name]
        raise click.UsageError(f"{flag} is {option!r} but the file's {name} is {in_file!r}")
    return option or in_file


def _who(given: dict[str, Any], pair_id: str | None, side: str | None) -> tuple[str, str]:
    """The pair and side: the options, the file, or who the app remembers you are."""
    pair_id, side = _field(given, "pair_id", pair_id), _field(given, "side", side)
    if pair_id is None or side is None:
        from assistant import locations
        from assistant.preferences import load_preferences

        remembered = load_preferences(locations.data_home())
        if remembered.role in ("leader", "mentor"):
            pair_id, side = pair_id or remembered.pair_id, side or remembered.role
    if pair_id is None or side is None:
        raise click.UsageError("say who is answering: --pair ID --as leader (or mentor)")
    return pair_id, side


def _first_owed(store: "Store", pair_id: str, side: str, day: date) -> str:
    from assistant.surveys.service import owed_surveys

    store.pair(pair_id)  # a clear error for an unknown pair
    for owed in owed_surveys(store, day):
        if owed.pair_id == pair_id and owed.side == side:
            return owed.kind
    raise click.UsageError(
        f"the {side} of pair {pair_id} owes no survey on {day}; "
        f"name one with --kind ({', '.join(_KINDS)})"
    )


def _parse(fields: dict[str, Any], day: date, source: TextIO) -> "SurveyResponse":
    from pydantic import ValidationError

    from assistant.store.errors import plain_errors
    from assistant.surveys.responses import SurveyResponse

    try:
        return SurveyResponse.model_validate({"answered_on": day} | fields)
    except ValidationError as error:
        problems = "\n".join(f"  {problem}" for problem in plain_errors(error))
        raise click.ClickException(f"{source.name}: nothing was recorded:\n{problems}") from error


def _ask(store: "Store", pair_id: str, side: str, kind: str, day: date) -> "SurveyResponse":
    from assistant.surveys.catalogue import bundled_surveys
    from assistant.surveys.responses import SurveyResponse

    catalogue = bundled_surveys()
    context = store.pair_context(pair_id)
    person = context.leader if side == "leader" else context.mentor
    questionnaire = catalogue.survey(kind)
    items = catalogue.items_for(kind, side)  # type: ignore[arg-type]
    click.echo(
        f"{questionnaire.title} ({kind} survey) for pair {pair_id}, as the {side} "
        f"({person.name}): {len(items)} items, then one optional question. "
        "Ctrl+C stops without recording anything."
    )
    answers = _ask_items(catalogue, kind, side)
    comment = click.prompt(
        f"\n{questionnaire.comment} (optional; shared like a shared summary, reports show only "
        "themes, never your words)",
        default="",
        show_default=False,
    )
    return SurveyResponse.model_validate(
        {
            "pair_id": pair_id,
            "side": side,
            "kind": kind,
            "answered_on": day,
            "answers": answers,
            "comment": comment,
        }
    )


def _ask_items(catalogue: "SurveyCatalogue", kind: str, side: str) -> dict[str, int]:
    answers: dict[str, int] = {}
    items = catalogue.items_for(kind, side)  # type: ignore[arg-type]
    shown = None
    for number, (scale, item) in enumerate(items, start=1):
        if scale.id != shown:
            low, high = scale.anchors
            click.echo(f"\n{scale.title}: {scale.low} = {low} ... {scale.high} = {high}")
            shown = scale.id
        answers[item.id] = click.prompt(
            f"  [{number}/{len(items)}] {item.text}",
            type=click.IntRange(scale.low, scale.high),
            prompt_suffix=f" ({scale.low}-{scale.high}): ",
        )
    return answers
