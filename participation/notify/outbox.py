"""Delivering queued emails, so that none is lost and none is sent twice.

The transport is configuration: OUTBOX = "smtp" (MAIL_SERVER, MAIL_PORT,
MAIL_SECURITY = "starttls" | "tls" | "none", MAIL_USERNAME, MAIL_PASSWORD,
MAIL_TIMEOUT, MAIL_FROM), or for development "file" (one .eml file per message under
instance/outbox/) or "log".

A sender claims each message before sending it: an UPDATE that succeeds for one sender
only, and holds the message for OUTBOX_CLAIM_SECONDS (a sender that dies mid-batch
leaves its claims to expire, and another sender takes them up). A temporary failure
(a 4xx answer, a connection refused or timed out) is recorded with its error and
retried later, each wait OUTBOX_RETRY_FACTOR times the one before; after
OUTBOX_MAX_ATTEMPTS tries, or at once on a permanent refusal (5xx), the message is
marked failed and shown to admins, who may send it again. A recipient refused for good
is recorded as bounced: nothing more is sent to that address.
"""

import contextlib
import logging
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import func, or_, select, update

from participation.core.models import BouncedAddress, OutboxMessage
from participation.events import job_run, log_event
from participation.extensions import db
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


@dataclass
class Batch:
    sent: int = 0
    retried: int = 0
    failed: int = 0


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failed try."""
    config = current_app.config
    seconds = config["OUTBOX_RETRY_SECONDS"] * config["OUTBOX_RETRY_FACTOR"] ** (
        attempts - 1
    )
    return timedelta(seconds=min(seconds, 24 * 3600))


def _due(now: datetime):
    return (
        OutboxMessage.sent_at.is_(None),
        OutboxMessage.failed_at.is_(None),
        or_(
            OutboxMessage.next_attempt_at.is_(None),
            OutboxMessage.next_attempt_at <= now,
        ),
        or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
    )


def _claim(message_id: int, now: datetime) -> bool:
    """Take the message for this sender; False if another one has it (or sent it)."""
    lease = timedelta(seconds=current_app.config["OUTBOX_CLAIM_SECONDS"])
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, *_due(now))
        .values(claimed_until=now + lease, attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return claimed == 1


def record_bounce(address: str, reason: str) -> None:
    """Record that `address` bounces for good (the caller commits when in a batch)."""
    found = db.session.scalar(
        select(BouncedAddress).where(
            func.lower(BouncedAddress.address) == address.lower()
        )
    )
    if found is None:
        db.session.add(BouncedAddress(address=address, reason=reason[:500]))
    log_event(log, "email.bounced", reason=reason[:100])
    db.session.commit()


def send_pending(limit: int = 100) -> Batch:
    """Send the messages due now through the configured transport."""
    name = current_app.config["OUTBOX"]
    batch = Batch()
    with job_run(log, "outbox.send", transport=name) as run:
        now = utcnow()
        ids = list(
            db.session.scalars(
                select(OutboxMessage.id)
                .where(*_due(now))
                .order_by(OutboxMessage.id)
                .limit(limit)
            )
        )
        db.session.commit()
        transport = TRANSPORTS[name]()
        try:
            for message_id in ids:
                if _claim(message_id, now):
                    _send_one(transport, message_id, batch)
        finally:
            transport.close()
        run.update(sent=batch.sent, retried=batch.retried, failed=batch.failed)
    return batch


def _send_one(transport, message_id: int, batch: Batch) -> None:
    message = db.session.get(OutboxMessage, message_id, populate_existing=True)
    now = utcnow()
    try:
        transport.send(message, as_email(message, now))
    except PermanentFailure as error:
        message.last_error, message.failed_at = str(error)[:2000], now
        if error.bounced:
            record_bounce(message.to, str(error))
        batch.failed += 1
        log_event(
            log,
            "email.failed",
            logging.WARNING,
            message=message.id,
            kind=message.kind,
            attempts=message.attempts,
            error=str(error)[:200],
            permanent=True,
        )
    except TemporaryFailure as error:
        message.last_error = str(error)[:2000]
        if message.attempts >= current_app.config["OUTBOX_MAX_ATTEMPTS"]:
            message.failed_at = now
            batch.failed += 1
        else:
            message.next_attempt_at = now + retry_delay(message.attempts)
            batch.retried += 1
        log_event(
            log,
            "email.failed",
            logging.WARNING,
            message=message.id,
            kind=message.kind,
            attempts=message.attempts,
            error=str(error)[:200],
            gave_up=message.failed_at is not None,
        )
    else:
        message.sent_at, message.last_error = now, None
        batch.sent += 1
    message.claimed_until = None
    db.session.commit()


def failed_messages(limit: int = 200) -> list[OutboxMessage]:
    """Messages given up on, newest first (for admins)."""
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.failed_at.is_not(None), OutboxMessage.sent_at.is_(None)
            )
            .order_by(OutboxMessage.failed_at.desc(), OutboxMessage.id.desc())
            .limit(limit)
        )
    )


def backlog() -> dict[str, int]:
    """How many messages wait to be sent, and how many failed."""
    waiting = db.session.scalar(
        select(func.count())
        .select_from(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None))
    )
    failed = db.session.scalar(
        select(func.count())
        .select_from(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_not(None))
    )
    return {"waiting": waiting, "failed": failed}


def retry(message_id: int) -> bool:
    """Send a failed message again (an admin asked): its tries start over. False if
    it is not a failed message (sent meanwhile, or never failed)."""
    changed = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.failed_at.is_not(None),
            OutboxMessage.sent_at.is_(None),
        )
        .values(failed_at=None, attempts=0, next_attempt_at=None, claimed_until=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return changed == 1
