"""How an email leaves: the transports (SMTP, and a file or the log for development),
the message as it goes on the wire, and how a failure is told apart (try again later,
or never).

Settings: OUTBOX = "smtp" | "file" | "log"; MAIL_SERVER, MAIL_PORT,
MAIL_SECURITY = "starttls" | "tls" | "none", MAIL_USERNAME, MAIL_PASSWORD,
MAIL_TIMEOUT, MAIL_CA_FILE, MAIL_FROM; OUTBOX_PATH for the file transport.
"""

import contextlib
import logging
import smtplib
import ssl
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

from flask import current_app

from participation.core.models import OutboxMessage
from participation.events import log_event
from participation.types import utcnow

log = logging.getLogger(__name__)


class TemporaryFailure(Exception):
    """Try again later."""


class PermanentFailure(Exception):
    """Trying again will not help; `bounced`: the recipient address was refused."""

    def __init__(self, message: str, bounced: bool = False):
        super().__init__(message)
        self.bounced = bounced


def as_email(message: OutboxMessage, now: datetime | None = None) -> EmailMessage:
    """The message as it leaves: headers, the plain text, the HTML alternative."""
    # Long lines (unsubscribe addresses) must reach mail clients unencoded.
    email = EmailMessage(policy=SMTP.clone(max_line_length=998))
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = message.to
    email["Subject"] = message.subject
    email["Date"] = format_datetime(now or utcnow())
    if message.message_id:
        email["Message-ID"] = message.message_id
    # Out-of-office and vacation replies are not wanted back (RFC 3834).
    email["Auto-Submitted"] = "auto-generated"
    if message.unsubscribe_url:
        email["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email.set_content(message.body)
    if message.html:
        email.add_alternative(message.html, subtype="html")
    # After the body: making the alternative moves Content-* headers into the parts.
    email["Content-Language"] = message.locale or "en"
    return email


class FileTransport:
    def __init__(self) -> None:
        configured = current_app.config["OUTBOX_PATH"]
        self.folder = Path(configured or Path(current_app.instance_path) / "outbox")
        self.folder.mkdir(parents=True, exist_ok=True)

    def send(self, message: OutboxMessage, email: EmailMessage) -> None:
        (self.folder / f"{message.id:08d}.eml").write_bytes(bytes(email))

    def close(self) -> None:
        pass


class LogTransport:
    # The development transport: the email goes to the log, not to anyone.
    def send(self, message: OutboxMessage, email: EmailMessage) -> None:
        log_event(log, "email.logged", message=message.id, kind=message.kind)

    def close(self) -> None:
        pass


class SMTPTransport:
    """One connection for a batch, opened at the first message and again after a
    connection failure."""

    def __init__(self) -> None:
        self.config = current_app.config
        self.connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        host, port = config["MAIL_SERVER"], int(config["MAIL_PORT"])
        timeout = float(config["MAIL_TIMEOUT"])
        security = config["MAIL_SECURITY"]
        context = ssl.create_default_context()
        if config.get("MAIL_CA_FILE"):
            context.load_verify_locations(config["MAIL_CA_FILE"])
        connection: smtplib.SMTP
        if security == "tls":
            connection = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
        else:
            connection = smtplib.SMTP(host, port, timeout=timeout)
            if security == "starttls":
                connection.starttls(context=context)
            elif security != "none":
                raise ValueError(
                    f"MAIL_SECURITY must be starttls, tls or none: {security!r}"
                )
        if config.get("MAIL_USERNAME"):
            connection.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        return connection

    def send(self, message: OutboxMessage, email: EmailMessage) -> None:
        try:
            if self.connection is None:
                self.connection = self._connect()
            self.connection.send_message(email)
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()))
            reason = f"{code} {_text(text)}"
            if code >= 500:
                raise PermanentFailure(reason, bounced=True) from None
            raise TemporaryFailure(reason) from None
        except smtplib.SMTPResponseException as error:
            reason = f"{error.smtp_code} {_text(error.smtp_error)}"
            self._drop()
            if error.smtp_code >= 500 and not isinstance(
                error, smtplib.SMTPAuthenticationError
            ):
                raise PermanentFailure(reason) from None
            raise TemporaryFailure(reason) from None
        except (smtplib.SMTPException, OSError) as error:
            self._drop()
            raise TemporaryFailure(f"{type(error).__name__}: {error}") from None

    def _drop(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self.connection.quit()
        self.connection = None

    def close(self) -> None:
        self._drop()


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


TRANSPORTS = {"file": FileTransport, "log": LogTransport, "smtp": SMTPTransport}
