"""Sign up, sign in, sign out, account page, admin page."""

from sqlalchemy import select

from participation.auth.models import User
from tests.conftest import PASSWORD


def test_sign_up_creates_resident_and_signs_in(client, db, mailbox):
    response = client.post_form(
        "/signup",
        {
            "email": "Ana@Example.org",
            "display_name": "Ana",
            "password": "a long enough secret",
            "confirm": "a long enough secret",
            "locale": "es",
        },
    )
    # Signed in, unconfirmed (the address is confirmed by the link sent to it:
    # tests/auth/test_addresses.py), told to check the inbox.
    assert response.status_code == 303
    assert response.headers["Location"] == "/signup/check-inbox"
    user = db.session.scalars(select(User)).one()
    assert not user.is_confirmed
    # Signed in, and the page now speaks the chosen language.
    assert "Mi cuenta" in client.get("/").get_data(as_text=True)
    assert (user.email, user.locale, user.roles) == (
        "ana@example.org",
        "es",
        {"resident"},
    )
    assert client.get("/account").status_code == 200


def test_sign_up_errors_keep_typed_values(client, db):
    response = client.post_form(
        "/signup",
        {
            "email": "ana@example.org",
            "display_name": "Ana Q",
            "password": "a long enough secret",
            "confirm": "something else entirely",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The two passwords do not match." in html
    assert 'value="ana@example.org"' in html and 'value="Ana Q"' in html
    assert 'value="a long enough secret"' not in html  # passwords are never echoed
    assert db.session.scalar(select(User).limit(1)) is None


def test_sign_up_with_taken_email(client, make_user, db, mailbox):
    # No enumeration: the same "check your inbox" answer as a new address, nobody
    # signed in, no account made (the owner is told: tests/auth/test_addresses.py).
    make_user(email="ana@example.org")
    response = client.post_form(
        "/signup",
        {
            "email": "ANA@example.org",
            "password": "a long enough secret",
            "confirm": "a long enough secret",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/signup/check-inbox"
    assert len(db.session.scalars(select(User)).all()) == 1
    assert client.get("/account").status_code == 302


def test_sign_up_short_password(client, db):
    response = client.post_form(
        "/signup", {"email": "b@example.org", "password": "short", "confirm": "short"}
    )
    assert "Use at least 10 characters." in response.get_data(as_text=True)
    assert db.session.scalar(select(User).limit(1)) is None


def test_sign_in_and_out(client, make_user):
    user = make_user()
    response = client.post_form(
        "/signin", {"email": user.email, "password": "wrong password"}
    )
    assert "The email address or password is not correct." in response.get_data(
        as_text=True
    )
    assert client.get("/account").status_code == 302
    response = client.post_form(
        "/signin?next=/account", {"email": user.email, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/account"
    assert client.get("/account").status_code == 200
    client.post_form("/signout")
    assert client.get("/account").status_code == 302


def test_sign_in_never_redirects_off_site(client, make_user):
    user = make_user()
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post_form(
            f"/signin?next={target}", {"email": user.email, "password": PASSWORD}
        )
        assert response.headers["Location"] == "/"
        client.post_form("/signout")


def test_sign_in_is_rate_limited(client, make_user):
    user = make_user()
    statuses = [
        client.post_form(
            "/signin", {"email": user.email, "password": "wrong!"}
        ).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    response = client.post_form("/signin", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.get_data(as_text=True)


def test_session_cookie_is_hardened(client, make_user):
    user = make_user()
    response = client.post_form("/signin", {"email": user.email, "password": PASSWORD})
    cookie = next(
        h
        for h in response.headers.getlist("Set-Cookie")
        if h.startswith("participation_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_session_cookie_is_secure_over_https(client, make_user):
    user = make_user()
    client.client.get("/", base_url="https://localhost")
    html = client.client.get("/", base_url="https://localhost").get_data(as_text=True)
    import re

    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    response = client.client.post(
        "/signin",
        data={"csrf_token": token, "email": user.email, "password": PASSWORD},
        base_url="https://localhost",
        headers={"Referer": "https://localhost/signin"},
    )
    cookie = next(
        h
        for h in response.headers.getlist("Set-Cookie")
        if h.startswith("participation_session=")
    )
    assert "Secure" in cookie


def test_change_password(client, db, login_as):
    user = login_as()
    response = client.post_form(
        "/account/password",
        {
            "password-current_password": "wrong one!",
            "password-new_password": "a brand new secret",
            "password-confirm": "a brand new secret",
        },
    )
    assert response.status_code == 400
    assert "This is not your current password." in response.get_data(as_text=True)
    response = client.post_form(
        "/account/password",
        {
            "password-current_password": PASSWORD,
            "password-new_password": "a brand new secret",
            "password-confirm": "a brand new secret",
        },
    )
    assert response.status_code == 302
    from participation.auth.services import authenticate

    db.session.expire_all()
    assert authenticate(user.email, "a brand new secret") is not None


def test_change_preferred_language(client, db, login_as):
    user = login_as()
    response = client.post_form("/account/language", {"language-locale": "es"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).locale == "es"
    response = client.post_form("/account/language", {"language-locale": "xx"})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(User, user.id).locale == "es"


def test_admin_page_grants_roles(client, db, login_as, make_user):
    login_as("admin")
    target = make_user(email="pat@example.org")
    page = client.get("/admin/users?q=pat").get_data(as_text=True)
    assert "pat@example.org" in page
    response = client.post_form(
        f"/admin/users/{target.id}/roles",
        {f"user{target.id}-roles": ["planner", "evaluator"]},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, target.id).roles == {"resident", "planner", "evaluator"}
    client.post_form(
        f"/admin/users/{target.id}/roles", {f"user{target.id}-roles": ["evaluator"]}
    )
    db.session.expire_all()
    assert db.session.get(User, target.id).roles == {"resident", "evaluator"}


def test_admin_cannot_remove_last_admin_through_the_page(client, db, login_as):
    admin = login_as("admin")
    response = client.post_form(f"/admin/users/{admin.id}/roles", {})
    assert response.status_code == 302
    follow = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The last administrator cannot be removed." in follow
    db.session.expire_all()
    assert db.session.get(User, admin.id).has_role("admin")


def test_cli_grant_role(app, make_user):
    user = make_user(email="pat@example.org")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "grant", "pat@example.org", "planner"])
    assert result.exit_code == 0, result.output
    assert "planner" in result.output
    from participation.auth.services import find_user

    app.extensions["sqlalchemy"].session.expire_all()
    assert user.roles == {"resident", "planner"}
    assert find_user("pat@example.org").has_role("planner")
    result = runner.invoke(args=["users", "grant", "ghost@example.org", "planner"])
    assert result.exit_code != 0 and "No account" in result.output
    result = runner.invoke(args=["users", "grant", "pat@example.org", "mayor"])
    assert result.exit_code != 0
