"""Delivering queued emails. The transport is configuration: OUTBOX = "file" (default:
one .eml file per message under instance/outbox/, for development) or "log"."""

import logging
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from participation.events import job_run, log_event
from participation.extensions import db
from participation.notify.models import OutboxMessage
from participation.types import utcnow

log = logging.getLogger(__name__)


def _as_email(message: OutboxMessage) -> EmailMessage:
    # Long lines (unsubscribe addresses) must reach mail clients unencoded.
    email = EmailMessage(policy=SMTP.clone(max_line_length=998))
    email["From"] = current_app.config["MAIL_FROM"]
    email["To"] = message.to
    email["Subject"] = message.subject
    if message.unsubscribe_url:
        email["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email.set_content(message.body)
    return email


def _deliver_file(message: OutboxMessage) -> None:
    folder = Path(
        current_app.config["OUTBOX_PATH"] or Path(current_app.instance_path) / "outbox"
    )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{message.id:08d}.eml").write_bytes(bytes(_as_email(message)))


def _deliver_log(message: OutboxMessage) -> None:
    # The development transport: the email goes to the log, not to anyone.
    log_event(log, "email.logged", to=message.to, subject=message.subject)


TRANSPORTS = {"file": _deliver_file, "log": _deliver_log}


def send_pending(limit: int = 100) -> int:
    """Deliver queued emails through the configured transport; returns how many."""
    transport = TRANSPORTS[current_app.config["OUTBOX"]]
    with job_run(log, "outbox.send", transport=current_app.config["OUTBOX"]) as run:
        messages = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.sent_at.is_(None)).limit(limit)
        ).all()
        for message in messages:
            transport(message)
            message.sent_at = utcnow()
        db.session.commit()
        run["sent"] = len(messages)
    return len(messages)
