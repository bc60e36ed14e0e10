"""Reporting without an account: the report waits, an email confirms it, the link
publishes it into the account of that address and signs the person in."""

import re
from datetime import timedelta

from sqlalchemy import select

from participation.auth.models import User
from participation.core.photos import upload_folder
from participation.issues.models import Report
from participation.issues.visitors import delete_unconfirmed
from participation.notify.outbox import send_pending
from participation.types import utcnow
from tests.issues.test_views import new_report_form
from tests.mailbox import text_of

LINK = re.compile(r"http://localhost(/publish/[^\s]+)")


def _send_as_visitor(client, category, email="walker@example.org", **fields):
    form = new_report_form(category, email=email, display_name="Walker", **fields)
    return client.post_form("/reports/new", form, headers=HEADERS.get(email, {}))


HEADERS = {"ar@example.org": {"Accept-Language": "ar"}}


def _publish_path(mailbox, address):
    send_pending()
    message = mailbox.to(address)[-1]
    return LINK.search(text_of(message)).group(1), message


def test_a_visitors_report_waits_then_the_emailed_link_publishes_it(
    client, db, square_city, make_category, mailbox
):
    category = make_category()
    response = _send_as_visitor(client, category)
    assert response.status_code == 200
    assert "Check your inbox" in response.get_data(as_text=True)
    report = db.session.scalars(select(Report)).one()
    assert report.waiting and report.reporter_id is None
    # Invisible while waiting: page, map list, Open311, API.
    assert client.get(f"/reports/{report.id}").status_code == 404
    assert "Light out on Mill Lane" not in client.get("/reports").get_data(True)
    open311 = client.get("/open311/v2/requests.json").get_data(True)
    assert "Light out on Mill Lane" not in open311
    path, message = _publish_path(mailbox, "walker@example.org")
    # Opening the link (a prefetcher) publishes nothing; the button does.
    page = client.get(path)
    assert page.status_code == 200 and "Confirm and publish" in page.get_data(True)
    db.session.expire_all()
    assert db.session.get(Report, report.id).waiting
    confirmed = client.post_form(path, {})
    assert confirmed.status_code == 302
    assert confirmed.headers["Location"].endswith(f"/reports/{report.id}")
    db.session.expire_all()
    report = db.session.get(Report, report.id)
    user = db.session.scalars(
        select(User).where(User.email == "walker@example.org")
    ).one()
    assert not report.waiting and report.reporter_id == user.id
    assert user.password_hash == "!" and user.is_confirmed
    assert user.display_name == "Walker"
    # Signed in: their own reports page opens.
    assert "Light out on Mill Lane" in client.get("/my/reports").get_data(True)
    assert "Light out on Mill Lane" in client.get("/reports").get_data(True)
    # The report's email: reference, department, a link to follow it.
    send_pending()
    received = mailbox.to("walker@example.org")[-1]
    body = text_of(received)
    assert f"Reference: {report.id}" in body
    assert report.category.department.name in body
    assert f"/reports/{report.id}" in body and received["List-Unsubscribe"]
    # The link is single-use.
    client.post_form("/signout", {})
    again = client.post_form(path, {})
    assert again.status_code == 400
    assert "already been used" in again.get_data(True)


def test_the_confirmation_email_is_in_the_visitors_language(
    client, db, square_city, make_category, mailbox
):
    category = make_category()
    _send_as_visitor(client, category, email="ar@example.org", language="ar")
    path, message = _publish_path(mailbox, "ar@example.org")
    assert message["Content-Language"] == "ar"
    assert "Light out on Mill Lane" in message["Subject"]


def test_an_existing_address_joins_its_account(
    client, db, square_city, make_category, make_user, mailbox
):
    category = make_category()
    owner = make_user(email="owner@example.org", confirmed=False)
    _send_as_visitor(client, category, email="Owner@Example.org")
    path, _message = _publish_path(mailbox, "owner@example.org")
    client.post_form(path, {})
    db.session.expire_all()
    report = db.session.scalars(select(Report)).one()
    assert report.reporter_id == owner.id and not report.waiting
    assert db.session.get(User, owner.id).is_confirmed
    assert db.session.scalar(select(User.id).where(User.id != owner.id)) is None


def test_an_unconfirmed_accounts_report_waits_until_the_address_is_confirmed(
    client, db, square_city, make_category, make_user, login_as
):
    from participation.auth.confirmation import confirm_address

    category = make_category()
    user = login_as(confirmed=False)
    response = client.post_form("/reports/new", new_report_form(category))
    report = db.session.scalars(select(Report)).one()
    assert report.waiting and response.status_code == 302
    page = client.get(f"/reports/{report.id}").get_data(True)
    assert "Waiting for your confirmation" in page
    confirm_address(db.session.get(User, user.id))
    db.session.expire_all()
    assert not db.session.get(Report, report.id).waiting


def test_unconfirmed_reports_are_deleted_with_their_photos(
    app, db, square_city, make_category, make_report
):
    category = make_category()
    kept = make_report(category=category, title="Published")
    old = make_report(category=category, title="Never confirmed")
    recent = make_report(category=category, title="Waiting still")
    photo = upload_folder() / "0123abcd.jpg"
    photo.write_bytes(b"jpeg")
    old.photo, old.waiting_since = photo.name, utcnow() - timedelta(days=8)
    recent.waiting_since = utcnow() - timedelta(days=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["reports", "delete-unconfirmed"])
    assert "deleted 1" in result.output, result.output
    assert delete_unconfirmed() == 0
    db.session.expire_all()
    remaining = set(db.session.scalars(select(Report.title)))
    assert remaining == {"Published", "Waiting still"}
    assert not photo.exists() and kept.id
