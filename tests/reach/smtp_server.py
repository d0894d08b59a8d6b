"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what arrives and can refuse recipients."""

import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session


@dataclass
class Inbox:
    refuse: set[str] = field(default_factory=set)
    """Recipients answered with 550, as a server does for a mailbox that does not exist."""
    arrived: list[tuple[list[str], EmailMessage]] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        message = message_from_bytes(content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.arrived.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for rcpts, message in self.arrived if address in rcpts]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def smtp_server(
    inbox: Inbox,
    tls_context: ssl.SSLContext | None = None,
    logins: dict[str, str] | None = None,
    implicit_tls: bool = False,
) -> Iterator[int]:
    """Serve `inbox` on 127.0.0.1; with `tls_context`, STARTTLS is offered and required (or,
    with `implicit_tls`, TLS is spoken from the first byte)."""
    extra: dict[str, Any] = {}
    if tls_context is not None and implicit_tls:
        extra |= {"ssl_context": tls_context}
    elif tls_context is not None:
        extra |= {"tls_context": tls_context, "require_starttls": True}
    if logins is not None:

        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any):
            ok = isinstance(data, LoginPassword) and logins.get(data.login.decode()) == (
                data.password.decode()
            )
            return AuthResult(success=ok, handled=False)

        extra |= {"authenticator": authenticate, "auth_required": True}
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **extra)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
