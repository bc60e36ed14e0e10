"""The outbox sends through a real SMTP server (aiosmtpd on loopback): headers, the
reader's language, retries with backoff, single delivery with two senders, bounces."""

import threading
from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from participation.core.mail import is_bounced, queue_email
from participation.core.models import OutboxMessage
from participation.notify import outbox
from participation.notify.unsubscribe import unsubscribe_url
from participation.projects import follows
from participation.types import utcnow
from tests.conftest import make_app
from tests.mailbox import Mailbox, html_of, text_of


def _queue(db, to="resident@example.org", **kw):
    kw.setdefault("kind", "confirm")
    message = queue_email(to, kw.pop("subject", "Confirm"), kw.pop("body", "Hi"), **kw)
    db.session.commit()
    return message


def test_a_message_arrives_with_its_headers_language_and_html_alternative(
    app, db, mailbox
):
    with force_locale("ar"):
        subject = _("Your password has been changed.")
    message = _queue(
        db,
        subject=subject,
        body="مرحبا\nhttp://localhost/confirm/x",
        html='<html lang="ar" dir="rtl"><p><a href="http://localhost/confirm/x">…</a></p></html>',
        locale="ar",
    )
    before = utcnow().replace(microsecond=0)
    assert outbox.send_pending().sent == 1
    (email,) = mailbox.to("resident@example.org")
    assert email["Subject"] == subject != "Your password has been changed."
    assert email["From"] == app.config["MAIL_FROM"]
    assert email["Message-ID"] == message.message_id
    assert email["Message-ID"].endswith("@localhost>")
    assert parsedate_to_datetime(email["Date"]) >= before
    assert email["Content-Language"] == "ar"
    assert email["Auto-Submitted"] == "auto-generated"
    assert "مرحبا" in text_of(email) and 'dir="rtl"' in html_of(email)
    assert email.get_content_type() == "multipart/alternative"
    # Account mail is not a notification: no unsubscribe link.
    assert email["List-Unsubscribe"] is None
    db.session.refresh(message)
    assert message.sent_at is not None and message.attempts == 1
    assert outbox.send_pending().sent == 0  # sent once only


def test_every_notification_carries_one_click_unsubscribe_that_works(
    app, db, client, mailbox, make_user
):
    reader = make_user()
    follows.set_digest(reader, "weekly")
    link = unsubscribe_url(reader.id, "digest")
    queue_email(
        reader.email, "Digest", "…", kind="digest", unsubscribe_url=link, user=reader
    )
    db.session.commit()
    outbox.send_pending()
    (email,) = mailbox.to(reader.email)
    assert email["List-Unsubscribe"] == f"<{link}>"
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # What a mail client does with it (RFC 8058): a POST, no session, no CSRF token.
    path = link.removeprefix(app.config["PUBLIC_URL"])
    response = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    db.session.expire_all()
    assert follows.digest_frequency(reader) == "off"
    with pytest.raises(ValueError):  # a notification without the link is a bug
        queue_email(reader.email, "x", "y", kind="digest", user=reader)


def test_notifications_go_to_confirmed_accounts_only(db, mailbox, make_user):
    waiting = make_user(confirmed=False)
    link = unsubscribe_url(waiting.id, "digest")
    assert (
        queue_email(
            waiting.email, "D", "…", kind="digest", unsubscribe_url=link, user=waiting
        )
        is None
    )
    # Mail the person asked for still goes.
    assert queue_email(waiting.email, "Confirm", "…", kind="confirm") is not None


def test_starttls_and_a_login_as_a_city_relay_asks(app, db, tmp_path):
    relay = Mailbox(secure=True, certificates_dir=tmp_path)
    try:
        app.config.update(relay.config())
        _queue(db)
        assert outbox.send_pending().sent == 1
        assert len(relay.to("resident@example.org")) == 1
        # A wrong password is a temporary failure (the relay's settings get fixed).
        app.config["MAIL_PASSWORD"] = "wrong"
        second = _queue(db, to="other@example.org")
        batch = outbox.send_pending()
        assert (batch.sent, batch.retried) == (0, 1)
        db.session.refresh(second)
        assert second.last_error.startswith("535")
    finally:
        relay.stop()


def test_a_temporary_failure_is_retried_with_backoff_then_shown_to_admins(
    app, db, mailbox, client, login_as
):
    app.config["OUTBOX_MAX_ATTEMPTS"] = 3
    message = _queue(db)
    mailbox.fail_next(100)
    assert outbox.send_pending().retried == 1
    db.session.refresh(message)
    assert message.attempts == 1 and message.last_error.startswith("451")
    first_wait = message.next_attempt_at - utcnow()
    assert timedelta(seconds=55) < first_wait <= timedelta(seconds=60)
    assert outbox.send_pending().retried == 0  # not due yet: nothing is tried

    message.next_attempt_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    outbox.send_pending()
    db.session.refresh(message)
    second_wait = message.next_attempt_at - utcnow()
    assert timedelta(seconds=175) < second_wait <= timedelta(seconds=180)

    message.next_attempt_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert outbox.send_pending().failed == 1  # the last try
    db.session.refresh(message)
    assert message.failed_at is not None and message.sent_at is None
    assert mailbox.messages == []

    login_as("admin")
    page = client.get("/admin/outbox").get_data(as_text=True)
    assert "resident@example.org" in page and "451 4.3.0 Try again later" in page
    mailbox.fail_next(0)
    response = client.post_form(f"/admin/outbox/{message.id}/retry")
    assert response.status_code == 302
    assert outbox.send_pending().sent == 1
    assert len(mailbox.to("resident@example.org")) == 1
    assert "No email has failed." in client.get("/admin/outbox").get_data(as_text=True)
    # A message that is not failed cannot be "sent again".
    assert not outbox.retry(message.id)


def test_a_permanent_refusal_bounces_the_address_and_nothing_more_goes(
    app, db, mailbox
):
    mailbox.refuse("gone@example.org")
    message = _queue(db, to="gone@example.org")
    kept = _queue(db, to="here@example.org")
    batch = outbox.send_pending()
    assert (batch.sent, batch.failed, batch.retried) == (1, 1, 0)
    db.session.refresh(message)
    assert message.failed_at is not None and message.attempts == 1
    assert message.last_error.startswith("550")
    assert is_bounced("Gone@Example.org").reason.startswith("550 5.1.1")
    assert queue_email("gone@example.org", "Again", "…", kind="confirm") is None
    db.session.refresh(kept)
    assert kept.sent_at is not None


def test_two_senders_at_once_send_each_message_exactly_once(
    app, db, mailbox, shared_apps, tmp_path
):
    for n in range(40):
        queue_email(f"r{n}@example.org", f"Message {n}", "…", kind="confirm")
    db.session.commit()
    # Two separate processes' worth: each sender its own app, engine and session.
    senders = [
        make_app(
            app.config["SQLALCHEMY_DATABASE_URI"],
            tmp_path / f"sender{n}",
            **mailbox.config(),
        )
        for n in range(2)
    ]
    batches, errors = [], []
    start = threading.Barrier(2)

    def run(sender):
        try:
            with sender.app_context():
                start.wait()
                batches.append(outbox.send_pending(limit=100))
                from participation.extensions import db as sender_db

                sender_db.session.remove()
                sender_db.engine.dispose()
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=run, args=(s,)) for s in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    arrived = sorted(m["Subject"] for m in mailbox.messages)
    assert arrived == sorted(f"Message {n}" for n in range(40))
    assert sum(b.sent for b in batches) == 40
    db.session.expire_all()
    assert all(
        m.sent_at is not None and m.attempts == 1
        for m in db.session.scalars(select(OutboxMessage))
    )


def test_a_sender_that_died_mid_batch_leaves_its_claims_to_the_next(app, db, mailbox):
    taken = _queue(db, to="taken@example.org")
    # A sender claimed it, then died before sending (its claim still runs).
    taken.claimed_until, taken.attempts = utcnow() + timedelta(minutes=5), 1
    db.session.commit()
    assert outbox.send_pending().sent == 0
    taken.claimed_until = utcnow() - timedelta(seconds=1)  # the claim ran out
    db.session.commit()
    assert outbox.send_pending().sent == 1
    assert len(mailbox.to("taken@example.org")) == 1
