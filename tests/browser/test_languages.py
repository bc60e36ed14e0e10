"""Every shipped locale in the browser: Arabic right to left, the switcher everywhere."""

import re

import pytest
from playwright.sync_api import expect

from participation.config import Defaults
from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def make_project(live_server, **fields):
    from participation.auth.administration import set_roles
    from participation.auth.services import register_user
    from participation.projects.planning import ProjectData, create_project

    with live_server.app.app_context():
        planner = register_user(
            "planner@example.org", "correct horse battery", confirmed=True
        )
        set_roles(None, planner.id, {"planner"})
        data = {
            "title": "Parque del río",
            "summary": "Más sombra junto al río.",
            "theme": "parks",
            "language": "es",
            **fields,
        }
        return create_project(planner, ProjectData(**data)).id


def switch_to(page, code: str) -> None:
    page.locator("#language-select").select_option(code)
    page.locator(".language-switcher button").click()


def test_arabic_pages_run_right_to_left_and_the_switcher_works(live_server, page):
    project_id = make_project(live_server)
    page.goto(live_server.url + "/")
    switch_to(page, "ar")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The layout mirrors: the city's name sits at the right, the switcher at the left.
    width = page.viewport_size["width"]
    brand = page.locator(".brand").bounding_box()
    switcher = page.locator(".language-switcher").bounding_box()
    assert brand["x"] > width / 2 > switcher["x"]
    expect(page.locator(".main-nav")).to_contain_text("المشاريع")
    assert_accessible(page)

    # Content written in Spanish keeps its own language and direction inside the page.
    page.goto(f"{live_server.url}/projects/{project_id}")
    title = page.locator("h1 [lang=es]")
    expect(title).to_have_text("Parque del río")
    expect(title).to_have_attribute("dir", "ltr")
    assert_accessible(page)

    # And back to English from the Arabic page.
    switch_to(page, "en")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page).to_have_url(re.compile(rf"/projects/{project_id}$"))
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] < width / 2


def make_engagements(live_server, project_id: int) -> tuple[int, int]:
    """A consultation with a survey and a text, and a budget with a proposal."""
    from datetime import UTC, datetime

    from participation.auth.models import User
    from participation.budgeting.models import Budget, BudgetProcess, Proposal
    from participation.consultations import comments, services, survey
    from participation.extensions import db

    with live_server.app.app_context():
        planner = db.session.scalars(db.select(User)).first()
        consultation = services.create_consultation(
            planner,
            project_id,
            services.ConsultationData(
                title="¿Dónde plantamos?",
                opens_at=datetime(2026, 1, 1, tzinfo=UTC),
                claimed_rung=4,
                language="es",
            ),
        )
        for data in (
            survey.QuestionData("single", "¿Qué zona?", options=["Norte", "Sur"]),
            survey.QuestionData("scale", "¿Cuánto?", scale=(1, 5)),
            survey.QuestionData("ranking", "Ordena", options=["A", "B"]),
        ):
            survey.add_question(planner, consultation.id, data)
        comments.add_section(planner, consultation.id, "El plan", "Cien árboles.")
        process = BudgetProcess(
            project_id=project_id,
            title="Presupuesto del barrio",
            opens_at=datetime(2026, 1, 1, tzinfo=UTC),
            closes_at=datetime(2027, 1, 1, tzinfo=UTC),
            claimed_rung=7,
            language="es",
        )
        process.budgets = [Budget(name="Ciudad", amount=100_000)]
        db.session.add(process)
        db.session.flush()
        db.session.add(
            Proposal(
                budget_id=process.budgets[0].id,
                title="Bancos",
                cost=5_000,
                language="es",
                verdict="feasible",
                verdict_reason="Viable.",
                lat=52.84,
                lon=-7.39,
            )
        )
        db.session.commit()
        return consultation.id, process.id


def staff_pages(project_id: int, process_id: int) -> list[str]:
    """The planners' pages of a budget, and the proposal pages residents use."""
    from participation.budgeting.models import Budget, Proposal
    from participation.extensions import db

    budget = db.session.scalars(
        db.select(Budget).where(Budget.process_id == process_id)
    ).one()
    proposal = db.session.scalars(
        db.select(Proposal).where(Proposal.budget_id == budget.id)
    ).one()
    from participation.projects.models import ProjectQuestion, ProjectUpdate

    update = ProjectUpdate(
        project_id=project_id,
        title="Obras",
        body="Empiezan el **lunes**.",
        language="es",
    )
    question = ProjectQuestion(project_id=project_id, body="¿Cuándo?", language="es")
    db.session.add_all([update, question])
    db.session.commit()
    return [
        f"/updates/{update.id}",
        f"/questions/{question.id}/answer",
        f"/projects/{project_id}/updates/new",
        f"/projects/{project_id}/decisions/new",
        f"/projects/{project_id}/milestones/new",
        "/projects/nudges",
        "/notifications",
        f"/budgets/proposals/{proposal.id}",
        f"/budgets/{process_id}/propose",
        f"/budgets/{process_id}/manage",
        f"/budgets/{process_id}/edit",
        f"/budgets/{process_id}/review",
        f"/budgets/{process_id}/paper/{budget.id}",
        f"/budgets/{process_id}/delivery",
        f"/projects/{project_id}/budgets/new",
        f"/projects/{project_id}/budgets/import",
        "/admin/districts?email=planner@example.org",
    ]


@pytest.mark.parametrize("code", Defaults.LOCALES)
def test_every_locale_renders_its_pages_accessibly(live_server, page, code):
    project_id = make_project(live_server)
    consultation_id, process_id = make_engagements(live_server, project_id)
    page.goto(live_server.url + "/")
    switch_to(page, code)
    expect(page.locator("html")).to_have_attribute("lang", code)
    for path in (
        "/",
        f"/projects/{project_id}",
        f"/consultations/{consultation_id}",
        f"/budgets/{process_id}",
        "/budgets/receipt?code=NOPE",
        "/districts",
        "/themes/mobility",
        "/report",
        "/report/behind?figure=over_claim",
        f"/engagements/{consultation_id}/ladder",
        "/signup",
        "/signin",
    ):
        page.goto(live_server.url + path)
        expect(page.locator("html")).to_have_attribute("lang", code)
        assert_accessible(page)
    # Signed in as the planner (the chosen language stays with the browser).
    page.goto(live_server.url + "/signin")
    page.locator("#email").fill("planner@example.org")
    page.locator("#password").fill("correct horse battery")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("form[action='/signout']")).to_have_count(1)
    with live_server.app.app_context():
        paths = staff_pages(project_id, process_id)
    for path in paths:
        page.goto(live_server.url + path)
        assert page.url == live_server.url + path  # not sent to sign in
        expect(page.locator("html")).to_have_attribute("lang", code)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page)
