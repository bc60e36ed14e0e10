"""Queueing an email: what every package calls to write to a person.

The message is composed in the reader's language by the caller (inside
`force_locale`), stored in the outbox with a Message-ID made once, and sent later by
the outbox (participation/notify/outbox.py). Two kinds of mail:

- account mail (ACCOUNT_KINDS: confirming an address, a password reset, a sign-in
  link …) goes to whoever asked for it, confirmed or not;
- notifications go only to confirmed accounts, carry a one-click unsubscribe link,
  and follow the person's choice for that kind of event (participation/notify/preferences.py).

Nothing is queued for an address that bounced for good.
"""

import logging
from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import func, select

from participation.core.models import BouncedAddress, OutboxMessage
from participation.events import log_event
from participation.extensions import db

log = logging.getLogger(__name__)

# Mail a person asked for, sent whether or not their address is confirmed yet.
ACCOUNT_KINDS = frozenset(
    {
        "confirm",
        "reset",
        "change_email",
        "email_changed",
        "account_exists",
        "sign_in",
        "publish",
    }
)


def is_bounced(address: str) -> BouncedAddress | None:
    """The record of a permanent bounce of `address`, if any."""
    return db.session.scalar(
        select(BouncedAddress).where(
            func.lower(BouncedAddress.address) == (address or "").strip().lower()
        )
    )


def forget_bounce(address: str) -> bool:
    """Try an address that bounced again (its owner says it works now): whether
    there was a bounce to forget. Commits."""
    found = is_bounced(address)
    if found is None:
        return False
    db.session.delete(found)
    db.session.commit()
    log_event(log, "email.bounce_forgotten")
    return True


def _message_id() -> str:
    host = urlsplit(current_app.config["PUBLIC_URL"]).hostname or "localhost"
    return make_msgid(domain=host)


def queue_email(
    to: str,
    subject: str,
    body: str,
    *,
    kind: str,
    locale: str = "en",
    html: str | None = None,
    unsubscribe_url: str | None = None,
    user: Any = None,
) -> OutboxMessage | None:
    """Queue one email (the caller commits); None when it must not go: the address
    bounced, or a notification for an account not confirmed."""
    if kind not in ACCOUNT_KINDS:
        if user is None or not user.is_confirmed or not user.is_active:
            log_event(log, "email.skipped", kind=kind, reason="not_confirmed")
            return None
        if not unsubscribe_url:
            raise ValueError(f"a {kind!r} notification needs its unsubscribe link")
    if is_bounced(to):
        log_event(log, "email.skipped", kind=kind, reason="bounced")
        return None
    message = OutboxMessage(
        to=to,
        subject=subject[:300],
        body=body,
        html=html,
        locale=locale or "en",
        kind=kind,
        message_id=_message_id(),
        unsubscribe_url=unsubscribe_url,
    )
    db.session.add(message)
    return message
