"""The rules of issue reporting."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from participation.errors import Invalid, NotAllowed
from participation.issues import backing, search, services
from participation.issues.models import Follow, Report, StatusChange, Support
from participation.types import utcnow


def count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_report_gets_its_district_and_the_reporter_follows_it(
    db, square_city, make_report, make_user
):
    reporter = make_user()
    report = make_report(reporter=reporter, lat=52.84, lon=-7.35)
    assert report.district.name == "East Bank"
    assert report.status == "new" and report.show_name is False
    assert [c.to_status for c in report.changes] == ["new"]
    assert backing.is_following(reporter, report)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"lat": 40.0, "lon": -3.7}, "location"),  # Madrid: outside the city
        ({"lat": 95.0}, "location"),
        ({"lat": None}, "location"),
        ({"title": "  "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"description": "x" * 4001}, "description"),
        ({"category_id": 9999}, "category_id"),
        ({"language": "xx"}, "language"),
    ],
)
def test_bad_reports_are_refused_and_nothing_is_stored(
    db, square_city, make_report, fields, field
):
    with pytest.raises(Invalid) as caught:
        make_report(**fields)
    assert field in caught.value.errors
    assert count(db, Report) == 0 and count(db, StatusChange) == 0


def test_inactive_category_is_refused(db, square_city, make_report, make_category):
    category = make_category(active=False)
    with pytest.raises(Invalid):
        make_report(category=category)


def test_nearby_open_reports_of_the_same_category(
    db, square_city, make_report, make_category
):
    lights = make_category()
    potholes = make_category(code="pothole", name="Pothole", department="Roads")
    near = make_report(category=lights, lat=52.84, lon=-7.40)
    make_report(category=lights, lat=52.8410, lon=-7.40)  # ~111 m north: too far
    make_report(category=potholes, lat=52.84, lon=-7.40)  # another category
    found = search.nearby_open_reports(lights.id, 52.8402, -7.4001)
    assert [r.id for r in found] == [near.id]


def test_me_too_once_per_resident_and_not_on_ones_own(
    db, square_city, make_report, make_user
):
    reporter, neighbour = make_user(), make_user()
    report = make_report(reporter=reporter)
    backing.support_report(neighbour, report.id)
    assert db.session.get(Report, report.id).support_count == 1
    with pytest.raises(Invalid):
        backing.support_report(neighbour, report.id)
    with pytest.raises(Invalid):
        backing.support_report(reporter, report.id)
    assert count(db, Support) == 1
    assert db.session.get(Report, report.id).support_count == 1


def test_staff_moves_a_report_with_a_public_note(
    db, square_city, make_report, make_user
):
    report = make_report()
    planner = make_user("planner")
    services.change_status(planner, report.id, "acknowledged", "On our list.", "en")
    assert report.first_response_at is not None and report.fixed_at is None
    services.change_status(planner, report.id, "fixed", "New lamp fitted.", "en")
    assert report.fixed_at is not None
    assert [c.to_status for c in report.changes] == ["new", "acknowledged", "fixed"]
    assert report.changes[-1].official and report.changes[-1].actor_id == planner.id


@pytest.mark.parametrize(
    ("status", "note", "field"),
    [
        ("fixed", "", "note"),
        ("teleported", "Gone.", "status"),
        ("new", "Again.", "status"),
    ],
)
def test_bad_status_changes_are_refused(
    db, square_city, make_report, make_user, status, note, field
):
    report = make_report()
    with pytest.raises(Invalid) as caught:
        services.change_status(make_user("planner"), report.id, status, note, "en")
    assert field in caught.value.errors
    assert db.session.get(Report, report.id).status == "new"


def test_residents_cannot_change_status(db, square_city, make_report, make_user):
    report = make_report()
    with pytest.raises(NotAllowed):
        services.change_status(make_user(), report.id, "fixed", "Done", "en")


def test_reporter_reopens_a_fixed_report_within_the_window(
    db, square_city, make_report, make_user
):
    reporter = make_user()
    report = make_report(reporter=reporter)
    services.change_status(make_user("planner"), report.id, "fixed", "Fixed.", "en")
    with pytest.raises(NotAllowed):
        services.reopen_report(make_user(), report.id, "Still dark")
    with pytest.raises(Invalid):
        services.reopen_report(reporter, report.id, "")
    services.reopen_report(reporter, report.id, "Still dark at night.")
    assert report.status == "reopened" and report.fixed_at is None


def test_reopening_after_the_window_is_refused(db, square_city, make_report, make_user):
    reporter = make_user()
    report = make_report(reporter=reporter)
    services.change_status(make_user("planner"), report.id, "fixed", "Fixed.", "en")
    report.fixed_at = utcnow() - timedelta(days=31)
    db.session.commit()
    with pytest.raises(Invalid) as caught:
        services.reopen_report(reporter, report.id, "Still dark")
    assert "30 days" in caught.value.errors["reason"]


def test_following(db, square_city, make_report, make_user):
    report = make_report()
    resident = make_user()
    backing.set_following(resident, report.id, True)
    backing.set_following(resident, report.id, True)
    assert count(db, Follow) == 2  # the reporter and this resident
    backing.set_following(resident, report.id, False)
    assert not backing.is_following(resident, report)
