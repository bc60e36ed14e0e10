"""Pages of projects and engagements, and the planners' forms."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from participation.core.models import District, Engagement, Project


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_home_lists_projects_and_their_open_engagements(
    client, make_project, make_engagement
):
    project = make_project(title="Riverside lighting")
    now = datetime.now(UTC)
    make_engagement(
        project=project,
        title="Tell us about dark spots",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=9),
    )
    make_engagement(
        project=project,
        title="An old survey",
        opens_at=now - timedelta(days=90),
        closes_at=now - timedelta(days=60),
    )
    html = client.get("/").get_data(as_text=True)
    assert "Riverside lighting" in html
    assert "Tell us about dark spots" in html
    assert "An old survey" not in html


def test_project_page_lists_every_engagement(client, make_project, make_engagement):
    project = make_project(
        title="Riverside lighting", description="**Bold** plan <script>x</script>"
    )
    make_engagement(
        project=project,
        title="An old survey",
        opens_at=datetime(2025, 1, 1, tzinfo=UTC),
        closes_at=datetime(2025, 2, 1, tzinfo=UTC),
    )
    html = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "An old survey" in html
    assert "<strong>Bold</strong>" in html
    assert "<script>x" not in html


def test_engagement_page_shows_kind_dates_district_and_claimed_rung(
    client, db, make_engagement
):
    district = District(
        name="Old Town",
        population=41000,
        boundary={"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
    )
    db.session.add(district)
    db.session.commit()
    engagement = make_engagement(
        kind="meeting",
        title="Old Town assembly",
        district_id=district.id,
        opens_at=datetime(2026, 4, 1, 8, 0, tzinfo=UTC),
        closes_at=datetime(2026, 5, 1, 8, 0, tzinfo=UTC),
        claimed_rung=7,
    )
    html = client.get(f"/engagements/{engagement.id}").get_data(as_text=True)
    assert "Meeting" in html
    assert "Old Town" in html
    assert "rung 7 of 8" in html and "Delegated power" in html
    assert "Citizen power" in html
    # Stored in UTC, shown in the city's time (Europe/Madrid, UTC+2 in April).
    assert "10:00" in html
    # Nothing recorded: the evidence supports informing, and the trace says why.
    assert "The evidence supports:" in html and "rung 3 of 8" in html
    assert f'href="/engagements/{engagement.id}/ladder"' in html


def test_unknown_ids_get_a_friendly_404(client):
    for url in ("/projects/999", "/engagements/999", "/nowhere"):
        response = client.get(url)
        assert response.status_code == 404
        html = response.get_data(as_text=True)
        assert "Page not found" in html and "Traceback" not in html


def test_planner_creates_project_through_the_form(client, db, login_as):
    login_as("planner")
    response = client.post_form(
        "/projects/new",
        {
            "title": "Bike lanes on Main St",
            "summary": "Protected lanes.",
            "theme": "mobility",
            "status": "planning",
            "district_id": "",
            "language": "en",
        },
    )
    assert response.status_code == 302
    project = db.session.scalars(select(Project)).one()
    assert response.headers["Location"].endswith(f"/projects/{project.id}")
    assert project.district_id is None


def test_bad_project_form_keeps_input_and_shows_errors_by_the_field(
    client, db, login_as
):
    login_as("planner")
    response = client.post_form(
        "/projects/new",
        {
            "title": "",
            "summary": "Kept summary text",
            "theme": "weather",
            "status": "planning",
        },
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'id="title-error"' in html and "This field is required." in html
    assert 'aria-describedby="title-error"' in html
    assert "Kept summary text" in html
    assert 'id="theme-error"' in html
    assert count(db, Project) == 0


def test_post_without_csrf_token_is_refused(client, db, login_as):
    login_as("planner")
    response = client.post(
        "/projects/new",
        data={"title": "T", "summary": "S", "theme": "parks", "status": "planning"},
    )
    assert response.status_code == 400
    assert "The form has expired" in response.get_data(as_text=True)
    assert count(db, Project) == 0


def test_planner_edits_project(client, db, login_as, make_project):
    planner = login_as("planner")
    project = make_project(actor=planner)
    page = client.get(f"/projects/{project.id}/edit").get_data(as_text=True)
    assert "Safer crossings" in page
    response = client.post_form(
        f"/projects/{project.id}/edit",
        {
            "title": "Safer crossings near schools",
            "summary": "S",
            "theme": "mobility",
            "status": "underway",
            "district_id": "",
            "language": "en",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Project, project.id).status == "underway"


def test_planner_adds_engagement_in_city_time(client, db, login_as, make_project):
    planner = login_as("planner")
    project = make_project(actor=planner)
    response = client.post_form(
        f"/projects/{project.id}/engagements/new",
        {
            "kind": "meeting",
            "title": "Where should crossings go?",
            "summary": "",
            "district_id": "",
            "opens_at": "2026-06-01T09:00",
            "closes_at": "2026-06-30T18:00",
            "decided_at": "2026-07-15T12:00",
            "claimed_rung": "4",
            "language": "en",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    engagement = db.session.scalars(select(Engagement)).one()
    assert engagement.kind == "meeting" and engagement.claimed_rung == 4
    # 09:00 in Madrid (summer time) is 07:00 UTC.
    assert engagement.opens_at == datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    edit = client.get(f"/engagements/{engagement.id}/edit").get_data(as_text=True)
    assert 'value="2026-06-01T09:00"' in edit


def test_engagement_form_errors(client, db, login_as, make_project):
    planner = login_as("planner")
    project = make_project(actor=planner)
    response = client.post_form(
        f"/projects/{project.id}/engagements/new",
        {
            "kind": "meeting",
            "title": "Dates backwards",
            "opens_at": "2026-06-30T09:00",
            "closes_at": "2026-06-01T09:00",
            "claimed_rung": "4",
            "language": "en",
        },
    )
    html = response.get_data(as_text=True)
    assert "The closing date must be after the opening date." in html
    assert 'value="Dates backwards"' in html
    response = client.post_form(
        f"/projects/{project.id}/engagements/new",
        {
            "kind": "meeting",
            "title": "No rung",
            "opens_at": "soon",
            "claimed_rung": "12",
        },
    )
    html = response.get_data(as_text=True)
    assert 'id="opens_at-error"' in html and 'id="claimed_rung-error"' in html
    assert count(db, Engagement) == 0


def test_edit_engagement_cannot_change_its_kind(client, db, login_as, make_engagement):
    planner = login_as("planner")
    engagement = make_engagement(actor=planner, kind="meeting")
    response = client.post_form(
        f"/engagements/{engagement.id}/edit",
        {
            "kind": "consultation",
            "title": "Walk",
            "opens_at": "2026-06-01T09:00",
            "claimed_rung": "3",
        },
    )
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Engagement, engagement.id).kind == "meeting"
    assert db.session.get(Engagement, engagement.id).claimed_rung == 4
