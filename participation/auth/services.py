"""A person's own account: registration, authentication, passwords, language,
district and age group (what administrators do to accounts: administration.py)."""

import logging

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from participation.auth.models import AGE_GROUPS, User
from participation.auth.sessions import end_sign_ins
from participation.errors import Invalid, NotFound
from participation.events import log_event
from participation.extensions import db
from participation.languages import is_supported
from participation.types import utcnow

log = logging.getLogger(__name__)

# Compared against when the email is unknown, so both paths cost one hash check.
_DUMMY_HASH = generate_password_hash("not a real password")


def hash_password(password: str) -> str:
    """A salted hash of the password with the configured method (scrypt by default)."""
    return generate_password_hash(
        password, method=current_app.config["PASSWORD_HASH_METHOD"]
    )


def normalise_email(email: str) -> str:
    """The canonical form of an address, or Invalid."""
    try:
        return validate_email(
            email.strip(), check_deliverability=False
        ).normalized.lower()
    except EmailNotValidError:
        raise Invalid({"email": _("Enter a valid email address.")}) from None


def check_password_strength(password: str, field: str = "password") -> None:
    """Invalid unless the password is long enough (NIST: length over composition)."""
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        raise Invalid({field: _("Use at least %(num)d characters.", num=minimum)})
    if len(password) > 256:
        raise Invalid({field: _("Use at most %(limit)d characters.", limit=256)})


def find_user(email: str) -> User | None:
    """The account with this email address (case-insensitive), if any."""
    return db.session.scalars(
        select(User).where(func.lower(User.email) == email.strip().lower())
    ).first()


def check_locale(locale: str | None, field: str = "locale") -> None:
    if locale is not None and not is_supported(locale):
        raise Invalid({field: _("Choose a language from the list.")})


def register_user(
    email: str,
    password: str,
    display_name: str = "",
    locale: str | None = None,
    confirmed: bool = False,
) -> User:
    """Create a resident account; `confirmed`: its address is known to be the
    person's (an operator made it), else it waits for the emailed link."""
    email = normalise_email(email)
    display_name = display_name.strip()
    if len(display_name) > 80:
        raise Invalid(
            {"display_name": _("Use at most %(limit)d characters.", limit=80)}
        )
    check_password_strength(password)
    check_locale(locale)
    if find_user(email) is not None:
        raise Invalid(
            {"email": _("An account with this email address already exists.")}
        )
    user = User(
        email=email,
        display_name=display_name or email.split("@")[0],
        password_hash=hash_password(password),
        locale=locale,
        email_confirmed_at=utcnow() if confirmed else None,
    )
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active account matching these credentials, or None."""
    user = find_user(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        log_event(log, "sign_in.refused", logging.WARNING, reason="unknown_account")
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        reason = "inactive" if user.active is False else "wrong_password"
        log_event(
            log, "sign_in.refused", logging.WARNING, reason=reason, user_id=user.id
        )
        return None
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one."""
    if not check_password_hash(user.password_hash, current):
        raise Invalid({"current_password": _("This is not your current password.")})
    check_password_strength(new, field="new_password")
    user.password_hash = hash_password(new)
    # Whoever knew the old password may be signed in elsewhere: only this stays.
    end_sign_ins(user.id, keep=user, reason="password")
    db.session.commit()


def set_password(email: str, new: str) -> User:
    """Set a password from the command line (server operators)."""
    user = find_user(email)
    if user is None:
        raise NotFound("user")
    check_password_strength(new)
    user.password_hash = hash_password(new)
    end_sign_ins(user.id, reason="password")
    db.session.commit()
    return user


def set_preferred_locale(user: User, locale: str | None) -> None:
    """Store the interface language the account prefers (None: decide per request)."""
    check_locale(locale)
    user.locale = locale
    db.session.commit()


def set_home_district(user: User, district_id: int | None) -> None:
    """Store the district the person says they live in (None: not said)."""
    from participation.core.models import District

    if district_id is not None and db.session.get(District, district_id) is None:
        raise Invalid({"district_id": _("Choose a district from the list.")})
    if district_id != user.district_id:
        user.district_verified_at = user.district_verified_by_id = None
    user.district_id = district_id
    db.session.commit()


def describe_age(user: User, age_group: str | None, consent: bool) -> None:
    """Store the age group a person gives, for the city report's breakdowns, only
    with their consent; None (or no consent at all) removes it."""
    if age_group is not None and age_group not in AGE_GROUPS:
        raise Invalid({"age_group": _("Choose an age group from the list.")})
    if age_group is not None and not consent:
        raise Invalid(
            {"consent": _("Tick the box to let the report count your age group.")}
        )
    user.age_group = age_group
    user.age_group_consented_at = utcnow() if age_group is not None else None
    db.session.commit()


def find_by_email(email: str) -> User | None:
    """The account with exactly this email address, if any."""
    try:
        email = normalise_email(email or "")
    except Invalid:
        return None
    return db.session.scalars(select(User).where(User.email == email)).first()


def sign_out_everywhere(user: User) -> int:
    """End every sign-in of the account, this one included: how many ended."""
    ended = end_sign_ins(user.id, reason="everywhere")
    db.session.commit()
    return ended
