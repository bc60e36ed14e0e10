"""How often one person may contribute: per account, and per client address.

A signed-in account is counted by its id (wherever it posts from); every client
address also has one shared budget for all contributions, so neither many accounts
behind one address nor one account from many addresses can flood the city's queues.
"""

from flask import current_app, request
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user

from participation.extensions import limiter

# The shared per-address budget every contribution counts against.
ADDRESS_SCOPE = "contributions"


def account_key() -> str:
    """Who a limit counts: the signed-in account, else the client address."""
    if getattr(current_user, "is_authenticated", False):
        return f"account:{current_user.id}"
    return get_remote_address()


def _setting(name: str):
    return lambda: current_app.config[name]


def _too_fast() -> str:
    return _(
        "You have sent a lot in a short time. Please wait a few minutes before "
        "sending more."
    )


def contribution_limit(setting: str):
    """A POST view's limits: `setting` (a config key) per account, and the shared
    ADDRESS_RATE_LIMIT per client address. Refusals are a 429 in the reader's
    language (participation.error_pages)."""

    def decorator(view):
        view = limiter.limit(
            _setting(setting),
            key_func=account_key,
            methods=["POST"],
            error_message=_too_fast,
        )(view)
        return limiter.shared_limit(
            _setting("ADDRESS_RATE_LIMIT"),
            scope=ADDRESS_SCOPE,
            methods=["POST"],
            error_message=_too_fast,
        )(view)

    return decorator


# The shared per-client budget of the forms that send account mail.
ACCOUNT_MAIL_SCOPE = "account-mail"


def _mail_too_often() -> str:
    return _(
        "We have sent several emails for this in a short time. Please wait a few "
        "minutes, and look in your inbox (and spam folder) for the last one."
    )


def _target_key(field: str | None):
    def key() -> str:
        """The address the form sends mail to, as the form gave it (normalised),
        else the signed-in account's own address."""
        if field is not None:
            given = (request.form.get(field) or "").strip().lower()
        else:
            given = getattr(current_user, "email", "") or ""
        return f"mail-to:{given.lower()}"

    return key


def account_mail_limit(field: str | None = "email"):
    """A form that sends account mail: ACCOUNT_MAIL_ADDRESS_RATE_LIMIT per target
    address (the form's `field`; None: the signed-in account's address) and the
    shared ACCOUNT_MAIL_CLIENT_RATE_LIMIT per client address. A 429 in the
    reader's language."""

    def decorator(view):
        view = limiter.limit(
            _setting("ACCOUNT_MAIL_ADDRESS_RATE_LIMIT"),
            key_func=_target_key(field),
            methods=["POST"],
            error_message=_mail_too_often,
        )(view)
        return limiter.shared_limit(
            _setting("ACCOUNT_MAIL_CLIENT_RATE_LIMIT"),
            scope=ACCOUNT_MAIL_SCOPE,
            methods=["POST"],
            error_message=_mail_too_often,
        )(view)

    return decorator
