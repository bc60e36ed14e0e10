"""Confirming an address: what waited for it is published.

Until a person follows the link sent to their address, what they submit waits
("waiting for your confirmation"). A package whose contributions wait registers, with
`on_confirm`, the function that publishes the person's waiting contributions of that
package (given the account; returns how many it published; it does not commit).
`confirm_address` marks the address confirmed and runs them all, in one transaction.
"""

import logging
from collections.abc import Callable
from typing import Any

from participation.events import log_event
from participation.extensions import db
from participation.types import utcnow

log = logging.getLogger(__name__)

Publisher = Callable[[Any], int]
_PUBLISHERS: list[Publisher] = []


def on_confirm(publisher: Publisher) -> Publisher:
    """Declare what to publish of an account when its address is confirmed."""
    _PUBLISHERS.append(publisher)
    return publisher


def confirm_address(user: Any) -> int:
    """Mark the account's address confirmed (once) and publish what waited for it;
    how many contributions were published. Commits."""
    published = 0
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
    for publisher in _PUBLISHERS:
        published += publisher(user)
    db.session.commit()
    log_event(log, "address.confirmed", user_id=user.id, published=published)
    return published
