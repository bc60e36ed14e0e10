"""How each person wants to hear of each kind of event: immediately, in the digest, or
never.

Packages register their kinds of event (a key, a label, a default and, for staff
alerts, the permission that makes the kind apply); every place that sends a
notification asks `choice(user, kind)` first. One click in any email of a kind sets
it to "never" (the "kind" unsubscribe link). notify knows nothing of the packages.
"""

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from participation.auth.permissions import can
from participation.errors import Invalid
from participation.extensions import db, one_at_a_time
from participation.notify.models import NotificationChoice
from participation.notify.unsubscribe import register_unsubscribe

IMMEDIATELY, DIGEST, NEVER = "immediately", "digest", "never"
CHOICES = (IMMEDIATELY, DIGEST, NEVER)


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # marked with N_, translated when shown
    default: str = IMMEDIATELY
    # Only accounts with this permission hear of it (staff alerts).
    permission: str | None = None


_KINDS: dict[str, Kind] = {}


def register_kind(
    key: str, label: str, default: str = IMMEDIATELY, permission: str | None = None
) -> Kind:
    """Declare a kind of event people may choose how to hear of."""
    if default not in CHOICES:
        raise ValueError(f"unknown default {default!r} for {key!r}")
    _KINDS[key] = Kind(key, label, default, permission)
    return _KINDS[key]


def kinds_for(user: Any) -> list[Kind]:
    """The kinds that apply to this account, in the order they were registered."""
    return [
        k for k in _KINDS.values() if k.permission is None or can(user, k.permission)
    ]


def choices_of(user: Any) -> dict[str, str]:
    """This account's choice for every kind that applies to it."""
    stored = dict(
        db.session.execute(
            select(NotificationChoice.kind, NotificationChoice.choice).where(
                NotificationChoice.user_id == user.id
            )
        ).all()
    )
    return {k.key: stored.get(k.key, k.default) for k in kinds_for(user)}


def choice(user: Any, kind: str) -> str:
    """How this account wants to hear of `kind` (its default unless it chose)."""
    stored = db.session.get(NotificationChoice, (user.id, kind))
    if stored is not None:
        return stored.choice
    return _KINDS[kind].default


def choices_for(users: list[Any], kind: str) -> dict[int, str]:
    """How each of these accounts wants to hear of `kind`, in one query (for the
    many people one event concerns)."""
    ids = [user.id for user in users]
    stored = (
        dict(
            db.session.execute(
                select(NotificationChoice.user_id, NotificationChoice.choice).where(
                    NotificationChoice.kind == kind, NotificationChoice.user_id.in_(ids)
                )
            ).all()
        )
        if ids
        else {}
    )
    default = _KINDS[kind].default
    return {user_id: stored.get(user_id, default) for user_id in ids}


def set_choices(user: Any, wanted: dict[str, str]) -> None:
    """Record this account's choices (only kinds that apply to it)."""
    applying = {k.key for k in kinds_for(user)}
    errors = {
        kind: _("Choose from the list.")
        for kind, value in wanted.items()
        if kind not in applying or value not in CHOICES
    }
    if errors:
        raise Invalid(errors)
    one_at_a_time("notification_choice", user.id)
    for kind, value in wanted.items():
        _store(user.id, kind, value)
    db.session.commit()


def _store(user_id: int, kind: str, value: str) -> None:
    stored = db.session.get(NotificationChoice, (user_id, kind), populate_existing=True)
    if stored is None:
        db.session.add(NotificationChoice(user_id=user_id, kind=kind, choice=value))
    else:
        stored.choice = value


@register_unsubscribe("kind")
def _never(user_id: int, key: str) -> str | None:
    """One click in an email of a kind: never hear of that kind again."""
    if key not in _KINDS:
        return None
    _store(user_id, key, NEVER)
    db.session.commit()
    return _(
        "Done: you will hear no more of this. You can choose again in your "
        "notification settings."
    )
