"""The use case behind `rmcoach nudges --send`: e-mail what is due, each item once.

Everyone with something new gets one letter (their nudges and owed surveys), then every
coordinator with an address one summary. Each letter's items are recorded in the store's mail
log only after the server accepted it, so a rerun the same day sends nothing new, a failed
letter is tried again on the next run, and one refused recipient does not stop the others.
"""

from dataclasses import dataclass, field
from datetime import date

from assistant.accountability.nudges import nudges_for
from assistant.accountability.survey_nudges import survey_nudges
from assistant.config import Settings
from assistant.models import Participant
from assistant.reach.letters import Letter, Unreachable, coordinator_summaries, personal_letters
from assistant.reach.smtp import Mailer, MailSetupError
from assistant.store import Store
from assistant.store.mail_log import already_sent, record_sent
from assistant.surveys.service import owed_surveys


@dataclass
class MailRun:
    today: date
    dry_run: bool
    server: str = ""
    sent: list[Letter] = field(default_factory=list)
    """Accepted by the server (in a dry run: what would be sent)."""
    failed: list[tuple[Letter, str]] = field(default_factory=list)
    stopped: str | None = None
    """Why the run stopped early (the server unreachable, the login refused)."""
    unsent: list[Letter] = field(default_factory=list)
    """Not tried, because the run stopped first."""
    unreachable: list[Unreachable] = field(default_factory=list)
    coordinators: int = 0
    """Coordinators with an e-mail address, who get the summary."""

    @property
    def ok(self) -> bool:
        return not self.failed and self.stopped is None


def send_due_mail(store: Store, settings: Settings, today: date, dry_run: bool) -> MailRun:
    """E-mail everyone their new nudges and owed surveys, and the coordinators a summary."""
    people = {person.id: person for person in store.participants()}
    nudges = nudges_for(store, today) + survey_nudges(store, today)
    owed = owed_surveys(store, today)
    sent = already_sent(store.engine, people)
    letters, unreachable = personal_letters(people, nudges, sent)
    coordinators = [p for p in people.values() if _coordinating(p, today)]
    run = MailRun(today, dry_run, unreachable=unreachable)
    run.coordinators = sum(1 for c in coordinators if c.email)

    def summaries() -> list[Letter]:
        failed = [(letter.recipient, reason) for letter, reason in run.failed]
        return coordinator_summaries(
            coordinators, nudges, owed, unreachable, failed, str(today), sent
        )

    if dry_run:
        run.sent = letters + summaries()
        return run
    if not letters and not summaries():
        return run  # a rerun: no server needed to send nothing
    with Mailer(settings) as mailer:
        mailer.connect()  # a server that cannot be reached fails here, before anything is sent
        run.server = mailer.server
        _deliver(store, mailer, letters, run)
        if run.stopped is None:
            _deliver(store, mailer, summaries(), run)
    return run


def _coordinating(person: Participant, today: date) -> bool:
    return person.role == "coordinator" and (person.left is None or person.left > today)


def _deliver(store: Store, mailer: Mailer, letters: list[Letter], run: MailRun) -> None:
    for index, letter in enumerate(letters):
        try:
            reason = mailer.send(letter)
        except MailSetupError as error:
            run.stopped = str(error)
            run.unsent += letters[index:]
            return
        if reason is None:
            record_sent(store.engine, letter.recipient.id, letter.keys, run.today)
            run.sent.append(letter)
        else:
            run.failed.append((letter, reason))
