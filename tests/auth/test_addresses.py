"""Confirming an address, a forgotten password, a new address and bounces, through
the real SMTP server (tests/mailbox.py): what arrives, in the reader's language, and
the links in it followed as a person would."""

import re

from sqlalchemy import select

from participation.auth.models import User
from participation.core.models import BouncedAddress
from participation.notify import outbox
from tests.mailbox import html_of, text_of

NEW = "a long enough secret"


def _mail(mailbox, address):
    outbox.send_pending()
    return mailbox.to(address)


def _link(app, message, path):
    match = re.search(r"http://localhost(/" + path + r"/\S+)", text_of(message))
    assert match, text_of(message)
    return match.group(1)


def _sign_up(client, email, **kw):
    return client.post_form(
        "/signup", {"email": email, "password": NEW, "confirm": NEW, **kw}
    )


def test_sign_up_sends_a_confirmation_that_confirms_once(app, db, client, mailbox):
    response = _sign_up(client, "ana@example.org", locale="ar")
    assert response.status_code == 303
    assert response.headers["Location"] == "/signup/check-inbox"
    user = db.session.scalars(select(User)).one()
    assert not user.is_confirmed
    # Signed in, unconfirmed: every page says so.
    page = client.get("/").get_data(as_text=True)
    assert "unconfirmed-banner" in page
    (message,) = _mail(mailbox, "ana@example.org")
    assert message["Content-Language"] == "ar"
    assert message["Subject"] != "Confirm your email address"
    link = _link(app, message, "confirm")
    assert link in html_of(message)
    # Opening the link does nothing by itself (mail scanners open links).
    assert "<form" in client.get(link).get_data(as_text=True)
    db.session.refresh(user)
    assert not user.is_confirmed
    assert client.post_form(link, {}).status_code == 302
    db.session.refresh(user)
    assert user.is_confirmed
    assert "unconfirmed-banner" not in client.get("/").get_data(as_text=True)
    # Used once only.
    again = client.post_form(link, {})
    assert again.status_code == 400


def test_the_confirmation_is_in_english_for_an_english_reader(app, db, client, mailbox):
    _sign_up(client, "bo@example.org", locale="en")
    (message,) = _mail(mailbox, "bo@example.org")
    assert message["Subject"] == "Confirm your email address"
    assert message["Content-Language"] == "en"


def test_an_expired_confirmation_link_offers_a_new_one(
    app, db, client, mailbox, server
):
    _sign_up(client, "cy@example.org")
    (message,) = _mail(mailbox, "cy@example.org")
    link = _link(app, message, "confirm")
    server.config["CONFIRM_LINK_MAX_AGE"] = -1
    page = client.get(link).get_data(as_text=True)
    assert "This link has expired." in page and "Send me a new link" in page
    assert client.post_form(link, {}).status_code == 400
    server.config["CONFIRM_LINK_MAX_AGE"] = 3600
    response = client.post_form("/confirm/new-link", {"email": "cy@example.org"})
    assert response.headers["Location"] == "/signup/check-inbox"
    (fresh,) = _mail(mailbox, "cy@example.org")[1:]
    assert client.post_form(_link(app, fresh, "confirm"), {}).status_code == 302
    assert db.session.scalars(select(User)).one().is_confirmed


def test_sign_up_with_a_taken_address_answers_the_same(
    app, db, client, make_user, mailbox
):
    make_user(email="ana@example.org", locale="es")
    taken = _sign_up(client, "ANA@example.org")
    assert len(db.session.scalars(select(User)).all()) == 1
    assert client.get("/account").status_code == 302  # nobody signed in
    (notice,) = _mail(mailbox, "ana@example.org")
    assert notice["Content-Language"] == "es"
    assert "/password/forgot" in text_of(notice)
    assert taken.status_code == 303
    assert taken.headers["Location"] == "/signup/check-inbox"
    client.post_form("/signout")
    new = _sign_up(client, "new@example.org")
    assert (new.status_code, new.headers["Location"]) == (
        taken.status_code,
        taken.headers["Location"],
    )
    assert new.get_data() == taken.get_data()


def test_forgot_password_resets_and_ends_every_other_sign_in(
    app, db, client, make_user, mailbox, server
):
    user = make_user(email="dee@example.org", confirmed=False)
    other = server.test_client()
    other.post("/signin")  # a second browser, signed in with the old password
    known = client.post_form("/password/forgot", {"email": "dee@example.org"})
    unknown = client.post_form("/password/forgot", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 303
    assert known.headers["Location"] == unknown.headers["Location"]
    assert known.get_data() == unknown.get_data()
    assert _mail(mailbox, "nobody@example.org") == []
    (message,) = _mail(mailbox, "dee@example.org")
    link = _link(app, message, "password/reset")
    assert client.get(link).status_code == 200
    response = client.post_form(link, {"new_password": NEW, "confirm": NEW})
    assert response.headers["Location"] == "/account"
    db.session.refresh(user)
    assert user.is_confirmed  # they read mail sent to it
    assert client.get("/account").status_code == 200
    # The link is bound to the old password: used, it opens nothing.
    assert "This link has already been used." in client.get(link).get_data(as_text=True)


def test_a_reset_signs_out_the_other_browsers(
    app, db, client, login_as, mailbox, server
):
    from tests.conftest import FormClient

    user = login_as("resident")  # this browser, signed in with the old password
    assert client.get("/account").status_code == 200
    other = FormClient(server.test_client())
    other.post_form("/password/forgot", {"email": user.email})
    (message,) = _mail(mailbox, user.email)
    link = _link(app, message, "password/reset")
    assert (
        other.post_form(link, {"new_password": NEW, "confirm": NEW}).status_code == 302
    )
    assert other.get("/account").status_code == 200
    assert client.get("/account").status_code == 302  # signed out


def test_email_change_confirms_the_new_address_and_tells_the_old(
    app, db, client, login_as, mailbox
):
    from tests.conftest import PASSWORD

    user = login_as("resident")
    old = user.email
    response = client.post_form(
        "/account/email",
        {"email-email": "new-home@example.org", "email-password": PASSWORD},
    )
    assert response.status_code == 302
    (asked,) = _mail(mailbox, old)
    assert "new-home@example.org" in text_of(asked)
    (message,) = _mail(mailbox, "new-home@example.org")
    link = _link(app, message, "account/email")
    assert client.post_form(link, {}).status_code == 302
    db.session.refresh(user)
    assert user.email == "new-home@example.org" and user.is_confirmed
    assert len(_mail(mailbox, old)) == 2  # and after the change
    assert client.post_form(link, {}).status_code == 400


def test_email_change_asks_the_current_password(app, db, client, login_as, mailbox):
    login_as("resident")
    response = client.post_form(
        "/account/email", {"email-email": "x@example.org", "email-password": "nope"}
    )
    assert response.status_code == 400
    assert "This is not your current password." in response.get_data(as_text=True)
    assert _mail(mailbox, "x@example.org") == []


def test_email_change_to_a_taken_address_answers_the_same(
    app, db, client, login_as, make_user, mailbox
):
    from tests.conftest import PASSWORD

    make_user(email="taken@example.org")
    login_as("resident")
    response = client.post_form(
        "/account/email",
        {"email-email": "taken@example.org", "email-password": PASSWORD},
    )
    assert response.status_code == 302
    assert _mail(mailbox, "taken@example.org") == []


def test_forms_that_send_mail_are_limited_per_address(app, db, client, mailbox):
    for _ in range(3):
        response = client.post_form("/password/forgot", {"email": "e@example.org"})
        assert response.status_code == 303
    refused = client.post_form("/password/forgot", {"email": "E@example.org "})
    assert refused.status_code == 429
    assert "Please slow down" in refused.get_data(as_text=True)
    # Another address from the same client is still answered …
    assert (
        client.post_form("/password/forgot", {"email": "f@example.org"}).status_code
        == 303
    )


def test_forms_that_send_mail_are_limited_per_client(app, db, client, mailbox, server):
    server.config["ACCOUNT_MAIL_CLIENT_RATE_LIMIT"] = "2 per minute"
    try:
        for number in range(2):
            client.post_form("/password/forgot", {"email": f"g{number}@example.org"})
        refused = client.post_form("/signup", {"email": "h@example.org"})
        assert refused.status_code == 429
    finally:
        server.config["ACCOUNT_MAIL_CLIENT_RATE_LIMIT"] = "10 per 10 minutes;50 per day"


def test_a_bounced_address_is_shown_and_can_be_tried_again(
    app, db, client, login_as, mailbox
):
    user = login_as("resident")
    db.session.add(BouncedAddress(address=user.email, reason="550 No such mailbox"))
    db.session.commit()
    page = client.get("/account").get_data(as_text=True)
    assert "Mail to your address bounces" in page and "550 No such mailbox" in page
    assert client.post_form("/account/bounce/retry", {}).status_code == 302
    assert db.session.get(BouncedAddress, user.email) is None
    assert "Mail to your address bounces" not in client.get("/account").get_data(
        as_text=True
    )


def test_unconfirmed_accounts_cannot_vote(app, db, make_user):
    from participation.budgeting.ballots import may_vote

    class Budget:
        district_id = None

    allowed, why = may_vote(make_user(confirmed=False), Budget())
    assert not allowed and "Confirm your email address" in why
    assert may_vote(make_user(), Budget())[0]


def test_the_cli_forgets_expired_spent_links(app, db):
    result = app.test_cli_runner().invoke(args=["users", "forget-spent-links"])
    assert result.exit_code == 0 and "Forgot 0 used links." in result.output
