"""Telling people what happened to a report: reopening, hiding, staff alerts, and each
person's choice of how to hear of it — read from the real SMTP server."""

import re

import pytest
from sqlalchemy import select

from participation.issues import services, staff_alerts, triage
from participation.issues.models import Category
from participation.notify import outbox
from participation.notify.models import Notification
from participation.notify.preferences import choice, set_choices
from tests.mailbox import text_of
from tests.open311.conftest import both_formats


@pytest.fixture
def service(square_city, make_category):
    return make_category(code="streetlight", name="Street light out")


def _staff_of(report, make_user, **choices):
    staff = make_user("planner")
    department_id = db_department(report)
    staff_alerts.assign_staff(staff.id, department_id)
    if choices:
        set_choices(staff, choices)
    return staff


def db_department(report):
    from participation.extensions import db

    return db.session.scalar(
        select(Category.department_id).where(Category.id == report.category_id)
    )


def _past_the_receipt(mailbox):
    """Send what submitting queued (the report-received email) and forget it."""
    outbox.send_pending()
    mailbox.inbox.clear()


def _notes(db, user):
    return db.session.scalars(
        select(Notification).where(Notification.user_id == user.id)
    ).all()


def test_reopen_tells_followers_and_staff_and_says_reopened_by_the_reporter(
    app, db, client, mailbox, make_user, make_report, service
):
    reporter, follower, city = make_user(), make_user(), make_user("planner")
    report = make_report(category=service, reporter=reporter)
    staff = _staff_of(report, make_user)
    from participation.issues.backing import set_following

    set_following(follower, report.id, True)
    services.change_status(city, report.id, "fixed", "New lamp fitted.", "en")
    services.reopen_report(reporter, report.id, "Still dark at night.")
    outbox.send_pending()

    assert report.status == "reopened"
    (update,) = [m for m in mailbox.to(follower.email) if "Reopened" in m["Subject"]]
    assert "Still dark at night." in text_of(update)
    (alert,) = [m for m in mailbox.to(staff.email) if "Reopened" in m["Subject"]]
    assert f"#{report.id}" in alert["Subject"] and alert["List-Unsubscribe"]
    assert [n.kind for n in _notes(db, staff)] == ["staff_reopened"]
    assert len(_notes(db, follower)) == 2  # fixed, then reopened

    page = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert "Reopened by the reporter" in page and "In progress" not in page
    (record,) = both_formats(
        client, f"/open311/v2/requests/{report.id}.{{fmt}}", "service_requests"
    )
    assert record["status"] == "open"
    assert record["status_notes"] == "Reopened by the reporter"
    updates = both_formats(
        client, "/open311/v2/servicerequestupdates.{fmt}", "service_requests_updates"
    )
    assert updates[-1]["status"] == "open"
    assert (
        updates[-1]["description"] == "Reopened by the reporter: Still dark at night."
    )
    assert "in_progress" not in {u["status"] for u in updates}


def test_staff_move_a_reopened_report_on_like_a_new_one(db, make_user, make_report):
    reporter, city = make_user(), make_user("planner")
    report = make_report(reporter=reporter)
    services.change_status(city, report.id, "fixed", "Done.", "en")
    services.reopen_report(reporter, report.id, "Not done.")
    assert dict(services.next_statuses(report)).keys() >= {"acknowledged", "fixed"}
    services.change_status(city, report.id, "in_progress", "On it.", "en")
    assert report.status == "in_progress"


def test_hiding_tells_the_reporter_why_and_only_they_and_staff_see_it(
    app, db, client, mailbox, make_user, make_report, login_as
):
    reporter = login_as(locale="de")
    report = make_report(reporter=reporter)
    _past_the_receipt(mailbox)  # the "report received" email is not what is tested
    triage.hide_report(make_user("planner"), report.id, "Personal data in the photo")
    outbox.send_pending()
    (email,) = mailbox.to(reporter.email)
    assert email["Content-Language"] == "de"
    assert "Personal data in the photo" in text_of(email)
    assert email["List-Unsubscribe"]
    (note,) = _notes(db, reporter)
    assert note.kind == "report_hidden"

    page = client.get(f"/reports/{report.id}")
    assert page.status_code == 200
    assert "Personal data in the photo" in page.get_data(as_text=True)
    assert "Personal data in the photo" in client.get("/notifications").get_data(
        as_text=True
    )
    client.post_form("/signout", {})
    assert client.get(f"/reports/{report.id}").status_code == 404
    login_as()
    assert client.get(f"/reports/{report.id}").status_code == 404


def test_staff_choose_immediate_or_a_daily_summary(
    app, db, mailbox, make_user, make_report, service
):
    first = make_report(category=service)
    at_once = _staff_of(first, make_user)
    daily = _staff_of(first, make_user, staff_new_report="digest")
    never = _staff_of(first, make_user, staff_new_report="never")
    second = make_report(category=service)
    outbox.send_pending()
    assert len(mailbox.to(at_once.email)) == 1  # the second; the first came before
    assert mailbox.to(daily.email) == [] and mailbox.to(never.email) == []
    assert len(_notes(db, daily)) == 1 and _notes(db, never) == []

    assert staff_alerts.send_summaries() == 1
    outbox.send_pending()
    (summary,) = mailbox.to(daily.email)
    assert f"#{second.id}" in text_of(summary) and summary["List-Unsubscribe"]
    assert staff_alerts.send_summaries() == 0  # sent once


def test_report_followers_choose_never_digest_or_immediately(
    app, db, mailbox, make_user, make_report
):
    from participation.projects import follows

    city = make_user("planner")
    reporter = make_user()
    report = make_report(reporter=reporter)
    _past_the_receipt(mailbox)  # the "report received" email is not what is tested
    set_choices(reporter, {"report_updates": "never"})
    services.change_status(city, report.id, "acknowledged", "Seen.", "en")
    outbox.send_pending()
    assert mailbox.to(reporter.email) == [] and _notes(db, reporter) == []

    set_choices(reporter, {"report_updates": "digest"})
    follows.set_digest(reporter, "daily")
    services.change_status(city, report.id, "in_progress", "On it.", "en")
    outbox.send_pending()
    assert mailbox.to(reporter.email) == []
    from datetime import timedelta

    from participation.types import utcnow

    assert follows.send_digests("daily", utcnow() + timedelta(days=1)) == 1
    outbox.send_pending()
    (digest,) = mailbox.to(reporter.email)
    assert report.title in text_of(digest)

    set_choices(reporter, {"report_updates": "immediately"})
    services.change_status(city, report.id, "fixed", "Done.", "en")
    outbox.send_pending()
    assert len(mailbox.to(reporter.email)) == 2


def test_an_unsubscribe_link_sets_the_kind_to_never(
    app, db, client, mailbox, make_user, make_report
):
    reporter = make_user()
    report = make_report(reporter=reporter)
    _past_the_receipt(mailbox)  # the "report received" email is not what is tested
    triage.hide_report(make_user("planner"), report.id, "Abusive")
    outbox.send_pending()
    (email,) = mailbox.to(reporter.email)
    link = re.search(r"<(.+)>", email["List-Unsubscribe"]).group(1)
    response = client.post(
        link.removeprefix(app.config["PUBLIC_URL"]),
        data={"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    db.session.expire_all()
    assert choice(reporter, "report_hidden") == "never"
