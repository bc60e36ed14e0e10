"""A consultation end to end in a real browser: a planner sets it up and opens it, two
residents (one in English, one in Spanish) answer and comment, the planner closes it,
answers an input, publishes the results and "what we heard, what we did"; axe-core on
the main pages visited."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

PLANNER_EMAIL = "planner@example.org"
RESIDENT_A = "resident-a@example.org"
RESIDENT_B = "resident-b@example.org"
PROJECT_TITLE = "Safer crossings near schools"
TITLE = "Which crossing first?"
QUESTION = "Which crossing should be raised first?"
OPTIONS = ("Mill Street", "Church Lane")
FREE_TEXT = "Anything else we should know?"
SECTION_HEADING = "Traffic calming plan"
SECTION_BODY = "We plan to raise the crossings and lower the speed limit to 30 km/h."
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


def set_up(live_server) -> int:
    """A planner with a project, and two residents; returns the project's id."""
    from participation.auth.administration import set_roles
    from participation.auth.services import register_user
    from participation.projects.planning import ProjectData, create_project

    with live_server.app.app_context():
        planner = register_user(PLANNER_EMAIL, PASSWORD, confirmed=True)
        set_roles(None, planner.id, {"planner"})
        register_user(RESIDENT_A, PASSWORD, confirmed=True)
        register_user(RESIDENT_B, PASSWORD, confirmed=True)
        project = create_project(
            planner,
            ProjectData(
                title=PROJECT_TITLE,
                summary="Raised crossings and slower traffic by three schools.",
                theme="mobility",
            ),
        )
        return project.id


def city_time(live_server, delta: timedelta = timedelta()) -> str:
    """Now (plus `delta`) on the city's wall clock, as a datetime-local value."""
    timezone = ZoneInfo(live_server.app.config["CITY_TIMEZONE"])
    return (datetime.now(timezone) + delta).strftime(DATETIME_LOCAL)


def sign_in(page, url, email):
    page.goto(url + "/signin")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("form[action='/signout'] button")).to_be_visible()


def sign_out(page):
    page.locator("form[action='/signout'] button").click()
    expect(page.locator("form[action='/signout'] button")).to_have_count(0)


def switch_to(page, code: str) -> None:
    page.locator("#language-select").select_option(code)
    page.locator(".language-switcher button").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def flash(page):
    return page.locator(".flashes")


def create_consultation(page, live_server, project_id) -> str:
    """The planner creates the consultation from the project page; returns the
    manage page's URL."""
    page.goto(f"{live_server.url}/projects/{project_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT_TITLE)
    page.get_by_role("link", name="New consultation").click()
    expect(page).to_have_url(re.compile(rf"/projects/{project_id}/consultations/new$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("New consultation")
    assert_accessible(page)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Purpose").fill("Help us choose which crossing to raise first.")
    page.locator("#audience").select_option(label="Signed-in residents")
    page.locator("#opens_at").fill(city_time(live_server, timedelta(days=1)))
    page.locator("#closes_at").fill(city_time(live_server, timedelta(days=30)))
    page.locator("#claimed_rung").select_option("5")
    page.locator("#commitment").select_option(
        label="The city commits to respond to every input"
    )
    page.locator("#commitment_url").fill("https://example.org/council/resolution-12")
    page.get_by_role("button", name="Create the consultation").click()
    expect(page).to_have_url(re.compile(r"/consultations/\d+/manage$"))
    expect(flash(page)).to_contain_text("Consultation created")
    expect(page.get_by_role("heading", level=1)).to_have_text("Manage the consultation")
    return page.url


def build_survey_and_text(page):
    """On the manage page: a required single choice, a free text, a section."""
    page.locator("#kind").select_option("single")
    page.locator("#prompt").fill(QUESTION)
    page.locator("#required").check()
    page.locator("#options").fill("\n".join(OPTIONS))
    page.get_by_role("button", name="Add the question").click()
    expect(flash(page)).to_contain_text("Question added.")
    page.locator("#kind").select_option("text")
    page.locator("#prompt").fill(FREE_TEXT)
    page.get_by_role("button", name="Add the question").click()
    expect(flash(page)).to_contain_text("Question added.")
    questions = page.locator("section[aria-labelledby=questions-heading] .manage-list")
    expect(questions.locator("> li")).to_have_count(2)
    expect(questions).to_contain_text(QUESTION)
    expect(questions).to_contain_text(FREE_TEXT)

    page.locator("#heading").fill(SECTION_HEADING)
    page.locator("#body").fill(SECTION_BODY)
    page.get_by_role("button", name="Add the section").click()
    expect(flash(page)).to_contain_text("Section added.")
    expect(
        page.locator("section[aria-labelledby=sections-heading] .manage-list")
    ).to_contain_text(SECTION_HEADING)
    assert_accessible(page)


def survey_form(page):
    return page.locator("#survey form")


def test_a_planner_runs_a_consultation_residents_answer_and_the_city_reports(
    live_server, page
):
    project_id = set_up(live_server)
    base = live_server.url

    # The planner sets the consultation up, previews the survey and opens it.
    sign_in(page, base, PLANNER_EMAIL)
    manage_url = create_consultation(page, live_server, project_id)
    consultation_url = manage_url.removesuffix("/manage")
    build_survey_and_text(page)

    page.get_by_role("link", name="Preview the survey").click()
    expect(page).to_have_url(re.compile(r"/consultations/\d+/preview$"))
    legends = page.locator("fieldset.question legend")
    expect(legends).to_have_count(2)
    expect(legends.nth(0)).to_contain_text(QUESTION)
    expect(legends.nth(0)).to_contain_text("(required)")
    expect(legends.nth(1)).to_contain_text(FREE_TEXT)
    for option in OPTIONS:
        expect(page.get_by_label(option)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Back to managing").click()
    expect(page).to_have_url(manage_url)

    page.get_by_role("button", name="Open now").click()
    expect(flash(page)).to_contain_text("The consultation is open.")
    expect(page.get_by_role("button", name="Close now")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # Resident A, in English, answers, comments, then changes an answer.
    sign_in(page, base, RESIDENT_A)
    page.goto(consultation_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".facts").first).to_contain_text("Open")
    expect(page.locator(".facts").first).to_contain_text(
        "The city commits to respond to every input"
    )
    assert_accessible(page)
    form = survey_form(page)
    form.get_by_label(OPTIONS[0]).check()
    form.get_by_label(FREE_TEXT).fill("Cars speed past the bakery every morning.")
    form.get_by_role("button", name="Send my answers").click()
    expect(flash(page)).to_contain_text("Thank you: your answers have been recorded.")
    expect(page.locator("#survey .notice")).to_contain_text("You answered on")
    form = survey_form(page)
    expect(form.get_by_label(OPTIONS[0])).to_be_checked()
    expect(form.get_by_label(FREE_TEXT)).to_have_value(
        "Cars speed past the bakery every morning."
    )
    expect(form.get_by_role("button", name="Update my answers")).to_be_visible()

    section = page.locator("article.section")
    section.get_by_label("Your comment").fill("Please add a crossing guard too.")
    section.get_by_role("button", name="Publish my comment").click()
    expect(flash(page)).to_contain_text("Your comment has been published.")
    expect(page.locator("article.section .comments")).to_contain_text(
        "Please add a crossing guard too."
    )
    assert_accessible(page)

    form = survey_form(page)
    form.get_by_label(OPTIONS[1]).check()
    form.get_by_label(FREE_TEXT).fill("Cars speed past the bakery at 8 o'clock.")
    form.get_by_role("button", name="Update my answers").click()
    expect(flash(page)).to_contain_text("Your answers have been updated.")
    form = survey_form(page)
    expect(form.get_by_label(OPTIONS[1])).to_be_checked()
    expect(form.get_by_label(OPTIONS[0])).not_to_be_checked()
    expect(form.get_by_label(FREE_TEXT)).to_have_value(
        "Cars speed past the bakery at 8 o'clock."
    )
    sign_out(page)

    # Resident B answers with the interface in Spanish (no Spanish wording checked:
    # translations change; the page's language, roles and B's own text are stable).
    sign_in(page, base, RESIDENT_B)
    switch_to(page, "es")
    page.goto(consultation_url)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_accessible(page)
    questions = page.locator("#survey fieldset.question")
    expect(questions).to_have_count(2)
    questions.nth(0).get_by_role("radio").first.check()
    spanish_text = "Los coches van muy rápido delante del colegio."
    questions.nth(1).get_by_role("textbox").fill(spanish_text)
    survey_form(page).locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(consultation_url)}#survey$"))
    expect(page.locator(".flashes .flash-success")).to_have_count(1)
    questions = page.locator("#survey fieldset.question")
    expect(questions.nth(0).get_by_role("radio").first).to_be_checked()
    expect(questions.nth(1).get_by_role("textbox")).to_have_value(spanish_text)
    expect(survey_form(page).locator("select[name=language]")).to_have_value("es")
    assert_accessible(page)
    sign_out(page)
    switch_to(page, "en")

    # The planner closes the consultation and answers one input.
    sign_in(page, base, PLANNER_EMAIL)
    page.goto(manage_url)
    expect(page.locator("main")).to_contain_text("2 responses")
    expect(page.locator("main")).to_contain_text("1 comment")
    page.get_by_label("Reason, shown to residents").fill(
        "Enough answers came in to decide before the summer works."
    )
    page.get_by_role("button", name="Close now").click()
    expect(flash(page)).to_contain_text("The consultation is closed.")
    expect(page).to_have_url(manage_url)
    expect(page.get_by_role("button", name="Close now")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Read and answer inputs").click()
    expect(page).to_have_url(re.compile(r"/consultations/\d+/inputs$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Inputs")
    responses = page.locator("section[aria-labelledby=responses-heading] > ol > li")
    expect(responses).to_have_count(2)
    expect(page.locator("section[aria-labelledby=comments-heading]")).to_contain_text(
        "Please add a crossing guard too."
    )
    assert_accessible(page)
    first = responses.first
    reply = "Thank you: Church Lane is first on the list for the summer."
    first.get_by_label("Official reply").fill(reply)
    first.get_by_role("button", name="Publish the reply").click()
    expect(flash(page)).to_contain_text("Your reply is published.")
    expect(responses.first.locator(".official-reply")).to_contain_text(reply)

    # Results: published, with counts, shares and an accessible chart.
    page.goto(manage_url)
    page.get_by_role("button", name="Publish the results").click()
    expect(page).to_have_url(re.compile(r"/consultations/\d+/results$"))
    expect(flash(page)).to_contain_text("The results are public.")
    main = page.locator("main")
    expect(main).to_contain_text("2 responses.")
    expect(main.locator(".notice")).to_have_count(0)  # public now
    chart = main.locator("svg[role=img]")
    expect(chart).to_have_count(1)
    expect(chart.locator("title")).to_have_text(QUESTION)
    rows = main.locator("figure.chart table tbody tr")
    expect(rows).to_have_count(2)
    for option, row in zip(OPTIONS, (rows.nth(0), rows.nth(1)), strict=True):
        expect(row.locator("th")).to_have_text(option)
        expect(row.locator("td").nth(0)).to_have_text("1")
        expect(row.locator("td").nth(1)).to_have_text("50%")
    texts = main.locator(".free-texts")
    expect(texts).to_contain_text("Cars speed past the bakery at 8 o'clock.")
    expect(texts).to_contain_text(spanish_text)
    assert_accessible(page)

    # "What we heard, what we did".
    page.goto(manage_url)
    page.get_by_role("link", name="Write “what we heard, what we did”").click()
    expect(page).to_have_url(re.compile(r"/consultations/\d+/report$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What we heard, what we did"
    )
    assert_accessible(page)
    heard = "Drivers speed on Church Lane at school time."
    did = "Church Lane gets a raised crossing in July."
    page.locator("#themes-0-heard").fill(heard)
    page.locator("#themes-0-did").fill(did)
    page.locator("#decided_at").fill(city_time(live_server))
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page).to_have_url(re.compile(r"/consultations/\d+/results#report$"))
    expect(flash(page)).to_contain_text("“What we heard, what we did” is published.")
    report = page.locator("#report")
    expect(report.get_by_role("heading", level=2)).to_have_text(
        "What we heard, what we did"
    )
    expect(report.locator("table.themes tbody tr")).to_have_count(1)
    expect(report).to_contain_text(heard)
    expect(report).to_contain_text(did)
    assert_accessible(page)

    # The public page, for a visitor without an account, shows the outcome and what
    # the platform observed.
    sign_out(page)
    page.goto(consultation_url)
    expect(page.get_by_role("link", name="Manage this consultation")).to_have_count(0)
    outcome = page.locator("section[aria-labelledby=outcome-heading]")
    expect(outcome.get_by_role("heading", level=2)).to_have_text("The outcome")
    expect(outcome).to_contain_text("what we heard, what we did")
    expect(outcome.get_by_role("link", name="See the results")).to_be_visible()
    observed = page.locator("section.observed")
    expect(observed).to_contain_text("Did the city listen?")
    replied = observed.locator("dt:has-text('With an official reply') + dd")
    expect(replied).to_have_text("33%")  # one reply for three inputs
    expect(observed.locator("dt:has-text('Inputs') + dd").first).to_have_text("3")
    expect(observed).not_to_contain_text("Not published yet")
    assert_accessible(page)
    outcome.get_by_role("link", name="See the results").click()
    expect(page).to_have_url(re.compile(r"/consultations/\d+/results$"))
    expect(page.locator("#report")).to_contain_text(heard)


def test_a_point_question_is_answered_on_the_map_or_typed(live_server, page):
    """The map-point question: a click drops the pin and fills the typed fields (the
    no-JavaScript way); the open consultation is a marker on the reports map."""
    from datetime import UTC

    from participation.auth.services import register_user
    from participation.consultations import services, survey
    from participation.extensions import db
    from tests.browser.test_issue_reporting import set_up_city

    set_up_city(live_server)
    with live_server.app.app_context():
        from participation.auth.administration import set_roles
        from participation.projects.planning import ProjectData, create_project

        planner = register_user("bench-planner@example.org", PASSWORD, confirmed=True)
        set_roles(None, planner.id, {"planner"})
        project_id = create_project(
            planner,
            ProjectData(title="Benches", summary="More benches.", theme="parks"),
        ).id
        consultation = services.create_consultation(
            planner,
            project_id,
            services.ConsultationData(
                title="Where should the new bench go?",
                opens_at=datetime(2026, 1, 1, tzinfo=UTC),
                claimed_rung=4,
            ),
        )
        question = survey.add_question(
            planner,
            consultation.id,
            survey.QuestionData("point", "Drop a pin where the bench should go"),
        )
        consultation_id, question_id = consultation.id, question.id
        register_user("bench@example.org", PASSWORD, confirmed=True)
    sign_in(page, live_server.url, "bench@example.org")
    page.goto(f"{live_server.url}/consultations/{consultation_id}")
    picker = page.locator(f"#q{question_id}-map")
    box = picker.bounding_box()
    picker.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    expect(page.locator(f"#q{question_id}_lat")).not_to_have_value("")
    expect(page.locator(f"#q{question_id}_lon")).not_to_have_value("")
    assert_accessible(page)
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".flash, [role=status], .notice").first).to_be_visible()
    expect(page.get_by_text("You answered on")).to_be_visible()
    with live_server.app.app_context():
        from participation.consultations.survey_models import Answer

        answer = db.session.scalars(db.select(Answer)).one()
        assert 52.80 <= answer.lat <= 52.88 and -7.45 <= answer.lon <= -7.33

    page.goto(live_server.url + "/reports")
    expect(page.locator(".pin-consultation")).to_have_count(1)
    expect(
        page.get_by_role("link", name="Where should the new bench go?")
    ).to_be_visible()
