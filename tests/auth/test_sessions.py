"""Sessions end for good: a cookie copied before sign-out, a password change, a lock or
a role taken away opens nothing afterwards."""

from datetime import timedelta

import sqlalchemy as sa

from participation.auth.models import SignIn
from tests.conftest import PASSWORD, FormClient

SESSION = "participation_session"
REMEMBER = "remember_token"


def _sign_in(server, user, remember=False) -> FormClient:
    client = FormClient(server.test_client())
    data = {"email": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post_form("/signin", data).status_code == 302
    return client


def _copy(server, client, names=(SESSION, REMEMBER)) -> FormClient:
    """Another browser holding copies of these cookies of `client`."""
    thief = FormClient(server.test_client())
    for name in names:
        cookie = client.get_cookie(name)
        if cookie is not None:
            thief.set_cookie(name, cookie.value)
    return thief


def _opens_account(client) -> bool:
    return client.get("/account").status_code == 200


def test_a_cookie_copied_before_sign_out_opens_nothing_after(server, make_user):
    user = make_user()
    client = _sign_in(server, user)
    copy = _copy(server, client)
    assert _opens_account(copy)
    client.post_form("/signout")
    assert not _opens_account(client)
    assert not _opens_account(copy)
    assert copy.get("/account").headers["Location"].startswith("/signin")


def test_sign_out_ends_only_this_browser(server, make_user):
    user = make_user()
    laptop, phone = _sign_in(server, user), _sign_in(server, user)
    laptop.post_form("/signout")
    assert not _opens_account(laptop)
    assert _opens_account(phone)


def test_a_new_password_ends_every_other_session_and_the_remember_cookie(
    server, make_user, db
):
    user = make_user()
    here = _sign_in(server, user)
    elsewhere = _sign_in(server, user, remember=True)
    remembered = _copy(server, elsewhere, names=(REMEMBER,))
    assert _opens_account(remembered)  # the one-year cookie alone signs in
    response = here.post_form(
        "/account/password",
        {
            "password-current_password": PASSWORD,
            "password-new_password": "a brand new passphrase",
            "password-confirm": "a brand new passphrase",
        },
    )
    assert response.status_code == 302
    assert _opens_account(here)
    assert not _opens_account(elsewhere)
    assert not _opens_account(remembered)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SignIn)) == 1


def test_sign_out_everywhere_ends_this_session_too(server, make_user):
    user = make_user()
    laptop, phone = _sign_in(server, user), _sign_in(server, user, remember=True)
    page = laptop.get("/account").get_data(as_text=True)
    assert "Where you are signed in" in page and page.count("<li>") >= 2
    assert laptop.post_form("/account/sign-out-everywhere").status_code == 302
    assert not _opens_account(laptop)
    assert not _opens_account(phone)


def test_a_locked_account_is_signed_out_and_cannot_sign_in(server, make_user, db):
    admin, person = make_user("admin"), make_user()
    theirs = _sign_in(server, person, remember=True)
    office = _sign_in(server, admin)
    response = office.post_form(
        f"/admin/users/{person.id}/lock", {f"lock{person.id}-reason": "Spam"}
    )
    assert response.status_code == 302
    assert not _opens_account(theirs)
    page = FormClient(server.test_client())
    refused = page.post_form("/signin", {"email": person.email, "password": PASSWORD})
    assert refused.status_code == 200  # the form again, with its error
    office.post_form(
        f"/admin/users/{person.id}/lock",
        {f"lock{person.id}-reason": "Cleared", "action": "unlock"},
    )
    assert _opens_account(_sign_in(server, person))
    from participation.core.models import AuditEntry

    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.target_id == person.id)
    ).all()
    assert {"user.lock", "user.unlock"} <= set(actions)


def test_a_lock_needs_a_reason_and_never_locks_oneself(server, make_user):
    admin = make_user("admin")
    office = _sign_in(server, admin)
    office.post_form(f"/admin/users/{admin.id}/lock", {f"lock{admin.id}-reason": "x"})
    assert _opens_account(office)
    other = make_user()
    theirs = _sign_in(server, other)
    office.post_form(f"/admin/users/{other.id}/lock", {})
    assert _opens_account(theirs)


def test_a_role_taken_away_ends_that_accounts_sessions(server, make_user):
    admin, planner = make_user("admin"), make_user("planner")
    theirs = _sign_in(server, planner)
    office = _sign_in(server, admin)
    office.post_form(f"/admin/users/{planner.id}/roles", {})
    assert not _opens_account(theirs)


def test_an_idle_sign_in_expires(server, make_user, db):
    user = make_user()
    client = _sign_in(server, user)
    sign_in = db.session.scalar(sa.select(SignIn))
    sign_in.seen_at -= timedelta(days=15)
    db.session.commit()
    assert not _opens_account(client)


def test_only_a_hash_of_the_secret_is_stored(server, make_user, db):
    user = make_user()
    client = _sign_in(server, user)
    stored = db.session.scalar(sa.select(SignIn.secret_hash))
    cookie = client.get_cookie(SESSION).value
    assert stored not in cookie and len(stored) == 64
