"""Reporting, reading and answering reports through the pages."""

import re

from sqlalchemy import select

from participation.issues.models import Report


def new_report_form(category, **fields):
    return {
        "category_id": str(category.id),
        "title": "Light out on Mill Lane",
        "description": "Dark since Monday.",
        "lat": "52.84",
        "lon": "-7.40",
        "location_text": "Mill Lane",
        "language": "en",
        **fields,
    }


def test_report_through_the_form_with_typed_coordinates(
    client, db, square_city, login_as, make_category
):
    login_as()
    category = make_category()
    page = client.get("/reports/new").get_data(as_text=True)
    assert 'name="lat"' in page and "Street light out" in page
    response = client.post_form("/reports/new", new_report_form(category))
    assert response.status_code == 302
    report = db.session.scalars(select(Report)).one()
    assert response.headers["Location"] == f"/reports/{report.id}"
    html = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert "Light out on Mill Lane" in html and "West Bank" in html


def test_out_of_area_pin_is_refused_next_to_the_coordinates(
    client, db, square_city, login_as, make_category
):
    login_as()
    category = make_category()
    response = client.post_form(
        "/reports/new", new_report_form(category, lat="40.4", lon="-3.7")
    )
    html = response.get_data(as_text=True)
    assert 'id="lat-error"' in html and "This place is outside Riverford." in html
    assert 'value="Light out on Mill Lane"' in html
    assert db.session.scalar(select(Report).limit(1)) is None


def test_nearby_reports_are_offered_before_submitting(
    client, db, square_city, login_as, make_category, make_report
):
    category = make_category()
    existing = make_report(category=category, title="Lamp broken")
    login_as()
    response = client.post_form("/reports/new", new_report_form(category))
    html = response.get_data(as_text=True)
    assert "Is it one of these?" in html and "Lamp broken" in html
    assert f"/reports/{existing.id}/support" in html
    assert len(db.session.scalars(select(Report)).all()) == 1
    response = client.post_form(
        "/reports/new", new_report_form(category, confirm_new="1")
    )
    assert response.status_code == 302
    assert len(db.session.scalars(select(Report)).all()) == 2


def test_anonymous_by_default_and_named_only_by_choice(
    client, db, square_city, make_report, make_user
):
    shy = make_user(display_name="Shy Resident")
    proud = make_user(display_name="Proud Resident")
    hidden = make_report(reporter=shy)
    shown = make_report(reporter=proud, show_name=True, lat=52.85)
    assert "Shy Resident" not in client.get(f"/reports/{hidden.id}").get_data(
        as_text=True
    )
    assert "Proud Resident" in client.get(f"/reports/{shown.id}").get_data(as_text=True)
    assert "Shy Resident" not in client.get("/reports").get_data(as_text=True)


def test_me_too_and_follow_buttons(client, db, square_city, login_as, make_report):
    report = make_report()
    login_as()
    client.post_form(f"/reports/{report.id}/support")
    response = client.post_form(f"/reports/{report.id}/support")
    follow = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You already support this report." in follow
    db.session.expire_all()
    assert db.session.get(Report, report.id).support_count == 1
    client.post_form(f"/reports/{report.id}/follow", {"follow": "1"})
    assert "Stop following" in client.get(f"/reports/{report.id}").get_data(
        as_text=True
    )


def test_staff_changes_status_from_the_report_page(
    client, db, square_city, login_as, make_report
):
    report = make_report()
    login_as("planner")
    page = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert "Answer and move the report" in page
    response = client.post_form(
        f"/reports/{report.id}/status",
        {"status": "acknowledged", "note": "On our list."},
    )
    assert response.status_code == 302
    html = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert "On our list." in html and "Acknowledged" in html


def test_list_filters_by_status(client, db, square_city, make_report, make_user):
    open_report = make_report(title="Still open")
    closed = make_report(title="All done", lat=52.85)
    from participation.issues.services import change_status

    change_status(make_user("planner"), closed.id, "fixed", "Fixed.", "en")
    html = client.get("/reports?status=open").get_data(as_text=True)
    assert open_report.title in html and "All done" not in html
    html = client.get("/reports?status=closed").get_data(as_text=True)
    assert "All done" in html and "Still open" not in html


def test_my_reports(client, db, square_city, login_as, make_report):
    me = login_as()
    make_report(reporter=me, title="Mine")
    make_report(title="Someone else's", lat=52.85)
    html = client.get("/my/reports").get_data(as_text=True)
    assert "Mine" in html and "Someone else" not in html


def test_place_chosen_from_the_list_of_landmarks(
    client, db, square_city, login_as, make_category
):
    from participation.issues.models import Landmark

    bridge = Landmark(name="Aven Bridge", lat=52.841, lon=-7.36)
    db.session.add(bridge)
    db.session.commit()
    login_as()
    category = make_category()
    page = client.get("/reports/new").get_data(as_text=True)
    assert "Aven Bridge" in page
    response = client.post_form(
        "/reports/new",
        new_report_form(
            category, lat="", lon="", location_text="", landmark_id=str(bridge.id)
        ),
    )
    assert response.status_code == 302
    report = db.session.scalars(select(Report)).one()
    assert (report.lat, report.lon, report.location_text) == (
        52.841,
        -7.36,
        "Aven Bridge",
    )
    assert report.district.name == "East Bank"


def test_no_place_at_all_is_refused(client, db, square_city, login_as, make_category):
    login_as()
    response = client.post_form(
        "/reports/new", new_report_form(make_category(), lat="", lon="")
    )
    assert "pick it from the list" in response.get_data(as_text=True)
    assert db.session.scalar(select(Report).limit(1)) is None


def test_choices_not_on_the_lists_are_refused_next_to_their_fields(
    client, db, square_city, login_as, make_category
):
    login_as()
    category = make_category()
    retired = make_category(code="retired", name="Retired", active=False)
    for field, value, message in [
        ("category_id", "999999", "Choose a category from the list."),
        ("category_id", str(retired.id), "Choose a category from the list."),
        ("language", "xx", "Choose a language from the list."),
        ("landmark_id", "999999", "Choose a place from the list."),
    ]:
        extra = {"lat": "", "lon": ""} if field == "landmark_id" else {}
        response = client.post_form(
            "/reports/new", new_report_form(category, **{field: value}, **extra)
        )
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert message in html, field
        # The form is shown again with its lists.
        assert re.search(rf'<option[^>]*value="{category.id}">Street light out<', html)
        assert db.session.scalar(select(Report).limit(1)) is None
