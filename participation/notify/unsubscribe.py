"""One-click unsubscribe (RFC 8058) for every notification email.

A package that sends notifications registers what its links stop, under a kind
("digest", "follow", "report" …): a function given the account's id and the link's key
that stops it and returns what to tell the person (in their language), or None when
the key names nothing of theirs. The link itself is signed with the deployment's
secret; notify knows nothing else of the packages.
"""

from collections.abc import Callable

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from participation.errors import Invalid
from participation.urls import external_url

Handler = Callable[[int, str], str | None]
_HANDLERS: dict[str, Handler] = {}


def register_unsubscribe(kind: str) -> Callable[[Handler], Handler]:
    """Declare what an unsubscribe link of `kind` stops."""

    def decorator(handler: Handler) -> Handler:
        _HANDLERS[kind] = handler
        return handler

    return decorator


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="unsubscribe")


def unsubscribe_token(user_id: int, kind: str, key: str = "") -> str:
    if kind not in _HANDLERS:
        raise KeyError(f"no unsubscribe handler for {kind!r}")
    return str(_serializer().dumps([user_id, kind, str(key)]))


def unsubscribe_url(user_id: int, kind: str, key: str = "") -> str:
    """The absolute one-click link that stops `kind` (`key`) for this account."""
    return external_url(
        "notify.unsubscribe", token=unsubscribe_token(user_id, kind, key)
    )


def unsubscribe(token: str) -> str:
    """Carry out an unsubscribe link: what stopped, to tell the person; Invalid for a
    link that is not one of ours."""
    try:
        user_id, kind, key = _serializer().loads(token)
        handler = _HANDLERS[kind]
    except (BadSignature, ValueError, TypeError, KeyError, UnicodeError):
        raise Invalid({"token": _("This unsubscribe link is not valid.")}) from None
    if not isinstance(user_id, int) or not isinstance(key, str):
        raise Invalid({"token": _("This unsubscribe link is not valid.")})
    done = handler(user_id, key)
    if done is None:
        raise Invalid({"token": _("This unsubscribe link is not valid.")})
    return done
