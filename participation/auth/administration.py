"""What administrators and staff do to accounts: the list, roles, locks and verified
districts (the rules behind the administrators' page, admin.py)."""

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from participation.auth.models import ADMIN, GRANTABLE_ROLES, RoleGrant, User
from participation.auth.permissions import require
from participation.auth.services import find_user
from participation.auth.sessions import end_sign_ins
from participation.core.audit import record_action
from participation.errors import Invalid, NotFound
from participation.extensions import db
from participation.types import utcnow


def list_users(query: str = "") -> list[User]:
    """Accounts matching `query` in email or name, newest first."""
    statement = select(User).order_by(User.created_at.desc(), User.id.desc())
    if query.strip():
        pattern = f"%{query.strip().lower()}%"
        statement = statement.where(
            func.lower(User.email).like(pattern)
            | func.lower(User.display_name).like(pattern)
        )
    return list(db.session.scalars(statement.limit(200)))


def verify_district(actor: User, user_id: int, district_id: int | None) -> User:
    """Staff confirm where a resident lives (seen on a document at a city desk), or
    correct it. The check is audited; nothing about the document is stored."""
    from participation.core.models import District

    require(actor, "verify_districts")
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound("user")
    if district_id is None or db.session.get(District, district_id) is None:
        raise Invalid({"district_id": _("Choose a district from the list.")})
    before = {"district_id": user.district_id}
    user.district_id = district_id
    user.district_verified_at = utcnow()
    user.district_verified_by_id = actor.id
    record_action(
        actor, "user.district.verify", "user", user.id, before,
        {"district_id": district_id},
    )  # fmt: skip
    db.session.commit()
    return user


def _target(user_id_or_email: int | str) -> User:
    if isinstance(user_id_or_email, int):
        user = db.session.get(User, user_id_or_email)
    else:
        user = find_user(user_id_or_email)
    if user is None:
        raise NotFound("user")
    return user


def _check_role(role: str) -> None:
    if role not in GRANTABLE_ROLES:
        raise Invalid({"role": _("Choose a role from the list.")})


def _count_admins() -> int:
    return db.session.scalar(
        select(func.count()).select_from(RoleGrant).where(RoleGrant.role == ADMIN)
    )


def set_roles(actor: Any, target: int | str, roles: set[str]) -> User:
    """Make the account's granted roles exactly `roles`. `actor` None: the operator (CLI).

    The last administrator cannot lose the role, so the platform is never locked.
    """
    if actor is not None:
        require(actor, "manage_roles")
    for role in roles:
        _check_role(role)
    user = _target(target)
    before = sorted(user.roles)
    current = {grant.role for grant in user.grants}
    if ADMIN in current - roles and _count_admins() <= 1:
        raise Invalid({"role": _("The last administrator cannot be removed.")})
    removed = [g for g in user.grants if g.role not in roles]
    for grant in removed:
        user.grants.remove(grant)
    if removed:
        # A role taken away (from an account someone else may hold): sign in again.
        end_sign_ins(user.id, reason="roles")
    for role in sorted(roles - current):
        user.grants.append(
            RoleGrant(role=role, granted_by_id=getattr(actor, "id", None))
        )
    if current != roles:
        db.session.flush()
        record_action(
            actor,
            "user.roles",
            "user",
            user.id,
            {"roles": before},
            {"roles": sorted(user.roles)},
        )
    db.session.commit()
    return user


def grant_role(actor: Any, target: int | str, role: str) -> User:
    """Give an account one more role."""
    _check_role(role)
    user = _target(target)
    return set_roles(actor, user.id, {g.role for g in user.grants} | {role})


def revoke_role(actor: Any, target: int | str, role: str) -> User:
    """Take one role away from an account."""
    _check_role(role)
    user = _target(target)
    return set_roles(actor, user.id, {g.role for g in user.grants} - {role})


def set_locked(actor: Any, user_id: int, locked: bool, reason: str) -> User:
    """Lock an account (no sign-in, every session ended) or unlock it; audited.

    Nobody locks their own account, so an administrator cannot shut themselves out.
    """
    require(actor, "manage_roles")
    user = _target(user_id)
    reason = (reason or "").strip()
    if not reason:
        raise Invalid({"reason": _("Say why, for the audit log.")})
    if len(reason) > 300:
        raise Invalid({"reason": _("Use at most %(limit)d characters.", limit=300)})
    if locked and user.id == actor.id:
        raise Invalid({"reason": _("You cannot lock your own account.")})
    if user.active == (not locked):
        return user
    user.active = not locked
    if locked:
        end_sign_ins(user.id, reason="locked")
    record_action(
        actor,
        "user.lock" if locked else "user.unlock",
        "user",
        user.id,
        {"active": not user.active},
        {"active": user.active, "reason": reason},
    )
    db.session.commit()
    return user
