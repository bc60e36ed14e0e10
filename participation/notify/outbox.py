"""Delivering queued emails, so that none is lost and none is sent twice.

The transport is configuration (OUTBOX; notify/transports.py): SMTP, or for
development a file per message or the log.

A sender claims each message before sending it: an UPDATE that succeeds for one sender
only, and holds the message for OUTBOX_CLAIM_SECONDS (a sender that dies mid-batch
leaves its claims to expire, and another sender takes them up). A temporary failure
(a 4xx answer, a connection refused or timed out) is recorded with its error and
retried later, each wait OUTBOX_RETRY_FACTOR times the one before; after
OUTBOX_MAX_ATTEMPTS tries, or at once on a permanent refusal (5xx), the message is
marked failed and shown to admins, who may send it again. A recipient refused for good
is recorded as bounced: nothing more is sent to that address.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, or_, select, update

from participation.core.models import BouncedAddress, OutboxMessage
from participation.events import job_run, log_event
from participation.extensions import db
from participation.notify.transports import (
    TRANSPORTS,
    PermanentFailure,
    TemporaryFailure,
    as_email,
)
from participation.types import utcnow

log = logging.getLogger(__name__)


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
    except (PermanentFailure, TemporaryFailure) as error:
        permanent = isinstance(error, PermanentFailure)
        message.last_error = str(error)[:2000]
        if permanent and error.bounced:
            record_bounce(message.to, str(error))
        if permanent or message.attempts >= current_app.config["OUTBOX_MAX_ATTEMPTS"]:
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
            permanent=permanent,
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
    """How many messages wait to be sent, and how many failed (one query)."""
    failed = OutboxMessage.failed_at.is_not(None)
    waiting_count, failed_count = db.session.execute(
        select(
            func.count().filter(~failed),
            func.count().filter(failed),
        ).where(OutboxMessage.sent_at.is_(None))
    ).one()
    return {"waiting": waiting_count, "failed": failed_count}


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
