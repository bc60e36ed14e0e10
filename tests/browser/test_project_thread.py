"""A resident follows a project, is told when a planner posts an update, asks a
question on it and reads the city's public answer."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS, assert_accessible
from tests.browser.test_issue_reporting import set_up_city, sign_in

pytestmark = pytest.mark.browser


def _project(live_server) -> int:
    from participation.auth.models import User
    from participation.core.models import District
    from participation.extensions import db
    from participation.projects.planning import ProjectData, create_project

    with live_server.app.app_context():
        planner = db.session.scalar(
            db.select(User).filter_by(email="planner@example.org")
        )
        district = db.session.scalar(db.select(District))
        project = create_project(
            planner,
            ProjectData(
                title="Safer crossings on Mill Lane",
                summary="Two new crossings near the school.",
                theme="mobility",
                district_id=district.id,
            ),
        )
        return project.id


def test_follow_get_notified_ask_and_read_the_answer(live_server, browser, page):
    set_up_city(live_server)
    project_id = _project(live_server)
    project_url = f"{live_server.url}/projects/{project_id}"

    # The resident follows the project.
    sign_in(page, live_server.url, "resident@example.org")
    page.goto(project_url)
    assert_accessible(page)
    expect(page.get_by_role("heading", name="What's the status?")).to_be_visible()
    page.get_by_role("button", name=re.compile("^Follow")).click()
    expect(page.get_by_role("button", name=re.compile("^Following"))).to_be_visible()

    # A planner, in another browser, posts an update.
    planner_context = browser.new_context(locale="en-GB")
    planner_context.set_default_timeout(TIMEOUT_MS)
    planner = planner_context.new_page()
    sign_in(planner, live_server.url, "planner@example.org")
    planner.goto(project_url)
    planner.get_by_role("link", name="Post an update").click()
    assert_accessible(planner)
    planner.get_by_label("Title").fill("Crossing works start on Monday")
    planner.get_by_label("Update", exact=True).fill("Crews arrive at **7 am**.")
    planner.get_by_role("button", name="Publish").click()
    expect(planner.locator(".flash-success")).to_contain_text("followers are told")

    # The resident sees the notification and opens the update.
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Notifications (1 new)").click()
    assert_accessible(page)
    stop = page.get_by_role("button", name=re.compile("^Stop following"))
    # A button styled as a link must not be white on the white page.
    assert stop.evaluate("e => getComputedStyle(e).color") != "rgb(255, 255, 255)"
    page.get_by_role("link", name="Crossing works start on Monday").click()
    expect(page).to_have_url(re.compile(r"/updates/\d+$"))
    expect(page.locator("main strong", has_text="7 am")).to_be_visible()
    assert_accessible(page)

    # … and asks a question on it.
    page.get_by_label("Your question or comment").fill("Will the bus stop move?")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".flash-success")).to_contain_text("The city answers in public")
    expect(page.locator(".waiting")).to_contain_text("Not answered yet")
    update_url = page.url.split("#")[0]

    # The planner answers in public.
    planner.goto(update_url)
    planner.get_by_role("link", name="Answer in public").click()
    assert_accessible(planner)
    planner.get_by_label("Public answer").fill("No, it stays by the library.")
    planner.get_by_role("button", name="Publish the answer").click()
    expect(planner.locator(".official-reply")).to_contain_text("stays by the library")
    planner_context.close()

    # The resident is told, and reads the answer.
    page.goto(live_server.url + "/notifications")
    page.get_by_role("link", name=re.compile("The city answered your question")).click()
    expect(page.locator(".official-reply")).to_contain_text(
        "No, it stays by the library."
    )
    expect(page.locator(".waiting")).to_have_count(0)
    page.goto(project_url)
    expect(page.locator(".timeline")).to_contain_text("Crossing works start on Monday")
    assert_accessible(page)


def test_district_theme_and_nudge_pages_are_accessible(live_server, page):
    set_up_city(live_server)
    _project(live_server)
    page.goto(live_server.url + "/districts")
    assert_accessible(page)
    page.get_by_role("link", name="Old Quays").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Old Quays")
    assert_accessible(page)
    page.goto(live_server.url + "/themes/mobility")
    assert_accessible(page)
    sign_in(page, live_server.url, "planner@example.org")
    page.goto(live_server.url + "/projects/nudges")
    assert_accessible(page)
