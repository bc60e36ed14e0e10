"""The city report in the browser: its opening paragraph, and a ladder chart whose
marks a keyboard reaches, hears named, and follows to the engagement's ladder page
(in English and in Arabic, right to left)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_issue_reporting import set_up_city
from tests.browser.test_languages import switch_to

pytestmark = pytest.mark.browser


def _engagements(live_server) -> list[int]:
    from datetime import UTC, datetime

    from participation.auth.models import User
    from participation.core.services import EngagementData
    from participation.extensions import db
    from participation.projects.planning import (
        ProjectData,
        create_engagement,
        create_project,
    )

    with live_server.app.app_context():
        planner = db.session.scalar(
            db.select(User).filter_by(email="planner@example.org")
        )
        project = create_project(
            planner, ProjectData(title="Riverside", summary="Paths.", theme="parks")
        )
        return [
            create_engagement(
                planner,
                project.id,
                EngagementData(
                    kind="meeting",
                    title=title,
                    opens_at=datetime(2026, 3, 1, tzinfo=UTC),
                    claimed_rung=claimed,
                ),
            ).id
            for title, claimed in (("Towpath walk", 6), ("Bridge café", 3))
        ]


def test_a_keyboard_reaches_names_and_follows_a_mark_of_the_ladder(live_server, page):
    set_up_city(live_server)
    walk, _cafe = _engagements(live_server)
    page.goto(f"{live_server.url}/report")
    expect(page.locator(".report-summary")).to_contain_text(
        "2 engagements have opened across the whole city so far."
    )
    marks = page.locator(".ladder-chart a")
    expect(marks).to_have_count(2)
    expect(
        page.get_by_role(
            "link", name=re.compile("^Towpath walk — claimed 6, evidenced")
        )
    ).to_have_count(1)
    assert_accessible(page)

    # From the last link before the chart, the Tab key lands on the first mark.
    page.get_by_role("link", name="Compare with other cities").focus()
    page.keyboard.press("Tab")
    first = marks.first
    expect(first).to_be_focused()
    label = first.get_attribute("aria-label")
    assert label.startswith("Towpath walk — claimed 6") or label.startswith(
        "Bridge café — claimed 3"
    )
    # The focus shows: the mark's ring takes the focus colour.
    ring = first.locator(".mark-evidenced")
    assert float(ring.evaluate("e => parseFloat(getComputedStyle(e).strokeWidth)")) > 3
    target = walk if label.startswith("Towpath") else _cafe
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/engagements/{target}/ladder$"))

    # Right to left: the marks are still named links, in reading order.
    page.goto(f"{live_server.url}/report")
    switch_to(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".ladder-chart a")).to_have_count(2)
    names = [m.get_attribute("aria-label") for m in marks.all()]
    assert all("—" in name for name in names)
    boxes = [m.bounding_box()["x"] for m in marks.all()]
    assert boxes[0] > boxes[1]  # the first mark sits further right
    assert_accessible(page)


def test_the_paragraph_and_method_note_fit_a_phone(live_server, page):
    set_up_city(live_server)
    _engagements(live_server)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/report")
    page.get_by_text("How these figures are made").click()  # open the note
    for part in (".report-summary", ".method-note"):
        box = page.locator(part).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, part
        assert page.locator(part).evaluate("e => e.scrollWidth <= e.clientWidth")
