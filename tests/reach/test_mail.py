"""`rmcoach nudges --send`, and the workspace's `send_nudges` behind it, against a real SMTP
server on 127.0.0.1: what arrives, and only once."""

import re
import ssl
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import trustme
from click.testing import CliRunner, Result
from databases import KINDS, migrated_store
from databases import database_url as empty_database
from sqlalchemy import func, select, text

from assistant.access.local import LocalChoice, remember
from assistant.accountability.nudges import Nudge, nudges_for
from assistant.accountability.survey_nudges import survey_nudges
from assistant.cli import main
from assistant.config import load_settings
from assistant.demo import generate, write_programme
from assistant.models import Participant
from assistant.store import Store, schema
from assistant.surveys.service import owed_surveys
from assistant.workspace.clock import Clock
from assistant.workspace.errors import NotPermitted, Unavailable
from assistant.workspace.workspace import Workspace

from .smtp_server import Inbox, free_port, smtp_server

TODAY = date(2025, 6, 30)
DAY = TODAY.isoformat()
SENDER = "Mentoring programme <mentoring@example.org>"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["nudges", "--today", DAY, *args])


def point_at(monkeypatch: pytest.MonkeyPatch, port: int, security: str) -> None:
    monkeypatch.setenv("RMCOACH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("RMCOACH_SMTP_PORT", str(port))
    monkeypatch.setenv("RMCOACH_SMTP_SECURITY", security)
    monkeypatch.setenv("RMCOACH_MAIL_FROM", SENDER)


@pytest.fixture(params=KINDS)
def store(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Store]:
    """The demo on SQLite, and on PostgreSQL when RMCOACH_TEST_POSTGRES_URL names a server."""
    with empty_database(request.param, tmp_path, "mail") as url, migrated_store(url) as store:
        monkeypatch.setenv("RMCOACH_DATABASE_URL", url)
        write_programme(store, generate(seed=5, pairs=6, months=6, today=TODAY))
        yield store


@pytest.fixture
def inbox() -> Inbox:
    return Inbox()


@pytest.fixture
def plain_server(inbox: Inbox, monkeypatch: pytest.MonkeyPatch) -> int:
    with smtp_server(inbox) as port:
        point_at(monkeypatch, port, "none")
        yield port


def all_nudges(store: Store) -> list[Nudge]:
    return nudges_for(store, TODAY) + survey_nudges(store, TODAY)


def due_items(store: Store) -> dict[str, int]:
    """How many items each leader and mentor is owed today, by person id."""
    counts: dict[str, int] = {}
    for nudge in all_nudges(store):
        for recipient in nudge.to:
            counts[recipient.id] = counts.get(recipient.id, 0) + 1
    return counts


def summaries_to(inbox: Inbox, coordinator: Participant) -> list[str]:
    return [
        message.get_content()
        for message in inbox.to(coordinator.email)
        if message["Subject"].startswith(f"rmcoach: programme summary for {DAY}")
    ]


def coordinators(store: Store) -> list[Participant]:
    return [p for p in store.participants() if p.role == "coordinator"]


def sent_rows(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(schema.mail_sent)) or 0)


def test_each_person_gets_one_message_with_all_their_items_and_a_rerun_sends_nothing(
    store: Store, inbox: Inbox, plain_server: int
) -> None:
    due = due_items(store)
    nudges = all_nudges(store)
    kinds = {nudge.kind for nudge in nudges}
    assert {"survey-due", "overdue-commitment"} <= kinds, "the demo day has both to send"
    result = run("--send")
    assert result.exit_code == 0, result.output
    assert len(inbox.arrived) == len(due) + len(coordinators(store))
    for person_id, count in due.items():
        person = store.participant(person_id)
        (message,) = inbox.to(person.email)
        assert message["To"].addresses[0].display_name == person.name
        assert message["From"].addresses[0].addr_spec == "mentoring@example.org"
        body = message.get_content()
        assert body.startswith("Here is what your reverse-mentoring programme has waiting for you:")
        assert body.count("\n(pair ") == 0 and body.count(" (pair ") == count
        for nudge in nudges:
            if person_id in {r.id for r in nudge.to}:
                assert nudge.message in body
    assert f"sent {len(inbox.arrived)} messages" in result.output
    for person_id, count in due.items():
        person = store.participant(person_id)
        line = f"  to {person.name} <{person.email}>: {count} item{'s' if count > 1 else ''}"
        assert line in result.output.splitlines()

    arrived = len(inbox.arrived)
    again = run("--send")
    assert again.exit_code == 0, again.output
    assert f"Nothing new to e-mail for {DAY}" in again.output
    assert len(inbox.arrived) == arrived


def test_the_coordinator_summary_names_pairs_and_reasons_but_no_rating_or_private_note(
    store: Store, inbox: Inbox, plain_server: int
) -> None:
    marker = "PRIVATE-NOTE-MARKER"
    with store.engine.begin() as conn:
        noted = conn.execute(text("UPDATE private_notes SET text = :t"), {"t": marker}).rowcount
    assert noted > 0
    assert run("--send").exit_code == 0
    owed = owed_surveys(store, TODAY)
    for coordinator in coordinators(store):
        (body,) = summaries_to(inbox, coordinator)
        for nudge in nudges_for(store, TODAY):
            assert f"pair {nudge.pair_id}: nudged" in body and nudge.reason in body
        assert f"Surveys still owed: {len(owed)} across " in body
        assert "Survey due, pair" not in body, "people owing surveys are counted, not listed"
        assert not re.search(r"(safety|usefulness)\D{0,20}\b[1-7]\b|\brated\b", body)
    everything = "\n".join(m.get_content() for _, m in inbox.arrived)
    assert marker not in everything


def test_one_refused_recipient_does_not_stop_the_rest_and_is_retried_next_run(
    store: Store, inbox: Inbox, plain_server: int
) -> None:
    due = due_items(store)
    refused = store.participant(sorted(due)[0])
    inbox.refuse.add(refused.email)
    first = run("--send")
    assert first.exit_code == 1
    assert f"Not delivered to {refused.name} <{refused.email}>: the server refused" in first.output
    assert "550" in first.output and "Traceback" not in first.output
    assert inbox.to(refused.email) == []
    delivered = len(inbox.arrived)
    assert delivered == len(due) + len(coordinators(store)) - 1
    for coordinator in coordinators(store):
        (summary,) = summaries_to(inbox, coordinator)
        assert f"Not delivered to {refused.name}" in summary

    inbox.refuse.clear()
    second = run("--send")
    assert second.exit_code == 0, second.output
    (late,) = inbox.to(refused.email)
    assert late.get_content().count(" (pair ") == due[refused.id]
    assert len(inbox.arrived) == delivered + 1, "only the retried letter; the summary had it all"


def test_starttls_with_a_login_sends_and_never_shows_the_password(
    store: Store, inbox: Inbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_context)
    ca_file = tmp_path / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    password = "s3cret-Pa55word"
    (tmp_path / "smtp-password").write_text(password + "\n")
    with smtp_server(inbox, server_context, logins={"coach": password}) as port:
        monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
        point_at(monkeypatch, port, "starttls")
        monkeypatch.setenv("RMCOACH_SMTP_USER", "coach")
        monkeypatch.setenv("RMCOACH_SMTP_PASSWORD_FILE", str(tmp_path / "smtp-password"))
        result = run("--send")
        assert result.exit_code == 0, result.output
        assert len(inbox.arrived) == len(due_items(store)) + len(coordinators(store))
        assert f"via 127.0.0.1:{port} (starttls)" in result.output

        (tmp_path / "smtp-password").write_text("wrong-password\n")
        with store.engine.begin() as conn:
            conn.execute(schema.mail_sent.delete())
        refused = run("--send")
    assert refused.exit_code == 1
    assert (
        "refused the login for 'coach'" in refused.output and "Nothing was sent" in refused.output
    )
    for output in (result.output, refused.output):
        assert password not in output and "wrong-password" not in output


def test_tls_from_the_first_byte_checks_the_certificate(
    store: Store, inbox: Inbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_context)
    with smtp_server(inbox, server_context, implicit_tls=True) as port:
        point_at(monkeypatch, port, "tls")
        untrusted = run("--send")
        assert untrusted.exit_code == 1 and "certificate verify failed" in untrusted.output
        assert inbox.arrived == [] and sent_rows(store) == 0
        ca_file = tmp_path / "ca.pem"
        authority.cert_pem.write_to_path(str(ca_file))
        monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
        trusted = run("--send")
    assert trusted.exit_code == 0, trusted.output
    assert f"via 127.0.0.1:{port} (tls)" in trusted.output
    assert len(inbox.arrived) == len(due_items(store)) + len(coordinators(store))


def test_a_server_that_cannot_be_reached_sends_and_records_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_at(monkeypatch, free_port(), "starttls")
    result = run("--send")
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot reach 127.0.0.1:")
    assert "Connection refused" in result.output and "Nothing was sent." in result.output
    assert sent_rows(store) == 0


def test_without_settings_it_says_which_ones_and_the_dry_run_shows_all_and_records_nothing(
    store: Store,
) -> None:
    result = run("--send")
    assert result.exit_code == 1
    assert "needs RMCOACH_SMTP_HOST and RMCOACH_MAIL_FROM" in result.output
    dry = run("--send", "--dry-run")
    assert dry.exit_code == 0, dry.output
    due = due_items(store)
    assert dry.output.count("--- To: ") == len(due) + len(coordinators(store))
    assert "nothing was sent or recorded" in dry.output
    assert sent_rows(store) == 0
    alone = run("--dry-run")
    assert alone.exit_code == 2 and "--dry-run previews --send" in alone.output


def test_people_without_an_address_are_named_and_told_to_the_coordinator(
    store: Store, inbox: Inbox, plain_server: int
) -> None:
    due = due_items(store)
    missing = store.participant(sorted(due)[-1])
    store.upsert_participants([missing.model_copy(update={"email": None})])
    result = run("--send")
    assert result.exit_code == 0, result.output
    assert f"No e-mail address in the roster for {missing.name} ({missing.id})" in result.output
    for coordinator in coordinators(store):
        (summary,) = summaries_to(inbox, coordinator)
        assert f"No e-mail address for {missing.name}" in summary
    assert inbox.to(missing.email or "") == []


def test_the_config_file_takes_the_same_settings_in_lower_case(
    store: Store, inbox: Inbox, tmp_path: Path
) -> None:
    with smtp_server(inbox) as port:
        (tmp_path / "no-config.toml").write_text(
            f'smtp_host = "127.0.0.1"\nsmtp_port = {port}\nsmtp_security = "none"\n'
            f'mail_from = "{SENDER}"\n'
        )
        result = run("--send")
    assert result.exit_code == 0, result.output
    assert f"via 127.0.0.1:{port} (none)" in result.output
    assert len(inbox.arrived) == len(due_items(store)) + len(coordinators(store))


def test_a_bad_setting_is_one_line_naming_it_and_where_it_is_set(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RMCOACH_SMTP_SECURITY", "ssl")
    result = run("--send", "--dry-run")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith(
        "Error: setting smtp_security (RMCOACH_SMTP_SECURITY or smtp_security in "
    )
    assert "'starttls', 'tls' or 'none', got 'ssl'" in result.output
    assert sent_rows(store) == 0


# The use case behind the command, as the app would call it


def workspace() -> Workspace:
    return Workspace(load_settings(), Clock(TODAY))


async def test_the_workspace_sends_each_letter_once_and_says_what_went(
    store: Store, inbox: Inbox, plain_server: int
) -> None:
    due = due_items(store)
    mail = await workspace().send_nudges()
    assert mail.ok and not mail.dry_run and mail.server == f"127.0.0.1:{plain_server} (none)"
    assert len(mail.sent) == len(inbox.arrived) == len(due) + len(coordinators(store))
    assert {letter.recipient.email for letter in mail.sent} == {
        to for rcpts, _ in inbox.arrived for to in rcpts
    }
    assert sent_rows(store) == sum(len(set(letter.keys)) for letter in mail.sent)

    again = await workspace().send_nudges()
    assert again.ok and again.sent == [] and again.server == ""
    assert len(inbox.arrived) == len(mail.sent)


async def test_a_dry_run_records_nothing_and_no_mail_settings_is_unavailable(store: Store) -> None:
    dry = await workspace().send_nudges(dry_run=True)
    assert dry.dry_run and len(dry.sent) == len(due_items(store)) + len(coordinators(store))
    with pytest.raises(Unavailable) as unavailable:
        await workspace().send_nudges()
    assert "needs RMCOACH_SMTP_HOST and RMCOACH_MAIL_FROM" in unavailable.value.message
    assert unavailable.value.message.endswith("Nothing was sent.")
    assert sent_rows(store) == 0


async def test_only_a_coordinator_sends_the_nudges(
    store: Store, inbox: Inbox, plain_server: int
) -> None:
    if store.engine.dialect.name == "postgresql":
        pytest.skip("a shared store's person is its database login (tests/access)")
    leader = next(p for p in store.participants() if p.role == "leader")
    ws = workspace()
    remember(ws.settings.home, LocalChoice(participant_id=leader.id))
    with pytest.raises(NotPermitted, match="`rmcoach nudges` is for coordinators"):
        await ws.send_nudges()
    assert inbox.arrived == [] and sent_rows(store) == 0
