"""How often one person may contribute: per account, and per client address.

A signed-in account is counted by its id (wherever it posts from); every client
address also has one shared budget for all contributions, so neither many accounts
behind one address nor one account from many addresses can flood the city's queues.
"""

from flask import current_app
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
