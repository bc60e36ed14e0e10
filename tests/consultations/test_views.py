"""Consultations through the pages: forms, errors tied to fields, access and exports."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from participation.consultations import outcome, services
from participation.consultations.models import Comment, Consultation
from participation.consultations.survey_models import Response
from participation.types import utcnow
from tests.consultations.test_services import by_kind


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def survey_form(consultation, **overrides):
    q = by_kind(consultation)
    form = {
        f"q{q['single'].id}": str(q["single"].options[0].id),
        f"q{q['multiple'].id}": [
            str(q["multiple"].options[0].id),
            str(q["multiple"].options[1].id),
        ],
        f"q{q['text'].id}": "Please light the underpass.",
        f"q{q['scale'].id}": "4",
        f"q{q['point'].id}_lat": "52.84",
        f"q{q['point'].id}_lon": "-7.40",
        "language": "en",
    }
    for n, option in enumerate(q["ranking"].options, 1):
        form[f"q{q['ranking'].id}_{option.id}"] = str(n)
    form.update(overrides)
    return form


def test_planner_creates_a_consultation_in_city_time(
    client, db, login_as, make_project
):
    planner = login_as("planner")
    project = make_project(actor=planner)
    page = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert f"/projects/{project.id}/consultations/new" in page
    response = client.post_form(
        f"/projects/{project.id}/consultations/new",
        {
            "kind": "consultation",
            "title": "Crossings near schools",
            "summary": "Choose the first crossings.",
            "already_decided": "Four crossings will be built.",
            "still_open": "Where and in which order.",
            "decision": "The council's mobility committee decides.",
            "district_id": "",
            "audience": "everyone",
            "opens_at": "2026-06-01T09:00",
            "closes_at": "2026-06-30T18:00",
            "decided_at": "2026-07-15T12:00",
            "claimed_rung": "4",
            "commitment": "respond_all",
            "commitment_url": "https://example.org/resolution-12",
            "language": "en",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    consultation = db.session.scalars(select(Consultation)).one()
    assert response.headers["Location"] == f"/consultations/{consultation.id}/manage"
    assert consultation.opens_at == datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    assert consultation.commitment == "respond_all"
    html = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    assert "Four crossings will be built." in html
    assert 'href="https://example.org/resolution-12"' in html
    assert "The city commits to respond to every input" in html


def test_consultation_form_errors_are_tied_to_fields(
    client, db, login_as, make_project
):
    planner = login_as("planner")
    project = make_project(actor=planner)
    response = client.post_form(
        f"/projects/{project.id}/consultations/new",
        {
            "kind": "consultation",
            "title": "District only",
            "audience": "district",
            "opens_at": "2026-06-01T09:00",
            "claimed_rung": "4",
            "commitment": "binding",
            "commitment_url": "not a link",
            "language": "en",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="audience-error"' in html and 'id="commitment_url-error"' in html
    assert 'value="District only"' in html
    assert count(db, Consultation) == 0


def test_resident_answers_sees_and_edits_their_submission(
    client, db, login_as, make_consultation, square_city
):
    consultation = make_consultation()
    login_as()
    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    assert "<fieldset" in page and "<legend>" in page and "Send my answers" in page
    response = client.post_form(
        f"/consultations/{consultation.id}/respond", survey_form(consultation)
    )
    assert response.status_code == 302
    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    assert "You answered on" in page and "Update my answers" in page
    assert "Please light the underpass." in page  # their own answers, filled in
    q = by_kind(consultation)
    client.post_form(
        f"/consultations/{consultation.id}/respond",
        survey_form(consultation, **{f"q{q['text'].id}": "Changed my mind."}),
    )
    assert count(db, Response) == 1
    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    assert "Changed my mind." in page


def test_bad_answers_get_errors_on_their_question_and_nothing_is_stored(
    client, db, login_as, make_consultation, square_city
):
    consultation = make_consultation()
    login_as()
    q = by_kind(consultation)
    bad = survey_form(
        consultation,
        **{
            f"q{q['single'].id}": "999999",
            f"q{q['scale'].id}": "11",
            f"q{q['point'].id}_lat": "north",
            f"q{q['text'].id}": "x" * 5001,
        },
    )
    for option in q["ranking"].options:
        bad[f"q{q['ranking'].id}_{option.id}"] = "1"
    response = client.post_form(f"/consultations/{consultation.id}/respond", bad)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    for kind in ("single", "scale", "point", "text", "ranking"):
        error_id = f"q{q[kind].id}-error"
        assert f'id="{error_id}"' in html and f'aria-describedby="{error_id}"' in html
    assert "Choose among the options given." in html
    assert "Give each option one rank only." in html
    assert count(db, Response) == 0


def test_posts_without_csrf_change_nothing(
    client, db, login_as, make_consultation, square_city
):
    consultation = make_consultation()
    login_as()
    response = client.post(
        f"/consultations/{consultation.id}/respond", data=survey_form(consultation)
    )
    assert response.status_code == 400
    section = consultation.sections[0]
    response = client.post(
        f"/consultations/{consultation.id}/sections/{section.id}/comments",
        data={f"s{section.id}-body": "Hi", f"s{section.id}-language": "en"},
    )
    assert response.status_code == 400
    assert count(db, Response) == 0 and count(db, Comment) == 0


def test_closed_consultation_refuses_answers_with_a_message(
    client, db, login_as, make_consultation, square_city
):
    consultation = make_consultation(closes_at=datetime(2026, 2, 1, tzinfo=UTC))
    login_as()
    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    assert "The survey is closed." in page and "Send my answers" not in page
    response = client.post_form(
        f"/consultations/{consultation.id}/respond", survey_form(consultation)
    )
    assert response.status_code == 400
    assert "This consultation is closed." in response.get_data(as_text=True)
    assert count(db, Response) == 0


def test_anonymous_answers_where_allowed_and_rate_limited(
    client, server, db, make_consultation, square_city
):
    # Every anonymous post counts, the refused one below included.
    server.config["CONSULTATION_ANONYMOUS_RATE_LIMIT"] = "3 per hour"
    signed_in_only = make_consultation()
    response = client.post_form(
        f"/consultations/{signed_in_only.id}/respond", survey_form(signed_in_only)
    )
    assert response.status_code == 400
    assert "Sign in to take part" in response.get_data(as_text=True)
    everyone = make_consultation(audience="everyone")
    page = client.get(f"/consultations/{everyone.id}").get_data(as_text=True)
    assert "You answer without an account" in page
    statuses = [
        client.post_form(
            f"/consultations/{everyone.id}/respond", survey_form(everyone)
        ).status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert count(db, Response) == 2


def test_comment_reply_support_and_official_answer(
    client, db, login_as, make_consultation, make_user
):
    consultation = make_consultation()
    section = consultation.sections[0]
    login_as()
    prefix = f"s{section.id}-"
    url = f"/consultations/{consultation.id}/sections/{section.id}/comments"
    response = client.post_form(
        url, {prefix + "body": "Add one at the bridge.", prefix + "language": "en"}
    )
    assert response.status_code == 302
    comment = db.session.scalars(select(Comment)).one()
    assert response.headers["Location"].endswith(f"#comment-{comment.id}")
    response = client.post_form(url, {prefix + "body": "", prefix + "language": "en"})
    assert response.status_code == 400
    assert f'id="{prefix}body-error"' in response.get_data(as_text=True)

    client.post_form("/signout")
    login_as()
    client.post_form(
        url,
        {
            prefix + "body": "Yes, the bridge.",
            prefix + "language": "es",
            prefix + "parent_id": str(comment.id),
        },
    )
    client.post_form(f"/consultations/comments/{comment.id}/support")
    again = client.post_form(
        f"/consultations/comments/{comment.id}/support",
        {"consultation_id": consultation.id},
        follow_redirects=True,
    )
    assert "You already support this comment." in again.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Comment, comment.id).support_count == 1

    client.post_form("/signout")
    login_as("planner")
    inputs = client.get(f"/consultations/{consultation.id}/inputs")
    assert "Add one at the bridge." in inputs.get_data(as_text=True)
    client.post_form(
        f"/consultations/{consultation.id}/replies",
        {"comment_id": comment.id, "body": "It is in the plan.", "language": "en"},
    )
    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    assert "Official reply" in page and "It is in the plan." in page
    assert "A resident" in page  # names hidden unless the author chose to show them
    unanswered = client.get(f"/consultations/{consultation.id}/inputs?unanswered=1")
    assert "Add one at the bridge." not in unanswered.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    [
        "/consultations/{c}/manage",
        "/consultations/{c}/edit",
        "/consultations/{c}/preview",
        "/consultations/{c}/inputs",
        "/consultations/{c}/report",
        "/projects/{p}/consultations/new",
    ],
)
@pytest.mark.parametrize("role", [None, "resident", "evaluator", "planner", "admin"])
def test_planner_pages_access(client, login_as, make_consultation, path, role):
    consultation = make_consultation()
    if role:
        login_as(role)
    url = path.format(c=consultation.id, p=consultation.project_id)
    status = client.get(url).status_code
    expected = {None: 302, "resident": 403, "evaluator": 403}.get(role, 200)
    assert status == expected


@pytest.mark.parametrize(
    "path, data",
    [
        ("/consultations/{c}/questions", {"kind": "text", "prompt": "New?"}),
        ("/consultations/{c}/sections", {"heading": "H", "body": "B"}),
        ("/consultations/{c}/open", {}),
        ("/consultations/{c}/publish-results", {}),
        ("/consultations/{c}/replies", {"body": "x", "language": "en"}),
    ],
)
def test_residents_cannot_post_to_planner_actions(
    client, db, login_as, make_consultation, path, data
):
    consultation = make_consultation()
    before = (len(consultation.questions), len(consultation.sections))
    login_as()
    response = client.post_form(path.format(c=consultation.id), data)
    assert response.status_code == 403
    db.session.expire_all()
    again = db.session.get(Consultation, consultation.id)
    assert (len(again.questions), len(again.sections)) == before


def test_results_are_public_only_once_published(
    client, db, login_as, make_consultation, make_user, square_city
):
    from participation.consultations import responses
    from tests.consultations.test_services import full_answers

    planner = make_user("planner")
    consultation = make_consultation(closes_at=utcnow() + timedelta(days=1))
    responses.submit_response(
        make_user(), consultation.id, full_answers(consultation), "en"
    )
    services.change_closing(planner, consultation.id, utcnow(), "Done", "en")
    for suffix in ("/results", "/results.csv", "/results.json"):
        assert (
            client.get(f"/consultations/{consultation.id}{suffix}").status_code == 404
        )
    outcome.publish_results(planner, consultation.id)
    html = client.get(f"/consultations/{consultation.id}/results").get_data(
        as_text=True
    )
    assert 'role="img"' in html and "<title id=" in html and "<table" in html
    assert "100%" in html  # the one response chose the first street
    csv_response = client.get(f"/consultations/{consultation.id}/results.csv")
    assert csv_response.mimetype == "text/csv"
    assert "attachment" in csv_response.headers["Content-Disposition"]
    data = client.get(f"/consultations/{consultation.id}/results.json").get_json()
    assert data["responses"] == 1


def test_planner_closes_publishes_and_reports_through_the_pages(
    client, db, login_as, make_consultation, square_city
):
    planner = login_as("planner")
    consultation = make_consultation(actor=planner)
    response = client.post_form(
        f"/consultations/{consultation.id}/closing",
        {"now": "1", "reason": "", "language": "en", "closes_at": ""},
    )
    assert response.status_code == 400
    assert 'id="reason-error"' in response.get_data(as_text=True)
    response = client.post_form(
        f"/consultations/{consultation.id}/closing",
        {"now": "1", "reason": "Enough answers.", "language": "en", "closes_at": ""},
    )
    assert response.status_code == 302
    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    assert "Enough answers." in page and "Changes to the closing date" in page
    response = client.post_form(
        f"/consultations/{consultation.id}/report",
        {
            "summary": "Thank you.",
            "themes-0-heard": "Crossings at schools first",
            "themes-0-did": "Schools first",
            "decided_at": "2026-01-15T10:00",
            "language": "en",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    html = client.get(f"/consultations/{consultation.id}/results").get_data(
        as_text=True
    )
    assert "What we heard, what we did" in html and "Schools first" in html
    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    assert re.search(r"published .*what we heard, what we did", page)


def test_open_consultations_are_on_the_home_page_and_the_map(
    client, make_consultation, square_city
):
    consultation = make_consultation(title="Crossings by the school")
    make_consultation(title="Long closed", closes_at=datetime(2026, 2, 1, tzinfo=UTC))
    home = client.get("/").get_data(as_text=True)
    assert "Crossings by the school" in home and "Long closed" not in home
    assert f'href="/consultations/{consultation.id}"' in home
    reports = client.get("/reports").get_data(as_text=True)
    assert "Crossings by the school" in reports and "Long closed" not in reports
    assert "&#34;consultations&#34;: [{" in reports or '"consultations": [{' in reports


def test_ranks_the_form_does_not_offer_are_refused(
    client, db, login_as, make_consultation, square_city
):
    consultation = make_consultation()
    login_as()
    ranking = by_kind(consultation)["ranking"]
    bad = survey_form(consultation, **{f"q{ranking.id}_{ranking.options[0].id}": "7"})
    response = client.post_form(f"/consultations/{consultation.id}/respond", bad)
    assert response.status_code == 400
    assert f'id="q{ranking.id}-error"' in response.get_data(as_text=True)
    assert count(db, Response) == 0


def test_support_a_section_through_the_page(client, db, login_as, make_consultation):
    from participation.consultations.models import Section

    consultation = make_consultation()
    section = consultation.sections[0]
    login_as()
    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    assert "Support this section" in page and "0 supporters" in page
    response = client.post_form(f"/consultations/sections/{section.id}/support")
    assert response.headers["Location"].endswith(f"#section-{section.id}")
    again = client.post_form(
        f"/consultations/sections/{section.id}/support", follow_redirects=True
    )
    html = again.get_data(as_text=True)
    assert "You already support this section." in html and "1 supporter" in html
    db.session.expire_all()
    assert db.session.get(Section, section.id).support_count == 1
