"""A person's own data: export it, or delete the account (what is kept where is
declared in each package's personal.py and read through personal_data.py)."""

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.security import check_password_hash

from participation.auth.models import ADMIN, RoleGrant, User
from participation.auth.personal_data import erase_holdings, export_holdings, jsonable
from participation.core.models import District
from participation.errors import Invalid
from participation.extensions import db

FORMAT = "participation.account-export/2"


def export_account(user: User) -> dict[str, Any]:
    """Everything the platform holds about this account, as JSON-ready data."""
    district = db.session.get(District, user.district_id) if user.district_id else None
    return {
        "format": FORMAT,
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "preferred_language": user.locale,
            "district": district.name if district else None,
            "district_verified_at": jsonable(user.district_verified_at),
            "age_group": user.age_group,
            "age_group_consented_at": jsonable(user.age_group_consented_at),
            "roles": sorted(user.roles),
            "created_at": jsonable(user.created_at),
        },
        **export_holdings(user),
    }


def delete_account(user: User, password: str) -> None:
    """Delete the account after checking its password; its authorship is forgotten."""
    if not check_password_hash(user.password_hash, password):
        raise Invalid({"password": _("This is not your current password.")})
    if user.has_role(ADMIN):
        admins = db.session.scalars(select(RoleGrant).where(RoleGrant.role == ADMIN))
        if len(admins.all()) <= 1:
            raise Invalid({"password": _("The last administrator cannot be removed.")})
    erase_holdings(user)
    db.session.delete(user)
    db.session.commit()
