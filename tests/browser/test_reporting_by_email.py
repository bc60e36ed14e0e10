"""A visitor reports without an account: the report waits, the email read from the
test SMTP server publishes it, and the visitor is signed in to their new account."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    assert_accessible,
    choose_language,
    send_outbox,
)
from tests.browser.test_issue_reporting import set_up_city
from tests.mailbox import text_of

pytestmark = pytest.mark.browser

VISITOR = "passer-by@example.org"
PUBLISH_LINK = re.compile(r"https?://\S+/publish/\S+")
# The Arabic emails (translations/ar): "Confirm your report" and "has been received".
CONFIRM_SUBJECT = {"en": "Confirm your report", "ar": "أكّد بلاغك"}
CHECK_INBOX = {"en": "Check your inbox", "ar": "تحقّق من بريدك الوارد"}
RECEIVED_SUBJECT = {"en": "has been received", "ar": "تم استلام بلاغك"}


@pytest.mark.parametrize("code", ["en", "ar"])
def test_a_visitor_reports_and_publishes_by_the_emailed_link(
    live_server, live_mail, page, browser, code
):
    set_up_city(live_server)
    choose_language(page, live_server.url, code)
    expect(page.locator("html")).to_have_attribute(
        "dir", "rtl" if code == "ar" else "ltr"
    )

    page.goto(live_server.url + "/reports/new")
    assert_accessible(page)
    # The place typed, no pointer needed (the map follows the coordinates).
    page.locator("#lat").fill("52.841")
    page.locator("#lon").fill("-7.387")
    page.locator("#lon").press("Tab")
    expect(page.locator("#pick-map .leaflet-marker-icon")).to_have_count(1)
    page.locator("#category_id").select_option(label="Street light not working")
    page.locator("#title").fill("Lamp out by the bridge")
    page.locator("#description").fill("Dark since Monday, by the north end.")
    page.locator("#email").fill(VISITOR)
    page.locator("#display_name").fill("Aoife")
    page.locator("main form.stack button[type=submit]").click()
    # The report waits: the page says to check the inbox, nobody sees it yet.
    expect(page.locator("h1")).to_have_text(CHECK_INBOX[code])
    expect(page.locator("main form")).to_have_count(0)
    assert_accessible(page)
    page.goto(live_server.url + "/reports")
    expect(page.locator("main")).not_to_contain_text("Lamp out by the bridge")

    send_outbox(live_server)
    [email] = live_mail.to(VISITOR)
    assert email["Content-Language"] == code
    assert CONFIRM_SUBJECT[code] in email["Subject"]
    assert "Lamp out by the bridge" in email["Subject"]
    body = text_of(email)
    link = PUBLISH_LINK.search(body).group(0)
    assert link.startswith(live_server.url + "/")

    page.goto(link)
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+$"))
    report_url = page.url
    expect(page.locator("h1")).to_contain_text("Lamp out by the bridge")
    expect(page.locator("html")).to_have_attribute("lang", code)
    # Signed in to the account the link made: the sign-out button is there.
    expect(page.locator("form[action='/signout'] button")).to_have_count(1)
    assert_accessible(page)

    # Public now: a stranger (no cookies) sees the page and the report in the list.
    stranger = browser.new_context(locale="en-GB")
    try:
        other = stranger.new_page()
        response = other.goto(report_url)
        assert response.status == 200
        expect(other.locator("h1")).to_contain_text("Lamp out by the bridge")
        other.goto(live_server.url + "/reports")
        expect(other.locator("main")).to_contain_text("Lamp out by the bridge")
    finally:
        stranger.close()

    # The link spent: following it again is refused.
    page.goto(link)
    expect(page.locator("main form button[type=submit]")).to_have_count(0)

    # And the "report received" email, in the visitor's language.
    send_outbox(live_server)
    emails = live_mail.to(VISITOR)
    assert len(emails) == 2
    received = emails[1]
    assert received["Content-Language"] == code
    assert RECEIVED_SUBJECT[code] in received["Subject"]
    assert report_url in text_of(received)
