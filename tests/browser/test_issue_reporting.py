"""A resident drops a pin and reports; the report is on the map; staff answers it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def set_up_city(live_server):
    from participation.auth.administration import set_roles
    from participation.auth.services import register_user
    from participation.core.models import City, District
    from participation.extensions import db
    from participation.issues.models import Category, Department

    with live_server.app.app_context():
        db.session.add(
            City(
                name="Riverford",
                timezone="Europe/Dublin",
                default_locale="en",
                south=52.80,
                west=-7.45,
                north=52.88,
                east=-7.33,
            )
        )
        ring = [
            [-7.45, 52.80],
            [-7.33, 52.80],
            [-7.33, 52.88],
            [-7.45, 52.88],
            [-7.45, 52.80],
        ]
        db.session.add(
            District(
                name="Old Quays",
                population=20000,
                boundary={"type": "Polygon", "coordinates": [ring]},
            )
        )
        db.session.add(
            Category(
                code="streetlight",
                name="Street light not working",
                department=Department(name="Roads and Lighting"),
            )
        )
        db.session.commit()
        register_user("resident@example.org", PASSWORD, confirmed=True)
        planner = register_user("planner@example.org", PASSWORD, confirmed=True)
        set_roles(None, planner.id, {"planner"})


def sign_in(page, url, email):
    page.goto(url + "/signin")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_drop_a_pin_report_see_it_on_the_map_and_staff_answers(live_server, page):
    set_up_city(live_server)
    sign_in(page, live_server.url, "resident@example.org")
    page.goto(live_server.url + "/reports/new")
    assert_accessible(page)
    picker = page.locator("#pick-map")
    box = picker.bounding_box()
    # The map opens on the city's bounds: its centre is inside the city.
    picker.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    expect(page.locator("#lat")).not_to_have_value("")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    page.locator("#category_id").select_option(label="Street light not working")
    page.locator("#title").fill("Lamp out by the bridge")
    page.locator("main form.stack button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+$"))
    expect(page.locator("h1")).to_contain_text("Lamp out by the bridge")
    expect(page.locator(".facts")).to_contain_text("Old Quays")
    report_url = page.url
    assert_accessible(page)

    page.goto(live_server.url + "/reports")
    expect(page.locator("#reports-map")).to_have_attribute("data-loaded", "1")
    expect(page.locator("#reports-map .leaflet-marker-icon")).to_have_count(1)
    assert_accessible(page)

    page.locator("form[action='/signout'] button").click()
    sign_in(page, live_server.url, "planner@example.org")
    page.goto(report_url)
    page.locator("#status").select_option("acknowledged")
    page.locator("#note").fill("A crew will replace the lamp on Thursday.")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".history")).to_contain_text("A crew will replace the lamp")
    expect(page.locator(".facts")).to_contain_text("Acknowledged")
    assert_accessible(page)

    # The reporter is told, in the app.
    page.locator("form[action='/signout'] button").click()
    sign_in(page, live_server.url, "resident@example.org")
    notifications = page.locator(".main-nav").get_by_role(
        "link", name="Notifications (1 new)"
    )
    expect(notifications).to_be_visible()
    notifications.click()
    expect(page.locator(".notifications")).to_contain_text(
        "A crew will replace the lamp"
    )
    assert_accessible(page)


def test_without_a_pointer_the_place_can_be_typed(live_server, page):
    set_up_city(live_server)
    sign_in(page, live_server.url, "resident@example.org")
    page.goto(live_server.url + "/reports/new")
    page.locator("#category_id").select_option(label="Street light not working")
    page.locator("#title").fill("Lamp out")
    page.locator("#lat").fill("52.841")
    page.locator("#lon").fill("-7.387")
    page.locator("#lon").press("Tab")
    expect(page.locator("#pick-map .leaflet-marker-icon")).to_have_count(1)
    page.locator("main form.stack button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+$"))
