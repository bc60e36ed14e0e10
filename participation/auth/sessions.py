"""Sign-ins kept on the server, so that a session can be ended for good.

Flask keeps its session in a signed cookie; alone, such a cookie stays valid after
sign-out for whoever copied it. Each sign-in therefore gets a row (SignIn) and a random
secret; the cookies carry "<user id>.<secret>" and every request checks the row still
exists. Ending a session is deleting its row: sign-out ends this one, a new password
every other one, an administrator's change of roles or a lock all of them.
"""

import hashlib
import logging
import secrets
from datetime import timedelta
from typing import Any

from flask import current_app, session
from flask_login import login_user
from sqlalchemy import delete, select

from participation.auth.models import SignIn, User
from participation.events import log_event
from participation.extensions import db
from participation.params import stored_id
from participation.types import utcnow

log = logging.getLogger(__name__)

# A sign-in's last activity is written at most this often (not on every request).
SEEN_EVERY = timedelta(minutes=5)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _lifetime(remember: bool) -> timedelta:
    """How long a sign-in may stay idle: a browser session's, or "keep me signed
    in"'s (the remember-me cookie's duration)."""
    config = current_app.config
    seconds = (
        config["REMEMBER_COOKIE_DURATION"]
        if remember
        else config["PERMANENT_SESSION_LIFETIME"]
    )
    return seconds if isinstance(seconds, timedelta) else timedelta(seconds=seconds)


def start_sign_in(user: User, remember: bool = False) -> str:
    """Record a new sign-in for `user`; its key is what the cookies will carry."""
    secret = secrets.token_urlsafe(32)
    db.session.add(
        SignIn(user_id=user.id, secret_hash=_hash(secret), remember=remember)
    )
    db.session.commit()
    user.sign_in_key = f"{user.id}.{secret}"
    return user.sign_in_key


def load_signed_in(key: str) -> User | None:
    """The account of a live sign-in from its cookie key, or None (ended, expired,
    locked, or never issued)."""
    user_part, _dot, secret = (key or "").partition(".")
    user_id = stored_id(user_part)
    if user_id is None or not secret:
        return None
    row = db.session.execute(
        select(SignIn, User)
        .join(User, User.id == SignIn.user_id)
        .where(SignIn.secret_hash == _hash(secret), SignIn.user_id == user_id)
    ).first()
    if row is None:
        return None
    sign_in, user = row
    now = utcnow()
    if not user.active or now - sign_in.seen_at > _lifetime(sign_in.remember):
        return None
    if now - sign_in.seen_at > SEEN_EVERY:
        sign_in.seen_at = now
        db.session.commit()
    user.sign_in_key = key
    return user


def _current_id(user: Any) -> int | None:
    key = getattr(user, "sign_in_key", None) or ""
    secret = key.partition(".")[2]
    if not secret:
        return None
    return db.session.scalar(
        select(SignIn.id).where(SignIn.secret_hash == _hash(secret))
    )


def end_this_sign_in(user: Any) -> None:
    """Sign-out: this browser's session ends, for every copy of its cookies."""
    current = _current_id(user)
    if current is not None:
        db.session.execute(delete(SignIn).where(SignIn.id == current))
        db.session.commit()


def end_sign_ins(user_id: int, keep: Any = None, reason: str = "") -> int:
    """End every sign-in of an account (but the one of `keep`, a signed-in user):
    how many ended. The caller commits."""
    query = delete(SignIn).where(SignIn.user_id == user_id)
    kept = _current_id(keep) if keep is not None else None
    if kept is not None:
        query = query.where(SignIn.id != kept)
    ended = db.session.execute(query).rowcount
    log_event(log, "sign_ins.ended", user_id=user_id, count=ended, reason=reason)
    return ended


def list_sign_ins(user: Any) -> list[tuple[SignIn, bool]]:
    """The account's live sign-ins, newest first, each with whether it is this one."""
    current = _current_id(user)
    rows = db.session.scalars(
        select(SignIn).where(SignIn.user_id == user.id).order_by(SignIn.id.desc())
    )
    now = utcnow()
    return [
        (row, row.id == current)
        for row in rows
        if now - row.seen_at <= _lifetime(row.remember)
    ]


def start_session(user: User, remember: bool = False) -> None:
    """Sign `user` in in this browser: a fresh session, so a planted session id is
    worth nothing; its key names a sign-in kept on the server, which sign-out ends
    for every copy."""
    session.clear()
    start_sign_in(user, remember)
    login_user(user, remember=remember)
