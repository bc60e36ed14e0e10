"""Taking part by email, without setting a password first.

A visitor sends something (a report, a consultation answer) with an email address;
it waits, and a "publish" link is mailed. Following the link creates or joins the
account of that address (a passwordless one if none: `password_hash="!"`), confirms
the address (they proved they read it), publishes what the link names through the
handler its package registered with `on_publish`, and signs the person in.
"""

from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _

from participation.auth.confirmation import confirm_address
from participation.auth.models import User
from participation.auth.services import check_locale, find_user, normalise_email
from participation.auth.tokens import make_token, read_token, spend_token
from participation.errors import Invalid
from participation.extensions import db
from participation.urls import external_url

# Given the account and the link's data: publish it (no commit); the page to go to.
Publish = Callable[[User, dict[str, Any]], str]
_HANDLERS: dict[str, Publish] = {}

# A passwordless account's hash: it matches no password.
NO_PASSWORD = "!"


def on_publish(kind: str) -> Callable[[Publish], Publish]:
    """Declare how a "publish" link of `kind` publishes what waited."""

    def decorator(handler: Publish) -> Publish:
        _HANDLERS[kind] = handler
        return handler

    return decorator


def visitor_details(email: str, name: str = "") -> tuple[str, str]:
    """The normalised address and name a visitor gave, or Invalid."""
    email = normalise_email(email or "")
    name = (name or "").strip()
    if len(name) > 80:
        raise Invalid(
            {"display_name": _("Use at most %(limit)d characters.", limit=80)}
        )
    return email, name


def publish_link(kind: str, email: str, **data: Any) -> str:
    """The absolute link that publishes `kind` (`data`) for the owner of `email`."""
    if kind not in _HANDLERS:
        raise KeyError(f"no publisher for {kind!r}")
    token = make_token("publish", kind=kind, email=email, **data)
    return external_url("by_email.publish", token=token)


def account_of(email: str, name: str = "", locale: str | None = None) -> User:
    """The account of an address whose owner just proved they read it: the existing
    one, or a new passwordless one; confirmed either way (commits)."""
    user = find_user(email)
    if user is None:
        if locale is not None:
            check_locale(locale)
        user = User(
            email=email,
            display_name=(name or email.split("@")[0])[:80],
            password_hash=NO_PASSWORD,
            locale=locale,
        )
        db.session.add(user)
        db.session.flush()
    confirm_address(user)
    return user


def check_publish(token: str) -> dict[str, Any]:
    """What a publish link carries, or Invalid (not valid, expired, used)."""
    data = read_token("publish", token)
    if data.get("kind") not in _HANDLERS or not isinstance(data.get("email"), str):
        raise Invalid({"token": _("This link is not valid.")})
    return data


def publish(token: str) -> tuple[User, str]:
    """Follow a publish link: spend it, create or join the account, publish what it
    names; the account and the page that shows what was published. Commits."""
    data = check_publish(token)
    spend_token("publish", token)
    locale = data.get("locale") if isinstance(data.get("locale"), str) else None
    user = account_of(data["email"], str(data.get("name") or ""), locale)
    where = _HANDLERS[data["kind"]](user, data)
    db.session.commit()
    return user, where
