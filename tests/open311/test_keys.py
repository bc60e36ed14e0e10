"""API keys: issued and revoked by administrators on their page and from the CLI."""

import hashlib
import re

from sqlalchemy import select

from participation.core.models import AuditEntry
from participation.open311 import keys
from participation.open311.models import ApiKey


def test_only_a_hash_of_the_secret_is_kept(app, db):
    key, secret = keys.issue_key(None, "City app")
    assert secret.startswith(key.prefix + ".") and len(secret) > 40
    stored = db.session.get(ApiKey, key.id)
    assert stored.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    hidden_part = secret.split(".", 1)[1]
    row = db.session.execute(select(ApiKey.__table__)).one()
    assert all(hidden_part not in str(value) for value in row)
    assert keys.key_for(secret).id == key.id
    assert keys.key_for(secret + "x") is None
    assert keys.key_for("") is None and keys.key_for(None) is None


def test_revoked_keys_stop_working(app, db):
    key, secret = keys.issue_key(None, "City app")
    keys.revoke_key(None, key.prefix)
    assert keys.key_for(secret) is None
    assert db.session.get(ApiKey, key.id).revoked_at is not None


def test_issue_and_revoke_are_audited_and_checked(app, db, make_user):
    import pytest

    from participation.errors import Invalid, NotAllowed, NotFound

    admin, planner = make_user("admin"), make_user("planner")
    with pytest.raises(NotAllowed):
        keys.issue_key(planner, "Sneaky")
    with pytest.raises(Invalid):
        keys.issue_key(admin, "  ")
    key, _ = keys.issue_key(admin, "City app")
    assert key.created_by_id == admin.id
    with pytest.raises(NotAllowed):
        keys.revoke_key(planner, key.prefix)
    with pytest.raises(NotFound):
        keys.revoke_key(admin, "nothing")
    keys.revoke_key(admin, key.prefix)
    with pytest.raises(Invalid):
        keys.revoke_key(admin, key.prefix)
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id))
    assert list(actions) == [
        "user.roles",
        "user.roles",
        "api_key.issue",
        "api_key.revoke",
    ]


def test_admin_issues_a_key_and_sees_the_secret_once(client, db, login_as):
    login_as("admin")
    page = client.get("/admin/api-keys").get_data(as_text=True)
    assert "Open311 API keys" in page and "No key has been issued yet." in page
    response = client.post_form("/admin/api-keys", {"name": "FixIt app"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    secret = re.search(r'<code id="new-secret">([^<]+)</code>', html).group(1)
    key = db.session.scalars(select(ApiKey)).one()
    assert key.name == "FixIt app" and keys.key_for(secret).id == key.id
    # Never again: the list shows the prefix only.
    later = client.get("/admin/api-keys").get_data(as_text=True)
    assert secret not in later and key.prefix in later and "FixIt app" in later


def test_admin_page_refuses_a_nameless_key(client, db, login_as):
    login_as("admin")
    response = client.post_form("/admin/api-keys", {"name": ""})
    assert response.status_code == 400
    assert "This field is required." in response.get_data(as_text=True)
    assert db.session.scalars(select(ApiKey)).first() is None


def test_admin_revokes_a_key(client, db, login_as):
    login_as("admin")
    key, secret = keys.issue_key(None, "Old app")
    response = client.post_form("/admin/api-keys/revoke", {"prefix": key.prefix})
    assert response.status_code == 302
    html = client.get("/admin/api-keys").get_data(as_text=True)
    assert f"The key {key.prefix} is revoked." in html and "Revoked on" in html
    assert keys.key_for(secret) is None
    response = client.post_form(
        "/admin/api-keys/revoke", {"prefix": key.prefix}, follow_redirects=True
    )
    assert "This key is already revoked." in response.get_data(as_text=True)


def test_cli_issues_lists_and_revokes(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["open311", "keys", "issue", "Dashboard"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    key = keys.key_for(secret)
    assert key is not None and key.name == "Dashboard"
    listed = runner.invoke(args=["open311", "keys", "list"])
    assert key.prefix in listed.output and "active" in listed.output
    assert secret not in listed.output
    result = runner.invoke(args=["open311", "keys", "revoke", key.prefix])
    assert result.exit_code == 0 and "Revoked" in result.output
    db.session.expire_all()
    assert keys.key_for(secret) is None
    assert "revoked" in runner.invoke(args=["open311", "keys", "list"]).output
    again = runner.invoke(args=["open311", "keys", "revoke", key.prefix])
    assert again.exit_code != 0 and "already revoked" in again.output
    missing = runner.invoke(args=["open311", "keys", "revoke", "nothing"])
    assert missing.exit_code != 0 and "No key" in missing.output
    empty = runner.invoke(args=["open311", "keys", "issue", " "])
    assert empty.exit_code != 0
