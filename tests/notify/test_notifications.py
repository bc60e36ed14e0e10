"""Followers hear of every update, in the app and by email, in their own language."""

import re
from email import message_from_bytes

from sqlalchemy import select

from participation.core.models import OutboxMessage
from participation.issues.backing import set_following
from participation.issues.services import change_status
from participation.notify.models import Notification


def test_followers_are_notified_but_not_the_actor(
    app, db, square_city, make_report, make_user
):
    reporter = make_user(locale="es")
    neighbour = make_user()
    planner = make_user("planner")
    report = make_report(reporter=reporter)
    set_following(neighbour, report.id, True)
    set_following(planner, report.id, True)
    change_status(planner, report.id, "acknowledged", "On our list.", "en")

    notified = {n.user_id for n in db.session.scalars(select(Notification))}
    assert notified == {reporter.id, neighbour.id}
    # The reporter's "report received" aside: the status updates, one per follower.
    mails = {
        m.to: m
        for m in db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind != "report")
        )
    }
    assert set(mails) == {reporter.email, neighbour.email}
    assert (
        mails[reporter.email].subject
        == "Novedades de «Light out on Mill Lane»: Recibido"
    )
    assert (
        mails[neighbour.email].subject
        == "Update on “Light out on Mill Lane”: Acknowledged"
    )
    assert "On our list." in mails[neighbour.email].body
    assert f"/reports/{report.id}" in mails[neighbour.email].body


def test_outbox_delivers_to_files(
    app, db, square_city, make_report, make_user, tmp_path
):
    app.config["OUTBOX_PATH"] = str(tmp_path / "outbox")
    report = make_report()
    change_status(make_user("planner"), report.id, "fixed", "Done.", "en")
    result = app.test_cli_runner().invoke(args=["outbox", "send"])
    # The reporter's "report received", then the update.
    assert "Sent 2 email(s); 0 to retry, 0 failed." in result.output
    received, update = (
        message_from_bytes(eml.read_bytes())
        for eml in sorted((tmp_path / "outbox").iterdir())
    )
    assert "has been received" in received["Subject"]
    assert update["Subject"].startswith("Update on")
    assert all(m.sent_at for m in db.session.scalars(select(OutboxMessage)))
    assert (
        "Sent 0 email(s);"
        in app.test_cli_runner().invoke(args=["outbox", "send"]).output
    )


def test_notifications_page_and_unread_count(
    client, db, square_city, login_as, make_report, make_user
):
    me = login_as()
    report = make_report(reporter=me)
    change_status(make_user("planner"), report.id, "acknowledged", "Crew booked.", "en")
    html = client.get("/").get_data(as_text=True)
    assert "Notifications (1 new)" in html
    page = client.get("/notifications").get_data(as_text=True)
    assert "Crew booked." in page and "Light out on Mill Lane" in page
    client.post_form("/notifications/read")
    assert "Notifications (1 new)" not in client.get("/").get_data(as_text=True)


def test_the_settings_page_sets_each_kind_and_refuses_an_unknown_choice(
    client, db, login_as
):
    from participation.notify.preferences import choice

    me = login_as()
    page = client.get("/notifications/settings").get_data(as_text=True)
    assert "Updates on reports I follow" in page
    # A resident is not told of staff alerts: those kinds are not offered.
    assert "kind_staff_new_report" not in page
    assert 'href="/notifications/settings"' in client.get("/account").get_data(
        as_text=True
    )
    kinds = re.findall(r'<select[^>]*name="(kind_[a-z_]+)"', page)
    assert "kind_report_updates" in kinds
    form = {name: "immediately" for name in kinds}
    refused = client.post_form(
        "/notifications/settings", {**form, "kind_report_updates": "hourly"}
    )
    assert refused.status_code == 400
    assert "Not a valid choice" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert choice(me, "report_updates") == "immediately"  # the default, kept
    saved = client.post_form(
        "/notifications/settings", {**form, "kind_report_updates": "never"}
    )
    assert saved.status_code == 302
    db.session.expire_all()
    assert choice(me, "report_updates") == "never"
    again = client.get("/notifications/settings").get_data(as_text=True)
    assert re.search(r'<option selected value="never">|value="never" selected', again)
