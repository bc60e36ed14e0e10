"""An evaluator opens the review queue, reads an engagement's trace and records
another rung with a reason; the public ladder page shows it beside the others."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_issue_reporting import set_up_city, sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _engagement(live_server) -> int:
    from datetime import UTC, datetime

    from participation.auth.administration import set_roles
    from participation.auth.models import User
    from participation.auth.services import register_user
    from participation.core.services import EngagementData
    from participation.extensions import db
    from participation.ladder.planners_facts import FactData, record_fact
    from participation.projects.planning import (
        ProjectData,
        create_engagement,
        create_project,
    )

    with live_server.app.app_context():
        planner = db.session.scalar(
            db.select(User).filter_by(email="planner@example.org")
        )
        evaluator = register_user("evaluator@example.org", PASSWORD, confirmed=True)
        set_roles(None, evaluator.id, {"evaluator"})
        project = create_project(
            planner,
            ProjectData(title="Heat pumps", summary="Retrofit.", theme="housing"),
        )
        engagement = create_engagement(
            planner,
            project.id,
            EngagementData(
                kind="meeting",
                title="Coaching sessions for tenants",
                opens_at=datetime(2026, 3, 1, tzinfo=UTC),
                claimed_rung=4,
            ),
        )
        record_fact(
            planner,
            engagement.id,
            FactData("purpose_persuasion", True, "documented", "Coaching brief"),
        )
        return engagement.id


def test_an_evaluator_reviews_an_engagement(live_server, page):
    set_up_city(live_server)
    engagement_id = _engagement(live_server)
    sign_in(page, live_server.url, "evaluator@example.org")
    page.get_by_role("link", name="Engagements to review").click()
    assert_accessible(page)
    row = page.get_by_role("row", name=re.compile("Coaching sessions"))
    expect(row).to_contain_text("candidate for rung 1 or 2")
    row.get_by_role("link").click()
    expect(page.locator(".trace")).to_contain_text("Candidate for 2 Therapy")
    assert_accessible(page)
    page.get_by_label("The rung the evidence supports").select_option("2")
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator(".form-errors, .error").first).to_be_visible()
    page.get_by_label("Reason").fill("The sessions aim to change tenants' habits.")
    page.get_by_role("button", name="Record the review").click()
    expect(page.locator(".flash-success")).to_contain_text("Review recorded")

    page.goto(f"{live_server.url}/engagements/{engagement_id}/ladder")
    box = page.locator(".ladder-box")
    expect(box).to_contain_text("The city claims:")
    expect(box).to_contain_text("The evidence supports:")
    expect(box).to_contain_text("An evaluator found:")
    expect(page.locator("#reviews + ol")).to_contain_text("change tenants' habits")
    assert_accessible(page)
