"""Handing letters to an SMTP server: one connection for a run, one message per letter.

A refused recipient, a refused message or a connection dropped mid-message fails that letter
only: the connection is opened again for the next one. A server that cannot be reached, or that
refuses the login, stops the run, since no later letter could go either. What fails is reported
with the server's reason, never with the password, which is read from its file here and handed
to `smtplib` alone.
"""

import smtplib
import ssl
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from types import TracebackType

from assistant.config import Settings
from assistant.reach.letters import Letter

TIMEOUT_SECONDS = 30
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}


class MailSetupError(Exception):
    """The settings cannot send mail (missing, unreadable, or refused by the server as a whole)."""


class Mailer:
    def __init__(self, settings: Settings) -> None:
        if not settings.smtp_host or not settings.mail_from:
            raise MailSetupError(
                "sending needs RMCOACH_SMTP_HOST and RMCOACH_MAIL_FROM (or smtp_host and "
                "mail_from in the config file); try --dry-run to see the messages first"
            )
        self.settings = settings
        self.sender = sender_address(settings.mail_from)
        self.port = settings.smtp_port or DEFAULT_PORTS[settings.smtp_security]
        self.password = _password(settings)
        self._smtp: smtplib.SMTP | None = None

    @property
    def server(self) -> str:
        return f"{self.settings.smtp_host}:{self.port} ({self.settings.smtp_security})"

    def __enter__(self) -> "Mailer":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._close()

    def send(self, letter: Letter) -> str | None:
        """Hand the letter to the server; None when accepted, else the reason it was not.

        Raises MailSetupError when the server cannot be reached or refuses the login: then no
        later letter could go either."""
        smtp = self._connection()
        try:
            smtp.send_message(compose(letter, self.sender))
        except smtplib.SMTPRecipientsRefused as error:
            code, reply = next(iter(error.recipients.values()))
            return f"the server refused {letter.recipient.email}: {code} {_text(reply)}"
        except smtplib.SMTPResponseException as error:
            self._close()
            return f"the server refused the message: {error.smtp_code} {_text(error.smtp_error)}"
        except (smtplib.SMTPException, OSError) as error:
            self._close()
            return f"cannot reach {self.server}: {_reason(error)}"
        return None

    def connect(self) -> None:
        """Open the connection now, so a server that cannot be reached is known first."""
        self._connection()

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            self._smtp = self._connect()
        return self._smtp

    def _connect(self) -> smtplib.SMTP:
        host, security = self.settings.smtp_host or "", self.settings.smtp_security
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        try:
            if security == "tls":
                smtp = smtplib.SMTP_SSL(host, self.port, timeout=TIMEOUT_SECONDS, context=context)
            else:
                smtp = smtplib.SMTP(host, self.port, timeout=TIMEOUT_SECONDS)
        except (smtplib.SMTPException, OSError) as error:
            raise MailSetupError(f"cannot reach {self.server}: {_reason(error)}") from None
        try:
            if security == "starttls":
                smtp.starttls(context=context)
            if self.settings.smtp_user:
                smtp.login(self.settings.smtp_user, self.password)
        except smtplib.SMTPAuthenticationError as error:
            smtp.close()
            raise MailSetupError(
                f"{self.server} refused the login for {self.settings.smtp_user!r}: "
                f"{error.smtp_code} {_text(error.smtp_error)} (check RMCOACH_SMTP_USER and the "
                "password file)"
            ) from None
        except (smtplib.SMTPException, OSError) as error:
            smtp.close()
            raise MailSetupError(f"cannot reach {self.server}: {_reason(error)}") from None
        return smtp

    def _close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


def compose(letter: Letter, sender: Address) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    # A line break in a header would end it early: names go on one line.
    name = " ".join(letter.recipient.name.split())
    message["To"] = Address(name, addr_spec=letter.recipient.email or "")
    message["Subject"] = letter.subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.domain or "rmcoach")
    message.set_content(letter.body)
    return message


def sender_address(mail_from: str) -> Address:
    name, address = parseaddr(mail_from)
    if "@" not in address:
        raise MailSetupError(
            f"RMCOACH_MAIL_FROM {mail_from!r} is not an e-mail address: write it as "
            "'Mentoring programme <mentoring@example.org>' or 'mentoring@example.org'"
        )
    return Address(name, addr_spec=address)


def _password(settings: Settings) -> str:
    path = settings.smtp_password_file
    if path is None:
        return ""
    try:
        lines = path.expanduser().read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise MailSetupError(
            f"RMCOACH_SMTP_PASSWORD_FILE: cannot read {path}: {_reason(error)}"
        ) from None
    return lines[0] if lines else ""


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__
