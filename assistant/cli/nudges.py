"""`rmcoach nudges`: who needs a nudge today and why, with a message grounded in the guidance."""

from datetime import date
from typing import TYPE_CHECKING

import click

from assistant.cli.options import today_option
from assistant.cli.output import say
from assistant.cli.workspace import open_workspace, run

if TYPE_CHECKING:
    from assistant.accountability.nudges import Nudge

_KIND_LABELS = {  # singular, plural
    "overdue-session": ("overdue session", "overdue sessions"),
    "overdue-commitment": ("overdue commitment", "overdue commitments"),
    "debrief-missing": ("debrief missing", "debriefs missing"),
    "rating-drop": ("rating drop", "rating drops"),
    "survey-due": ("survey due", "surveys due"),
    "poor-fit": ("poor pairing fit", "poor pairing fits"),
}


@click.command()
@today_option("Work out the nudges as of this date (default: today). The same date, same nudges.")
@click.option("--json", "as_json", is_flag=True, help="Print the nudges as JSON.")
@click.option(
    "--send",
    is_flag=True,
    help="E-mail each person their new nudges and owed surveys in one message, and each "
    "coordinator a summary (settings RMCOACH_SMTP_*, RMCOACH_MAIL_FROM).",
)
@click.option(
    "--dry-run", is_flag=True, help="With --send: print the messages; send and record nothing."
)
def nudges(today: date | None, as_json: bool, send: bool, dry_run: bool) -> None:
    """Show who needs a nudge today, why, and a suggested message citing the guidance.

    Four reasons: a pair past its planned cadence with no session, a commitment past its due
    date, a debrief (ratings) not logged 3 days after the latest session, and a rating that
    fell 2 points or more. Only active pairs whose two participants consented to share their
    summaries are assessed for these. Then two survey reasons: a survey someone owes (see
    `rmcoach survey due`), and a poor pairing fit, to the coordinator. Deterministic for a
    given --today, so it can be scheduled.

    \b
    Examples:
      rmcoach nudges
      rmcoach nudges --today 2025-06-30 --json
      rmcoach nudges --send --dry-run
      rmcoach nudges --send          # again the same day: nothing new is sent
    """
    if dry_run and not send:
        raise click.UsageError("--dry-run previews --send: give both.")
    if send and as_json:
        raise click.UsageError("--json lists the nudges; it does not combine with --send.")
    workspace = open_workspace(today)
    if send:
        from assistant.cli.mailing import send_mail

        send_mail(workspace, dry_run)
        return
    found, skipped = run(workspace.nudges())
    day = workspace.today()
    if as_json:
        import json

        payload = {
            "today": day.isoformat(),
            "nudges": [nudge.model_dump(mode="json") for nudge in found],
            "not_assessed_without_consent": skipped,
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    _print_text(day, found, skipped)


def _print_text(day: date, found: "list[Nudge]", skipped: int) -> None:
    from collections import Counter

    counts: Counter[str] = Counter(nudge.kind for nudge in found)
    tally = ", ".join(
        f"{counts[kind]} {labels[counts[kind] != 1]}"
        for kind, labels in _KIND_LABELS.items()
        if counts[kind]
    )
    click.echo(f"Nudges for {day}: {len(found)}{f' ({tally})' if tally else ''}.")
    if skipped:
        click.echo(
            f"{skipped} active pairs not assessed: a participant did not consent to share "
            "session summaries."
        )
    for nudge in found:
        people = " and ".join(f"{r.name} ({r.role})" for r in nudge.to)
        say(f"\n{_KIND_LABELS[nudge.kind][0]}, pair {nudge.pair_id}: to {people}")
        say(f"  why: {nudge.reason}")
        say(f"  suggested message: {nudge.message}")
        click.echo(f"  source: {nudge.source.cite()}")
