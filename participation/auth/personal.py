"""What the account itself and the city's official record hold of a person (see
personal_data.py for the rule of export and deletion)."""

from typing import Any

from participation.auth.models import RoleGrant, SignIn, User
from participation.auth.personal_data import DELETE, FORGET, WITH_ACCOUNT, jsonable
from participation.auth.personal_data import register as holds
from participation.core.models import AuditEntry, Engagement, Project


def _action(entry: AuditEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "action": entry.action,
        "target": f"{entry.target_type}/{entry.target_id}",
        "at": jsonable(entry.created_at),
    }


# The account itself. Roles go with it; roles it granted, districts it verified and
# actions on it (the audit log's target) stay, without naming it.
holds(
    User.district_verified_by_id,
    "districts_verified",
    FORGET,
    "verified_at=district_verified_at",
)
holds(RoleGrant.user_id, "role_grants", WITH_ACCOUNT, "id role granted_at")
# Where it is signed in (no secret: only its hash is stored, and not exported).
holds(SignIn.user_id, "sign_ins", DELETE, "id remember created_at seen_at")
holds(RoleGrant.granted_by_id, "roles_granted", FORGET, "id role granted_at")
holds(
    AuditEntry.target_id,
    "actions_on_account",
    FORGET,
    "id action at=created_at",
    where=lambda user: (
        (AuditEntry.target_type == "user") & (AuditEntry.target_id == user.id)
    ),
)
# Official work is the city's record: it stays, without its author.
holds(AuditEntry.actor_id, "official_actions", FORGET, record=_action)
holds(Project.created_by_id, "projects_created", FORGET, "id title created_at")
holds(
    Engagement.created_by_id, "engagements_created", FORGET, "id kind title created_at"
)
