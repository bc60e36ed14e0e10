"""A resident who forgot their password sets a new one through the emailed link read
from the test SMTP server; the old password stops working."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, choose_language, send_outbox
from tests.browser.test_issue_reporting import set_up_city
from tests.conftest import PASSWORD
from tests.mailbox import text_of

pytestmark = pytest.mark.browser

RESIDENT = "resident@example.org"
NEW_PASSWORD = "a new lamp by the old bridge"
RESET_LINK = re.compile(r"https?://\S+/password/reset/\S+")
# translations/ar: "Check your inbox", "Set a new password".
CHECK_INBOX = {"en": "Check your inbox", "ar": "تحقّق من بريدك الوارد"}
SUBJECT = {"en": "Set a new password", "ar": "تعيين كلمة مرور جديدة"}


def sign_in(page, url: str, password: str) -> None:
    page.goto(url + "/signin")
    page.locator("#email").fill(RESIDENT)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()


def signed_in(page):
    return page.locator("form[action='/signout'] button")


@pytest.mark.parametrize("code", ["en", "ar"])
def test_a_forgotten_password_is_reset_by_the_emailed_link(
    live_server, live_mail, page, code
):
    set_up_city(live_server)  # the account of RESIDENT exists, confirmed
    choose_language(page, live_server.url, code)

    page.goto(live_server.url + "/signin")
    assert_accessible(page)
    page.locator("main a[href='/password/forgot']").click()
    expect(page).to_have_url(re.compile(r"/password/forgot$"))
    assert_accessible(page)
    page.locator("#email").fill(RESIDENT)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(CHECK_INBOX[code])
    assert_accessible(page)

    send_outbox(live_server)
    [email] = live_mail.to(RESIDENT)
    assert email["Content-Language"] == code
    assert email["Subject"] == SUBJECT[code]
    link = RESET_LINK.search(text_of(email)).group(0)
    assert link.startswith(live_server.url + "/")

    page.goto(link)
    expect(page.locator("html")).to_have_attribute(
        "dir", "rtl" if code == "ar" else "ltr"
    )
    assert_accessible(page)
    page.locator("#new_password").fill(NEW_PASSWORD)
    page.locator("#confirm").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/account$"))
    expect(signed_in(page)).to_have_count(1)
    assert_accessible(page)

    # The link works once.
    page.goto(link)
    expect(page.locator("#new_password")).to_have_count(0)

    signed_in(page).click()
    expect(signed_in(page)).to_have_count(0)
    sign_in(page, live_server.url, PASSWORD)
    expect(page).to_have_url(re.compile(r"/signin"))
    expect(signed_in(page)).to_have_count(0)
    sign_in(page, live_server.url, NEW_PASSWORD)
    expect(signed_in(page)).to_have_count(1)
