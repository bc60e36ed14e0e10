"""Links sent by email that act for a person: confirm an address, reset a password,
confirm a new address, publish what a visitor sent, sign in from an email.

Each link is signed with the deployment's secret (itsdangerous, one salt per purpose,
so a link made for one purpose opens nothing else), expires (the purpose's setting),
and is single-use: spending it stores its digest (SpentToken), whose primary key lets
only one of two clicks at once through. A link may also be bound to a value that using
it changes (a reset link to the password hash it replaces), so it dies with that value
even before it is spent.
"""

import hashlib
import logging
import secrets
from datetime import timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from participation.auth.models import SpentToken
from participation.errors import Invalid
from participation.events import log_event
from participation.extensions import db
from participation.types import utcnow

log = logging.getLogger(__name__)

# Each purpose and the setting of how long its links live, in seconds.
PURPOSES = {
    "confirm": "CONFIRM_LINK_MAX_AGE",
    "reset": "RESET_LINK_MAX_AGE",
    "change_email": "EMAIL_CHANGE_LINK_MAX_AGE",
    "sign_in": "SIGN_IN_LINK_MAX_AGE",
    "publish": "CONFIRM_LINK_MAX_AGE",
}


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    if purpose not in PURPOSES:
        raise KeyError(f"unknown token purpose {purpose!r}")
    return URLSafeTimedSerializer(
        current_app.config["SECRET_KEY"], salt=f"participation.{purpose}"
    )


def max_age(purpose: str) -> int:
    return int(current_app.config[PURPOSES[purpose]])


def _fingerprint(value: str | None) -> str:
    return hashlib.sha256((value or "").encode()).hexdigest()[:20]


def make_token(purpose: str, bind: str | None = None, **data: Any) -> str:
    """A signed link token for `purpose` carrying `data` (JSON values); `bind`: a
    value the token dies with when it changes."""
    payload = {**data, "n": secrets.token_urlsafe(8), "b": _fingerprint(bind)}
    return str(_serializer(purpose).dumps(payload))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _payload(purpose: str, token: str) -> dict[str, Any]:
    try:
        payload = _serializer(purpose).loads(token or "", max_age=max_age(purpose))
    except SignatureExpired:
        raise Invalid(
            {"token": _("This link has expired. Ask for a new one below.")}
        ) from None
    except (BadSignature, ValueError, TypeError, UnicodeError):
        raise Invalid({"token": _("This link is not valid.")}) from None
    if not isinstance(payload, dict):
        raise Invalid({"token": _("This link is not valid.")})
    return payload


def peek_token(purpose: str, token: str) -> dict[str, Any]:
    """What a signed, unexpired token carries, before its binding and use are
    checked: to find the account (and so the value) it is bound to."""
    return _payload(purpose, token)


def read_token(purpose: str, token: str, bind: str | None = None) -> dict[str, Any]:
    """What a token carries, or Invalid (field "token") in the reader's language:
    not valid, expired, or already used."""
    payload = _payload(purpose, token)
    used = db.session.get(SpentToken, _digest(token)) is not None
    if used or payload.get("b") != _fingerprint(bind):
        raise Invalid({"token": _("This link has already been used.")})
    return payload


def spend_token(purpose: str, token: str) -> None:
    """Mark a (read) token used, or Invalid if another request spent it first. In the
    caller's transaction: the caller commits what the link did with it."""
    now = utcnow()
    try:
        with db.session.begin_nested():
            db.session.add(
                SpentToken(
                    digest=_digest(token),
                    spent_at=now,
                    expires_at=now + timedelta(seconds=max_age(purpose)),
                )
            )
    except IntegrityError:
        raise Invalid({"token": _("This link has already been used.")}) from None


def forget_expired() -> int:
    """Drop the digests of links that have expired anyway; how many."""
    gone = db.session.execute(
        delete(SpentToken).where(SpentToken.expires_at < utcnow())
    ).rowcount
    db.session.commit()
    log_event(log, "tokens.forgotten", count=gone)
    return gone
