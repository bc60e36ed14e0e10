"""The foundation end to end in a real browser: sign up, switch to Spanish, sign in as a
planner and create a project; axe-core on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

PLANNER_EMAIL = "planner@example.org"


def create_planner(live_server) -> None:
    from participation.auth.administration import set_roles
    from participation.auth.services import register_user

    with live_server.app.app_context():
        user = register_user(PLANNER_EMAIL, PASSWORD, confirmed=True)
        set_roles(None, user.id, {"planner"})


def submit(page) -> None:
    """Press the submit button of the page's form (in main, not the header's)."""
    page.locator("main form button[type=submit]").click()


def test_visitor_signs_up_switches_to_spanish_and_a_planner_creates_a_project(
    live_server, page
):
    create_planner(live_server)

    # A visitor on the home page, in English (the browser asks for it).
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Projects in")
    assert_accessible(page)

    # Sign up.
    page.locator(".main-nav").get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")
    assert_accessible(page)
    page.get_by_label("Email address").fill("resident@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    submit(page)
    # Signed in, the address still to confirm (the same page as for a taken address).
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    expect(page.get_by_role("link", name="My account")).to_be_visible()
    assert_accessible(page)

    # Switch the interface to Spanish with the header's switcher.
    page.locator("#language-select").select_option(label="Español")
    page.locator(".language-switcher").get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator(".main-nav")).to_contain_text("Proyectos")
    assert_accessible(page)

    # Sign out, and sign in as the planner (the language cookie stays).
    page.locator("form[action='/signout'] button").click()
    expect(
        page.locator(".main-nav").get_by_role("link", name="Iniciar sesión")
    ).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_accessible(page)
    page.locator(".main-nav").get_by_role("link", name="Iniciar sesión").click()
    expect(page).to_have_url(re.compile(r"/signin$"))
    assert_accessible(page)
    page.locator("#email").fill(PLANNER_EMAIL)
    page.locator("#password").fill(PASSWORD)
    submit(page)
    nav_new_project = page.locator(".main-nav").get_by_role(
        "link", name="Nuevo proyecto"
    )
    expect(nav_new_project).to_be_visible()
    assert_accessible(page)

    # New project: an empty form first, then a complete one.
    nav_new_project.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nuevo proyecto")
    assert_accessible(page)
    page.get_by_role("button", name="Crear proyecto").click()
    title = page.locator("#title")
    expect(page.locator("#title-error")).to_have_text(
        re.compile(r"^\s*Este campo es obligatorio\.\s*$")
    )
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_have_attribute("aria-describedby", re.compile(r"\btitle-error\b"))
    # The message sits in the title's own field, just before the input.
    expect(page.locator(".field-invalid", has=title).locator(".error")).to_have_count(1)
    assert_accessible(page)

    title.fill("Safer crossings near schools")
    page.locator("#summary").fill(
        "Raised crossings and slower traffic by three schools."
    )
    page.locator("#theme").select_option("mobility")
    page.get_by_role("button", name="Crear proyecto").click()
    expect(page).to_have_url(re.compile(r"/projects/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Safer crossings near schools"
    )
    assert_accessible(page)


def test_keyboard_user_reaches_the_skip_link_first_and_it_moves_focus_to_main(
    live_server, page
):
    page.goto(live_server.url + "/")
    assert_accessible(page)
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Skip to main content")
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    expect(page).to_have_url(re.compile(r"#main$"))
