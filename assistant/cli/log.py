"""`rmcoach log`: record what a session left behind, from a JSON file or by answering questions."""

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from assistant.cli.programme import NotPermittedError, open_as, say, store_errors

if TYPE_CHECKING:
    from assistant.access import Identity
    from assistant.models import PairContext, SessionSummary, Side
    from assistant.store import Recorded, Store


@click.command()
@click.option("--pair", "pair_id", required=True, help="The pair's id (see `rmcoach pairs list`).")
@click.option(
    "--from",
    "source",
    type=click.File("r", encoding="utf-8"),
    help="A JSON file with the summary ('-' reads it from standard input).",
)
def log(pair_id: str, source: TextIO | None) -> None:
    """Record a session's summary for a pair.

    With --from, the summary comes from a JSON file (see examples/session.json and the README);
    without it, you are asked for each field in turn, shown the pair's open commitments to update,
    and asked for each side's private note, which only its author will ever see. If they cannot
    be recorded (a busy database, a conflict, anything), your answers are kept and offered back
    the next time you run it.

    Each side may log its own debrief of the same session: a summary for a day that already has
    a session is added to it (the other side's ratings, learning, note and commitments). What is
    already recorded is never overwritten: a summary that contradicts it is refused, naming the
    field, and logging the same summary twice changes nothing.

    \b
    Examples:
      rmcoach log --pair P-01 --from examples/session.json
      rmcoach log --pair P-01 --from mentor-debrief.json   # the other side, same day
      rmcoach log --pair P-01
    """
    from assistant.store.sessions import parse_summary

    with store_errors():
        store, identity = open_as("log")
        _check_pair(identity, pair_id)
        if source is not None:
            summary = parse_summary(pair_id, _read(source), source=source.name)
            _check_side(identity, summary)
            recorded = store.record_session_result(summary)
        else:
            recorded = _log_interactively(store, pair_id, identity.side)
    click.echo(str(recorded))


def _check_pair(identity: "Identity", pair_id: str) -> None:
    if identity.side and pair_id not in identity.pairs:
        mine = ", ".join(identity.pairs) or "none"
        raise NotPermittedError(
            f"pair {pair_id} is not yours; you are signed in as {identity.describe()} "
            f"(your pairs: {mine})"
        )


def _check_side(identity: "Identity", summary: "SessionSummary") -> None:
    """A summary is recorded as the signed-in side: the other side's fields are theirs to give."""
    from assistant.access.sides import other_side_fields

    if identity.side is None:
        return
    theirs = other_side_fields(summary, identity.side)
    if theirs:
        raise NotPermittedError(
            f"pair {summary.pair_id} on {summary.held_on}: {', '.join(theirs)}: you are signed "
            f"in as {identity.describe()}, and record only the {identity.side}'s side; "
            "leave these out for the other side to give"
        )


def _read(source: TextIO) -> str:
    try:
        return source.read()
    except UnicodeDecodeError as error:
        message = f"cannot read {source.name}: not UTF-8 text ({error.reason})"
        raise click.ClickException(message) from error


def _log_interactively(store: "Store", pair_id: str, side: "Side | None") -> "Recorded":
    context = store.pair_context(pair_id)
    draft = _draft_path(pair_id)
    kept = _kept_answers(draft)
    if kept is not None:
        return _record_or_keep(store, pair_id, kept)
    taken = {summary.held_on for summary in store.sessions(pair_id)}
    leader, mentor = context.leader.name, context.mentor.name
    say(f"Logging a session for pair {pair_id}: {leader} (leader) with {mentor} (mentor).")
    if side:
        click.echo(f"You record the {side}'s side; the other side records theirs.")
    fields = _ask_fields(context, taken, ("leader", "mentor") if side is None else (side,))
    if not click.confirm("Record this session?", default=True):
        raise click.ClickException("Nothing was recorded.")
    return _record_or_keep(store, pair_id, fields)


def _record_or_keep(store: "Store", pair_id: str, fields: dict[str, Any]) -> "Recorded":
    """Record the answers; on any failure, keep them as a draft that the next run offers back."""
    from assistant.store import StoreError
    from assistant.store.sessions import parse_summary

    draft = _draft_path(pair_id)
    try:
        recorded = store.record_session_result(parse_summary(pair_id, fields))
    except BaseException as error:
        _save_draft(draft, fields)
        kept = f"Your answers are kept in {draft}; `rmcoach log --pair {pair_id}` offers them back."
        if isinstance(error, StoreError):
            raise StoreError(f"{error}\n{kept}") from error
        click.echo(kept, err=True)  # an unexpected failure keeps its traceback, for a report
        raise
    draft.unlink(missing_ok=True)
    return recorded


def _draft_path(pair_id: str) -> Path:
    from assistant.config import load_settings

    return load_settings().home / "drafts" / f"log-{pair_id}.json"


def _kept_answers(draft: Path) -> dict[str, Any] | None:
    """The answers a failed run kept, if the person wants to record them now."""
    try:
        fields = json.loads(draft.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    held_on = fields.get("held_on", "an unknown day") if isinstance(fields, dict) else None
    if held_on is None:
        return None
    click.echo(f"Your answers for the session of {held_on} were not recorded last time ({draft}).")
    if click.confirm("Record them now?", default=True):
        return fields
    if click.confirm("Discard them and start again?", default=False):
        draft.unlink()
        return None
    raise click.ClickException(f"Nothing was recorded; your answers are still in {draft}.")


def _save_draft(path: Path, fields: dict[str, Any]) -> None:
    from assistant.files import write_atomically

    write_atomically(path, json.dumps(fields, indent=2, default=str, ensure_ascii=False))


def _ask_fields(
    context: "PairContext", taken: set[date], sides: "tuple[Side, ...]"
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "held_on": click.prompt(
            "Date held (YYYY-MM-DD)", default=str(date.today()), value_proc=_day
        )
    }
    if date.fromisoformat(fields["held_on"]) in taken:
        click.echo(
            f"This pair already has a session on {fields['held_on']}: your answers are added to "
            "it. Leave empty what the other side gave; an answer that contradicts what is "
            "recorded is refused."
        )
    fields["status"] = click.prompt(
        "Held or cancelled?", type=click.Choice(["held", "cancelled"]), default="held"
    )
    if fields["status"] == "cancelled":
        fields["shared_summary"] = click.prompt(
            "Why was it cancelled? (shared with the pair)", default="", show_default=False
        )
        return fields | {"duration_minutes": 0}
    fields["duration_minutes"] = click.prompt(
        "How many minutes?", type=click.IntRange(0, 480), default=45
    )
    fields["topics"] = click.prompt(
        "Topics, separated by commas, or empty", default="", show_default=False, value_proc=_topics
    )
    fields["agenda_covered"] = _split(
        click.prompt(
            "Agenda items covered, separated by ';', or empty", default="", show_default=False
        )
    )
    for side in sides:
        fields[f"{side}_learned"] = click.prompt(
            f"What did the {side} learn?", default="", show_default=False
        )
    fields["shared_summary"] = click.prompt(
        "A short summary both of you agree to share", default="", show_default=False
    )
    for side in sides:
        fields[f"{side}_ratings"] = _ask_ratings(side)
    fields["commitments"] = _ask_open_commitments(context) + _ask_new_commitments()
    fields["objective_progress"] = _ask_progress(context)
    for side in sides:
        click.echo(
            f"PRIVATE: only the {side} will ever see this note: not the other side, not reports."
        )
        fields[f"{side}_private_note"] = click.prompt(
            f"The {side}'s private note, or empty", default="", show_default=False
        )
    return fields


def _day(text: str) -> str:
    from assistant.models import check_day

    try:
        day = date.fromisoformat(text.strip())
    except ValueError as error:
        raise click.BadParameter(f"{text!r} is not a date; write it as YYYY-MM-DD") from error
    try:
        return str(check_day(day))
    except ValueError as error:  # asked again now, not refused after every other answer
        raise click.BadParameter(str(error)) from error


def _split(text: str, separator: str = ";") -> list[str]:
    return [item.strip() for item in text.split(separator) if item.strip()]


def _topics(text: str) -> list[str]:
    from assistant.models import TOPICS

    topics = _split(text, ",")
    unknown = [topic for topic in topics if topic not in TOPICS]
    if unknown:
        raise click.BadParameter(
            f"unknown topic {', '.join(unknown)}; choose from {', '.join(TOPICS)}"
        )
    return topics


def _optional_rating(highest: int) -> Callable[[str], int | None]:
    def parse(text: str) -> int | None:
        if not text.strip():
            return None
        if not text.strip().isdigit() or not 1 <= int(text) <= highest:
            raise click.BadParameter(f"give a whole number from 1 to {highest}, or leave it empty")
        return int(text)

    return parse


def _ask_ratings(side: str) -> dict[str, int] | None:
    safety = click.prompt(
        f"The {side}'s safety rating, 1 (guarded) to 7 (fully candid), or empty to skip",
        default="",
        show_default=False,
        value_proc=_optional_rating(7),
    )
    if safety is None:
        return None
    usefulness = click.prompt(f"The {side}'s usefulness rating, 1 to 5", type=click.IntRange(1, 5))
    return {"safety": safety, "usefulness": usefulness}


def _ask_open_commitments(context: "PairContext") -> list[dict[str, Any]]:
    updates = []
    if context.open_commitments:
        click.echo("Open commitments from earlier sessions:")
    for commitment in context.open_commitments:
        due = f" (due {commitment.due})" if commitment.due else ""
        say(f"  [{commitment.id}] {commitment.owner}: {commitment.text}{due}")
        status = click.prompt(
            "  Now", type=click.Choice(["open", "done", "dropped"]), default="open"
        )
        if status != "open":
            updates.append(commitment.model_dump(mode="json") | {"status": status})
    return updates


def _ask_new_commitments() -> list[dict[str, Any]]:
    made = []
    while text := click.prompt(
        "A new commitment (empty when done)", default="", show_default=False
    ).strip():
        owner = click.prompt("  Whose is it?", type=click.Choice(["leader", "mentor"]))
        due = click.prompt(
            "  Due (YYYY-MM-DD), or empty", default="", show_default=False, value_proc=_optional_day
        )
        made.append({"owner": owner, "text": text, "due": due})
    return made


def _optional_day(text: str) -> str | None:
    return _day(text) if text.strip() else None


def _ask_progress(context: "PairContext") -> list[dict[str, Any]]:
    readings = []
    for objective in context.objectives:
        progress = click.prompt(
            f"Progress on '{objective.title}', 0 to 100",
            type=click.IntRange(0, 100),
            default=objective.progress,
        )
        if progress != objective.progress:
            note = click.prompt("  What moved it?", default="", show_default=False)
            readings.append({"objective_id": objective.id, "progress": progress, "note": note})
    return readings
