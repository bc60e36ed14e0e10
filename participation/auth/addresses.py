"""An account's email address: confirming it, recovering the account with it, and
changing it, each through a signed, expiring, single-use link sent to it.

None of these answers tells whether an address has an account: signing up with a
taken address and asking a reset for an unknown one answer exactly like the other
case; the owner of a taken address is told by email that someone tried.
"""

import logging
from typing import Any

from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from markupsafe import escape
from werkzeug.security import check_password_hash

from participation.auth import services, tokens
from participation.auth.confirmation import confirm_address
from participation.auth.models import User
from participation.auth.sessions import end_sign_ins
from participation.core.mail import queue_email
from participation.errors import Invalid
from participation.events import log_event
from participation.extensions import db
from participation.languages import text_direction
from participation.urls import external_url

log = logging.getLogger(__name__)


def _reader_locale(user: User | None, chosen: str | None = None) -> str:
    """The language to write to a person in: their preference, else what they chose
    on the form, else the page they are on."""
    if user is not None and user.locale:
        return user.locale
    return chosen or str(get_locale() or "en")


def _write(
    to: str, kind: str, locale: str, subject: str, lines: list[str], link, button=None
) -> None:
    """Queue one account email: `lines` (paragraphs, already translated) and a
    link, as plain text and a simple HTML alternative with a button."""
    text = "\n\n".join([*lines, *([link] if link else [])])
    parts = [f"<p>{escape(line)}</p>" for line in lines]
    if link:
        parts.append(f'<p><a href="{escape(link)}">{escape(button or link)}</a></p>')
    html = (
        f'<!doctype html><html lang="{escape(locale)}" dir="{text_direction(locale)}">'
        f"<body>{''.join(parts)}</body></html>"
    )
    queue_email(to, subject, text, kind=kind, locale=locale, html=html)


def _ignore_text() -> str:
    return _("If you did not ask for this, you can ignore this email.")


# --- Confirming an address -------------------------------------------------------


def send_confirmation(user: User, locale: str | None = None) -> None:
    """Email the account a link that confirms its address (the caller commits)."""
    token = tokens.make_token("confirm", bind=user.email, u=user.id)
    locale = _reader_locale(user, locale)
    with force_locale(locale):
        _write(
            user.email,
            "confirm",
            locale,
            _("Confirm your email address"),
            [
                _("Welcome! Confirm that this address is yours to take part fully:"),
                _ignore_text(),
            ],
            external_url("auth.confirm", token=token),
            _("Confirm my address"),
        )
    log_event(log, "confirmation.sent", user_id=user.id)


def _account_exists_notice(user: User, locale: str | None) -> None:
    locale = _reader_locale(user, locale)
    with force_locale(locale):
        _write(
            user.email,
            "account_exists",
            locale,
            _("Someone tried to create an account with your address"),
            [
                _(
                    "Someone (perhaps you) tried to create a new account with this "
                    "address, which already has an account. No new account was made."
                ),
                _("If you forgot your password, set a new one here:"),
            ],
            external_url("auth.forgot_password"),
            _("Set a new password"),
        )


def sign_up(
    email: str,
    password: str,
    display_name: str = "",
    locale: str | None = None,
) -> User | None:
    """Create an unconfirmed account and email it the confirmation link; when the
    address already has an account, create nothing and tell its owner instead
    (None). Both cases look the same to whoever signed up. Commits."""
    address = services.normalise_email(email)
    existing = services.find_user(address)
    if existing is not None:
        # The same checks as a new account, so the form's answer does not differ.
        services.check_password_strength(password)
        services.check_locale(locale)
        _account_exists_notice(existing, locale)
        db.session.commit()
        log_event(log, "sign_up.address_taken", user_id=existing.id)
        return None
    user = services.register_user(address, password, display_name, locale)
    send_confirmation(user, locale)
    db.session.commit()
    return user


def resend_confirmation(email: str) -> None:
    """Send a new confirmation link to the unconfirmed account of `email`, if
    there is one; nothing otherwise (the same answer). Commits."""
    try:
        user = services.find_user(services.normalise_email(email))
    except Invalid:
        return
    if user is not None and not user.is_confirmed and user.is_active:
        send_confirmation(user)
        db.session.commit()


def _account_of(purpose: str, token: str, bind_of) -> tuple[User, dict[str, Any]]:
    """The account a link was made for, checked against what it is bound to (its
    address, its password hash …): Invalid if not valid, expired or used."""
    user_id = tokens.peek_token(purpose, token).get("u")
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or not user.is_active:
        raise Invalid({"token": _("This link is not valid.")})
    return user, tokens.read_token(purpose, token, bind=bind_of(user))


def read_confirmation(token: str) -> User:
    """The account a confirmation link is for, or Invalid (expired, used …)."""
    user, _payload = _account_of("confirm", token, lambda user: user.email)
    if user.is_confirmed:
        raise Invalid({"token": _("This link has already been used.")})
    return user


def confirm(token: str) -> User:
    """Follow a confirmation link: the address is confirmed and what waited is
    published. Commits."""
    user = read_confirmation(token)
    tokens.spend_token("confirm", token)
    confirm_address(user)
    return user


# --- A forgotten password ----------------------------------------------------------


def ask_reset(email: str) -> None:
    """Email a link that sets a new password to the account of `email`, if any
    (an account without a password sets its first one this way); nothing
    otherwise: the same answer either way. Commits."""
    try:
        user = services.find_user(services.normalise_email(email))
    except Invalid:
        return
    if user is None or not user.is_active:
        log_event(log, "reset.unknown_address")
        return
    token = tokens.make_token("reset", bind=user.password_hash, u=user.id)
    locale = _reader_locale(user)
    minutes = tokens.max_age("reset") // 60
    with force_locale(locale):
        _write(
            user.email,
            "reset",
            locale,
            _("Set a new password"),
            [
                _(
                    "Someone (perhaps you) asked to set a new password for your "
                    "account. The link works once, for %(minutes)d minutes:",
                    minutes=minutes,
                ),
                _ignore_text(),
            ],
            external_url("auth.reset_password", token=token),
            _("Set a new password"),
        )
    db.session.commit()
    log_event(log, "reset.sent", user_id=user.id)


def read_reset(token: str) -> User:
    """The account a reset link is for, or Invalid (expired, used, or the
    password changed since)."""
    user, _payload = _account_of("reset", token, lambda user: user.password_hash)
    return user


def reset_password(token: str, new: str) -> User:
    """Set the new password from a reset link: every sign-in of the account ends,
    and the address counts as confirmed (the person read mail sent to it).
    Commits (the caller signs the person in afresh)."""
    user = read_reset(token)
    services.check_password_strength(new, field="new_password")
    tokens.spend_token("reset", token)
    user.password_hash = services.hash_password(new)
    end_sign_ins(user.id, reason="reset")
    confirm_address(user)
    log_event(log, "reset.done", user_id=user.id)
    return user


# --- A new address -------------------------------------------------------------------


def _changed_notice(user: User, old: str, new: str, done: bool) -> None:
    locale = _reader_locale(user)
    with force_locale(locale):
        if done:
            subject = _("Your email address has been changed")
            first = _(
                "The email address of your account is now %(new)s instead of this one.",
                new=new,
            )
        else:
            subject = _("A change of your email address was asked")
            first = _(
                "Someone signed in to your account asked to change its email "
                "address to %(new)s. It changes only when that address confirms.",
                new=new,
            )
        _write(
            old,
            "email_changed",
            locale,
            subject,
            [
                first,
                _(
                    "If this was not you, set a new password now, which signs "
                    "everyone else out:"
                ),
            ],
            external_url("auth.forgot_password"),
            _("Set a new password"),
        )


def ask_email_change(user: User, password: str, new_email: str) -> None:
    """Send the account's new address a link that makes it the account's (bound
    to the current address); tell the current address. A new address that is
    another account's gets nothing, and the answer is the same. Commits."""
    if user.password_hash != "!" and not check_password_hash(
        user.password_hash, password or ""
    ):
        raise Invalid({"password": _("This is not your current password.")})
    new = services.normalise_email(new_email)
    if new == user.email:
        raise Invalid({"email": _("This is already your email address.")})
    if services.find_user(new) is None:
        token = tokens.make_token("change_email", bind=user.email, u=user.id, to=new)
        locale = _reader_locale(user)
        with force_locale(locale):
            _write(
                new,
                "change_email",
                locale,
                _("Confirm your new email address"),
                [
                    _(
                        "Follow this link to make this address the one of your "
                        "account (instead of %(old)s):",
                        old=user.email,
                    ),
                    _ignore_text(),
                ],
                external_url("auth.confirm_email_change", token=token),
                _("Use this address"),
            )
    else:
        log_event(log, "email_change.address_taken", user_id=user.id)
    _changed_notice(user, user.email, new, done=False)
    db.session.commit()


def read_email_change(token: str) -> tuple[User, str]:
    """The account and new address of a change link, or Invalid."""
    user, payload = _account_of("change_email", token, lambda user: user.email)
    new = payload.get("to")
    if not isinstance(new, str) or services.find_user(new) is not None:
        raise Invalid({"token": _("This link is not valid.")})
    return user, new


def change_email(token: str) -> User:
    """Follow a change link: the new address is the account's, confirmed; the
    old one is told. Commits."""
    user, new = read_email_change(token)
    tokens.spend_token("change_email", token)
    old = user.email
    user.email = new
    _changed_notice(user, old, new, done=True)
    confirm_address(user)
    log_event(log, "email_change.done", user_id=user.id)
    return user
