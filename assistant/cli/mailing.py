"""`rmcoach nudges --send`: e-mail what is due, and say what happened, person by person."""

from typing import TYPE_CHECKING

from assistant.cli.output import say
from assistant.cli.workspace import run

if TYPE_CHECKING:
    from assistant.reach.letters import Letter
    from assistant.reach.sending import MailRun
    from assistant.workspace.workspace import Workspace


def send_mail(workspace: "Workspace", dry_run: bool) -> None:
    """Send (or, in a dry run, show) what is due, then say what happened to each letter."""
    mail = run(workspace.send_nudges(dry_run))
    if dry_run:
        for letter in mail.sent:
            say(f"--- To: {letter.recipient.name} <{letter.recipient.email}>")
            say(f"Subject: {letter.subject}\n")
            say(letter.body)
    _report(mail)
    if not mail.ok:
        raise SystemExit(1)


def _report(run: "MailRun") -> None:
    items = sum(len(letter.items) for letter in run.sent)
    done = f"{_n(len(run.sent), 'message')} ({_n(items, 'item')})"
    if run.dry_run:
        say(f"Dry run for {run.today}: would send {done}; nothing was sent or recorded.")
    elif run.sent or run.failed or run.stopped:
        say(f"E-mail for {run.today} via {run.server}: sent {done}.")
        for letter in run.sent:
            say(f"  to {_to(letter)}: {_n(len(letter.items), 'item')}")
    else:
        say(f"Nothing new to e-mail for {run.today}: everything due was sent before.")
    for letter, reason in run.failed:
        say(f"Not delivered to {_to(letter)}: {reason}. It is tried again on the next run.")
    if run.stopped:
        say(
            f"Stopped: {run.stopped}. {_n(len(run.unsent), 'message')} not sent; "
            "they are tried again on the next run."
        )
    if run.unreachable:
        names = ", ".join(f"{gone.person.name} ({gone.person.id})" for gone in run.unreachable)
        say(f"No e-mail address in the roster for {names}: add an email column to reach them.")
    if not run.coordinators:
        say("No coordinator with an e-mail address in the roster, so no summary was sent.")


def _to(letter: "Letter") -> str:
    return f"{letter.recipient.name} <{letter.recipient.email}>"


def _n(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
