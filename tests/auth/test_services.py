"""Account rules."""

import pytest
from sqlalchemy import select
from werkzeug.security import check_password_hash

from participation.auth import administration, services
from participation.auth.models import RoleGrant, User
from participation.core.models import AuditEntry
from participation.errors import Invalid, NotAllowed, NotFound


def test_register_normalises_email_and_hashes_password(db):
    user = services.register_user("  Ana.Lopez@Example.ORG ", "a long enough secret")
    assert user.email == "ana.lopez@example.org"
    assert user.password_hash != "a long enough secret"
    assert check_password_hash(user.password_hash, "a long enough secret")
    assert user.roles == {"resident"}
    assert user.display_name == "ana.lopez"


@pytest.mark.parametrize(
    ("email", "password", "field"),
    [
        ("not-an-email", "a long enough secret", "email"),
        ("a@example.org", "short", "password"),
        ("a@example.org", "x" * 257, "password"),
    ],
)
def test_register_refuses_bad_input(db, email, password, field):
    with pytest.raises(Invalid) as caught:
        services.register_user(email, password)
    assert field in caught.value.errors
    assert db.session.scalar(select(User).limit(1)) is None


def test_register_refuses_unknown_locale(db):
    with pytest.raises(Invalid) as caught:
        services.register_user("a@example.org", "a long enough secret", locale="xx")
    assert "locale" in caught.value.errors


def test_email_is_unique_whatever_its_case(db):
    services.register_user("ana@example.org", "a long enough secret")
    with pytest.raises(Invalid) as caught:
        services.register_user("ANA@example.org", "another long secret")
    assert "email" in caught.value.errors
    assert len(db.session.scalars(select(User)).all()) == 1


def test_authenticate(db):
    services.register_user("ana@example.org", "a long enough secret")
    assert services.authenticate("Ana@Example.org", "a long enough secret").email == (
        "ana@example.org"
    )
    assert services.authenticate("ana@example.org", "wrong password!") is None
    assert services.authenticate("nobody@example.org", "a long enough secret") is None


def test_inactive_account_cannot_sign_in(db):
    user = services.register_user("ana@example.org", "a long enough secret")
    user.active = False
    db.session.commit()
    assert services.authenticate("ana@example.org", "a long enough secret") is None


def test_change_password_checks_current_one(db):
    user = services.register_user("ana@example.org", "a long enough secret")
    with pytest.raises(Invalid) as caught:
        services.change_password(user, "wrong current!", "brand new secret")
    assert "current_password" in caught.value.errors
    with pytest.raises(Invalid) as caught:
        services.change_password(user, "a long enough secret", "short")
    assert "new_password" in caught.value.errors
    services.change_password(user, "a long enough secret", "brand new secret")
    assert services.authenticate("ana@example.org", "brand new secret")
    assert services.authenticate("ana@example.org", "a long enough secret") is None


def test_set_preferred_locale(db):
    user = services.register_user("ana@example.org", "a long enough secret")
    services.set_preferred_locale(user, "es")
    assert db.session.get(User, user.id).locale == "es"
    with pytest.raises(Invalid):
        services.set_preferred_locale(user, "tlh")
    services.set_preferred_locale(user, None)
    assert db.session.get(User, user.id).locale is None


def test_admin_grants_and_revokes_roles_with_audit(db, make_user):
    admin = make_user("admin")
    user = make_user()
    administration.grant_role(admin, user.id, "planner")
    administration.grant_role(admin, user.email, "evaluator")
    assert user.roles == {"resident", "planner", "evaluator"}
    administration.revoke_role(admin, user.id, "planner")
    assert user.roles == {"resident", "evaluator"}
    actions = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.target_id == user.id)
        .order_by(AuditEntry.id)
    ).all()
    assert [a.actor_id for a in actions] == [admin.id] * 3
    assert actions[-1].before["roles"] == ["evaluator", "planner", "resident"]
    assert actions[-1].after["roles"] == ["evaluator", "resident"]


def test_granting_twice_keeps_one_grant(db, make_user):
    user = make_user()
    administration.grant_role(None, user.id, "planner")
    administration.grant_role(None, user.id, "planner")
    assert len(db.session.scalars(select(RoleGrant)).all()) == 1


@pytest.mark.parametrize("role", ["planner", "evaluator", "resident"])
def test_only_admins_manage_roles(db, make_user, role):
    actor = make_user(role)
    target = make_user()
    with pytest.raises(NotAllowed):
        administration.grant_role(actor, target.id, "admin")
    assert target.roles == {"resident"}


def test_unknown_role_and_account(db, make_user):
    user = make_user()
    with pytest.raises(Invalid):
        administration.grant_role(None, user.id, "mayor")
    with pytest.raises(NotFound):
        administration.grant_role(None, "ghost@example.org", "planner")


def test_last_admin_cannot_be_removed(db, make_user):
    admin = make_user("admin")
    with pytest.raises(Invalid):
        administration.revoke_role(admin, admin.id, "admin")
    assert admin.has_role("admin")
    other = make_user("admin")
    administration.revoke_role(other, admin.id, "admin")
    assert not admin.has_role("admin")
