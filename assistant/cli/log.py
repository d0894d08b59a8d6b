"""`rmcoach log`: record what a session left behind, from a JSON file or by answering questions.

The answers are debrief drafts, one per side, in the format the app's Debrief screen keeps
(`assistant/workspace/drafts.py`): Ctrl+C, a failed record or a crash loses nothing, and either
front end carries on from what the other kept.
"""

from typing import TYPE_CHECKING, Any, TextIO

import click

from assistant.cli.options import Day
from assistant.cli.output import say
from assistant.cli.workspace import open_workspace, run

if TYPE_CHECKING:
    from assistant.models import PairContext, Side
    from assistant.workspace.debriefs import OpenDebrief
    from assistant.workspace.drafts import DebriefDraft
    from assistant.workspace.workspace import Workspace

SHARED = (
    "held_on",
    "status",
    "duration_minutes",
    "topics",
    "agenda_covered",
    "commitments",
    "objective_progress",
    "objective_notes",
    "shared_summary",
)


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
    be recorded (a busy database, a conflict, Ctrl+C, anything), your answers are kept and
    offered back the next time you run it, or on the app's Debrief screen.

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
    workspace = open_workspace()
    if source is not None:
        said = str(run(workspace.record_debrief_json(pair_id, _read(source), source.name)))
    else:
        said = _log_interactively(workspace, pair_id)
    click.echo(said)


def _read(source: TextIO) -> str:
    try:
        return source.read()
    except UnicodeDecodeError as error:
        message = f"cannot read {source.name}: not UTF-8 text ({error.reason})"
        raise click.ClickException(message) from error


class Answers:
    """The answers so far, as one draft per side: the session's fields shared, each side's own."""

    def __init__(self, opened: "OpenDebrief") -> None:
        self.pair_id = opened.context.pair.id
        self.sides = opened.sides
        base = opened.drafts[0].model_dump(include=set(SHARED)) if opened.drafts else {}
        self.shared: dict[str, Any] = base
        self.own: dict[Side, dict[str, Any]] = {side: {} for side in self.sides}
        for draft in opened.drafts:
            self.own[draft.side] = draft.model_dump(exclude={*SHARED, "pair_id", "side"})

    def drafts(self, complete: bool = False) -> "list[DebriefDraft]":
        from assistant.workspace.drafts import DebriefDraft

        return [
            DebriefDraft.model_validate(
                self.shared | self.own[side] | {"pair_id": self.pair_id, "side": side}
            ).model_copy(update={"complete": complete, "saved_at": None})
            for side in self.sides
        ]

    def keep(self, workspace: "Workspace", complete: bool = False) -> str:
        """Save the drafts; returns where, for a message."""
        paths = [str(run(workspace.save_draft(draft))) for draft in self.drafts(complete)]
        return " and ".join(paths)


def _log_interactively(workspace: "Workspace", pair_id: str) -> str:
    """Ask for the debrief, or carry on from the drafts kept; says what recording did."""
    opened = run(workspace.open_debrief(pair_id))
    for unreadable in opened.set_aside:
        click.echo(f"Warning: {unreadable.message}.", err=True)
    if opened.drafts and _record_kept_now(workspace, opened):
        return _record(workspace, Answers(opened))
    answers = Answers(opened)
    context = opened.context
    leader, mentor = context.leader.name, context.mentor.name
    say(f"Logging a session for pair {pair_id}: {leader} (leader) with {mentor} (mentor).")
    if len(answers.sides) == 1:
        click.echo(f"You record the {answers.sides[0]}'s side; the other side records theirs.")
    try:
        _ask(answers, opened, workspace)
    except click.Abort:
        if answers.shared.get("held_on"):
            where = answers.keep(workspace)
            click.echo(
                f"\nYour answers so far are kept in {where}; `rmcoach log --pair {pair_id}` "
                "carries on from them, and so does the app's Debrief screen.",
                err=True,
            )
        raise
    if not click.confirm("Record this session?", default=True):
        where = answers.keep(workspace)
        raise click.ClickException(f"Nothing was recorded; your answers are kept in {where}.")
    return _record(workspace, answers)


def _record_kept_now(workspace: "Workspace", opened: "OpenDebrief") -> bool:
    """Offer the kept drafts: True to record them as they are, False to go through the
    questions again with their answers as the defaults (or, discarded, from the start)."""
    kept = opened.drafts
    when = f", kept since {kept[0].saved_at:%d %b %H:%M}" if kept[0].saved_at else ""
    held_on = kept[0].held_on or "an unknown day"
    click.echo(f"Your answers for the session of {held_on} were not recorded last time{when}.")
    complete = all(draft.complete for draft in kept)
    if complete and click.confirm("Record them now?", default=True):
        return True
    if not complete and click.confirm("Carry on from them?", default=True):
        return False
    if click.confirm("Discard them and start again?", default=False):
        for draft in kept:
            run(workspace.discard_draft(draft.pair_id, draft.side))
        opened.drafts.clear()
        return False
    raise click.ClickException(
        f"Nothing was recorded; your answers are still kept for `rmcoach log --pair "
        f"{opened.context.pair.id}` and the app's Debrief screen."
    )


def _record(workspace: "Workspace", answers: Answers) -> str:
    """Record the answers, kept as drafts first so that no failure, or a kill, loses them."""
    from assistant.cli.errors import CommandFailed

    where = answers.keep(workspace, complete=True)
    again = f"`rmcoach log --pair {answers.pair_id}`"
    kept = f"Your answers are kept in {where}; {again} offers them back."
    try:
        return str(run(workspace.record_debrief_drafts(answers.drafts())))
    except CommandFailed as failed:
        raise type(failed)(f"{failed.message}\n{kept}") from failed
    except BaseException:
        click.echo(kept, err=True)  # an unexpected failure keeps its traceback, for a report
        raise


def _ask(answers: Answers, opened: "OpenDebrief", workspace: "Workspace") -> None:
    """Ask each question, keeping every answer in `answers` as it is given."""
    shared, own, context = answers.shared, answers.own, opened.context
    held_on = click.prompt(
        "Date held (YYYY-MM-DD)", type=Day(), default=shared.get("held_on") or workspace.today()
    )
    shared["held_on"] = held_on.isoformat()
    if held_on in opened.days_recorded:
        click.echo(
            f"This pair already has a session on {held_on}: your answers are added to it. Leave "
            "empty what the other side gave; an answer that contradicts what is recorded is "
            "refused."
        )
    shared["status"] = click.prompt(
        "Held or cancelled?",
        type=click.Choice(["held", "cancelled"]),
        default=shared.get("status", "held"),
    )
    if shared["status"] == "cancelled":
        shared["shared_summary"] = _text(
            "Why was it cancelled? (shared with the pair)", shared.get("shared_summary")
        )
        return
    shared["duration_minutes"] = str(
        click.prompt(
            "How many minutes?",
            type=click.IntRange(0, 480),
            default=_minutes(shared.get("duration_minutes")),
        )
    )
    shared["topics"] = click.prompt(
        "Topics, separated by commas, or empty",
        default=", ".join(shared.get("topics", [])),
        show_default=bool(shared.get("topics")),
        value_proc=_topics,
    )
    shared["agenda_covered"] = _split(
        _text(
            "Agenda items covered, separated by ';', or empty",
            "; ".join(shared.get("agenda_covered", [])),
        )
    )
    for side in answers.sides:
        own[side]["learned"] = _text(f"What did the {side} learn?", own[side].get("learned"))
    shared["shared_summary"] = _text(
        "A short summary both of you agree to share", shared.get("shared_summary")
    )
    for side in answers.sides:
        own[side] |= _ask_ratings(side, own[side])
    _ask_commitments(context, shared)
    _ask_progress(context, shared)
    for side in answers.sides:
        click.echo(
            f"PRIVATE: only the {side} will ever see this note: not the other side, not reports."
        )
        own[side]["private_note"] = _text(
            f"The {side}'s private note, or empty", own[side].get("private_note")
        )


def _text(prompt: str, kept: str | None) -> str:
    """A free-text answer; what was kept from last time is the default, shown."""
    answer: str = click.prompt(prompt, default=kept or "", show_default=bool(kept))
    return answer


def _minutes(kept: str | None) -> int:
    return int(kept) if kept and kept.isdigit() and int(kept) <= 480 else 45


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


def _optional_rating(text: str) -> int | None:
    if not text.strip():
        return None
    if not text.strip().isdigit() or not 1 <= int(text) <= 7:
        raise click.BadParameter("give a whole number from 1 to 7, or leave it empty")
    return int(text)


def _ask_ratings(side: str, kept: dict[str, Any]) -> dict[str, int | None]:
    safety = click.prompt(
        f"The {side}'s safety rating, 1 (guarded) to 7 (fully candid), or empty to skip",
        default=str(kept.get("safety") or ""),
        show_default=kept.get("safety") is not None,
        value_proc=_optional_rating,
    )
    if safety is None:
        return {"safety": None, "usefulness": None}
    usefulness = click.prompt(
        f"The {side}'s usefulness rating, 1 to 5",
        type=click.IntRange(1, 5),
        default=kept.get("usefulness"),
    )
    return {"safety": safety, "usefulness": usefulness}


def _ask_commitments(context: "PairContext", shared: dict[str, Any]) -> None:
    """Each open commitment's status now, then the new ones: those kept, and any more."""
    from assistant.workspace.drafts import DraftCommitment

    kept = [DraftCommitment.model_validate(c) for c in shared.get("commitments", [])]
    status: dict[int | None, str] = {c.id: c.status for c in kept if c.id is not None}
    shared["commitments"] = updated = []
    if context.open_commitments:
        click.echo("Open commitments from earlier sessions:")
    for commitment in context.open_commitments:
        due = f" (due {commitment.due})" if commitment.due else ""
        say(f"  [{commitment.id}] {commitment.owner}: {commitment.text}{due}")
        now = click.prompt(
            "  Now",
            type=click.Choice(["open", "done", "dropped"]),
            default=status.get(commitment.id, "open"),
        )
        fields = commitment.model_dump(mode="json", include={"id", "owner", "text"})
        updated.append(fields | {"due": str(commitment.due or ""), "status": now})
    for made in (c for c in kept if c.id is None and c.text.strip()):
        due = f", due {made.due}" if made.due else ""
        say(f"A new commitment you gave: {made.text} ({made.owner}{due})")
        if click.confirm("  Keep it?", default=True):
            updated.append(made.model_dump())
    while text := click.prompt(
        "A new commitment (empty when done)", default="", show_default=False
    ).strip():
        owner = click.prompt("  Whose is it?", type=click.Choice(["leader", "mentor"]))
        due = click.prompt(
            "  Due (YYYY-MM-DD), or empty", default="", show_default=False, value_proc=_optional_day
        )
        updated.append({"owner": owner, "text": text, "due": due})


def _optional_day(text: str) -> str:
    return Day().convert(text, None, None).isoformat() if text.strip() else ""


def _ask_progress(context: "PairContext", shared: dict[str, Any]) -> None:
    kept: dict[str, int] = shared.get("objective_progress", {})
    notes: dict[str, str] = shared.get("objective_notes", {})
    shared["objective_progress"], shared["objective_notes"] = progress, moved = {}, {}
    for objective in context.objectives:
        now = click.prompt(
            f"Progress on '{objective.title}', 0 to 100",
            type=click.IntRange(0, 100),
            default=kept.get(objective.id, objective.progress),
        )
        if now != objective.progress:
            progress[objective.id] = now
            moved[objective.id] = _text("  What moved it?", notes.get(objective.id))
