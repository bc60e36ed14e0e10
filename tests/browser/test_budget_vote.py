"""Voting in a participatory budget in the browser: the running cost follows the
ticks, an over-budget ballot is refused with its reason, a valid one gets a receipt
that the receipt page confirms; axe-core on each page."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def set_up(live_server) -> tuple[int, int]:
    from participation.auth.administration import set_roles
    from participation.auth.services import register_user
    from participation.budgeting.models import Budget, BudgetProcess, Proposal
    from participation.extensions import db
    from participation.projects.planning import ProjectData, create_project
    from participation.types import utcnow

    with live_server.app.app_context():
        planner = register_user("planner@example.org", PASSWORD, confirmed=True)
        set_roles(None, planner.id, {"planner"})
        register_user("voter@example.org", PASSWORD, confirmed=True)
        project = create_project(
            planner, ProjectData(title="Our budget", summary="Decide.", theme="other")
        )
        now = utcnow()
        process = BudgetProcess(
            project_id=project.id,
            title="Neighbourhood budget",
            opens_at=now - timedelta(days=30),
            ideas_close_at=now - timedelta(days=20),
            voting_opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=10),
            claimed_rung=7,
            limit_to_budget=True,
        )
        process.budgets = [Budget(name="Whole city", amount=100_000)]
        db.session.add(process)
        db.session.flush()
        for title, cost in (
            ("Trees", 60_000),
            ("Benches", 30_000),
            ("Fountain", 20_000),
        ):
            db.session.add(
                Proposal(
                    budget_id=process.budgets[0].id,
                    title=title,
                    cost=cost,
                    verdict="feasible",
                    verdict_reason="Checked.",
                )
            )
        db.session.commit()
        return process.id, process.budgets[0].id


def test_vote_with_running_cost_and_check_the_receipt(live_server, page):
    process_id, budget_id = set_up(live_server)
    page.goto(live_server.url + "/signin")
    page.locator("#email").fill("voter@example.org")
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(f"{live_server.url}/budgets/{process_id}")
    assert_accessible(page)
    page.get_by_role("link", name="Vote in this budget").click()
    running = page.locator("[data-running=cost] output")
    expect(running).to_have_text("€0.00")
    page.get_by_label("Trees").check()
    page.get_by_label("Benches").check()
    expect(running).to_have_text("€90,000.00")
    page.get_by_label("Fountain").check()
    expect(page.locator(".running")).to_have_class("running over")
    assert_accessible(page)
    page.get_by_role("button", name="Cast my ballot").click()
    expect(page.get_by_role("alert")).to_contain_text("more than the budget")
    page.get_by_label("Trees").uncheck()
    page.get_by_role("button", name="Cast my ballot").click()
    notice = page.get_by_text("Your ballot is recorded. Your receipt code:")
    expect(notice).to_be_visible()
    code = notice.inner_text().rsplit(" ", 1)[-1]
    assert len(code) == 10
    page.goto(f"{live_server.url}/budgets/receipt")
    page.get_by_label("Receipt code").fill(code)
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("status")).to_contain_text("Your ballot is counted.")
    expect(page.get_by_role("status")).to_contain_text("Benches")
    assert_accessible(page)
    assert budget_id
