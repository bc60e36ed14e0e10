"""A real SMTP server on loopback for the tests (aiosmtpd), and what arrived at it.

The app sends to it through its SMTP transport exactly as to a city's mail relay;
the tests read the messages as a mail client would. The server can be told to refuse
a recipient for good (5xx), or to fail the next tries for a while (4xx), as real
servers do. `secure=True` serves STARTTLS with a certificate of a throwaway authority
(trustme) and asks for a login.
"""

import socket
import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Inbox:
    """The aiosmtpd handler: keeps what arrived, refuses what it is told to."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.refused: dict[str, str] = {}
        self.failures_left = 0

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()
            self.refused.clear()
            self.failures_left = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            if self.failures_left > 0:
                self.failures_left -= 1
                return "451 4.3.0 Try again later"
            if address.lower() in self.refused:
                return self.refused[address.lower()]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class Mailbox:
    """A running SMTP server and its inbox."""

    def __init__(self, secure: bool = False, certificates_dir=None) -> None:
        self.inbox = Inbox()
        self.ca_file = None
        options: dict = {}
        if secure:
            import ssl

            import trustme

            authority = trustme.CA()
            certificate = authority.issue_cert("127.0.0.1", "localhost")
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            certificate.configure_cert(context)
            self.ca_file = str(certificates_dir / "ca.pem")
            authority.cert_pem.write_to_path(self.ca_file)
            options = {
                "tls_context": context,
                "require_starttls": True,
                "authenticator": self._authenticate,
                "auth_required": True,
            }
        # aiosmtpd checks its server by connecting to the port it was given: a free
        # one, asked of the system.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, **options
        )
        self.controller.start()

    @staticmethod
    def _authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login,
            auth_data.password,
        ) == (b"city", b"relay-password")
        return AuthResult(success=ok, handled=False)

    def config(self) -> dict:
        """The app's settings to send here."""
        settings = {
            "OUTBOX": "smtp",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": self.port,
            "MAIL_SECURITY": "none",
            "MAIL_TIMEOUT": 5,
        }
        if self.ca_file:
            settings.update(
                MAIL_SECURITY="starttls",
                MAIL_CA_FILE=self.ca_file,
                MAIL_USERNAME="city",
                MAIL_PASSWORD="relay-password",
            )
        return settings

    @property
    def messages(self) -> list[EmailMessage]:
        with self.inbox.lock:
            return [message for _to, message in self.inbox.messages]

    def to(self, address: str) -> list[EmailMessage]:
        """What arrived for `address`."""
        with self.inbox.lock:
            return [
                message
                for recipients, message in self.inbox.messages
                if address.lower() in (r.lower() for r in recipients)
            ]

    def refuse(self, address: str, answer: str = "550 5.1.1 No such user") -> None:
        self.inbox.refused[address.lower()] = answer

    def fail_next(self, count: int) -> None:
        """Answer 451 (try again later) to the next `count` recipients."""
        self.inbox.failures_left = count

    def stop(self) -> None:
        self.controller.stop()


def text_of(message: EmailMessage) -> str:
    """The plain-text body of a message, as a reader sees it."""
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


def html_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    return part.get_content() if part is not None else ""
