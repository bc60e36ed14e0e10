"""Open311 API keys: issued to client apps by admins, revocable, stored as hashes."""

import hashlib
import secrets
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from participation.auth.permissions import require
from participation.core.audit import record_action
from participation.errors import Invalid, NotFound
from participation.extensions import db
from participation.open311.models import ApiKey
from participation.types import utcnow


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_key(actor: Any, name: str) -> tuple[ApiKey, str]:
    """A new key and its secret (shown once). `actor` None: the operator (CLI)."""
    if actor is not None:
        require(actor, "manage_api_keys")
    name = (name or "").strip()
    if not name:
        raise Invalid({"name": _("This field is required.")})
    if len(name) > 120:
        raise Invalid({"name": _("Use at most %(limit)d characters.", limit=120)})
    prefix = secrets.token_hex(4)
    while db.session.scalar(select(ApiKey.id).where(ApiKey.prefix == prefix)):
        prefix = secrets.token_hex(4)
    secret = f"{prefix}.{secrets.token_urlsafe(32)}"
    key = ApiKey(
        name=name,
        prefix=prefix,
        key_hash=_digest(secret),
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(key)
    db.session.flush()
    record_action(
        actor,
        "api_key.issue",
        "api_key",
        key.id,
        None,
        {"name": name, "prefix": prefix},
    )
    db.session.commit()
    return key, secret


def revoke_key(actor: Any, prefix: str) -> ApiKey:
    """Revoke the key with this prefix; its secret stops working at once."""
    if actor is not None:
        require(actor, "manage_api_keys")
    key = db.session.scalars(
        select(ApiKey).where(ApiKey.prefix == (prefix or "").strip())
    ).first()
    if key is None:
        raise NotFound("api_key")
    if key.revoked_at is not None:
        raise Invalid({"prefix": _("This key is already revoked.")})
    key.revoked_at = utcnow()
    record_action(
        actor,
        "api_key.revoke",
        "api_key",
        key.id,
        {"revoked": False},
        {"revoked": True},
    )
    db.session.commit()
    return key


def list_keys() -> list[ApiKey]:
    """All keys, newest first (revoked ones included, for the record)."""
    return list(
        db.session.scalars(
            select(ApiKey).order_by(ApiKey.created_at.desc(), ApiKey.id.desc())
        )
    )


def key_for(secret: str | None) -> ApiKey | None:
    """The active key whose secret this is, or None."""
    if not secret:
        return None
    return db.session.scalars(
        select(ApiKey).where(
            ApiKey.key_hash == _digest(secret), ApiKey.revoked_at.is_(None)
        )
    ).first()
