"""The servicerequestupdates extension: the public steps of reports, in XML and JSON."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from participation.issues import services as issues
from participation.issues import triage
from participation.issues.models import StatusChange
from participation.types import utcnow
from tests.open311.conftest import both_formats

URL = "/open311/v2/servicerequestupdates.{fmt}"


def test_every_public_step_oldest_first(client, db, service, make_report, make_user):
    staff, reporter = make_user("planner"), make_user()
    report = make_report(category=service, reporter=reporter)
    issues.change_status(staff, report.id, "acknowledged", "Seen, thanks.", "en")
    issues.change_status(staff, report.id, "fixed", "New lamp fitted.", "en")
    issues.reopen_report(reporter, report.id, "Still dark at night.")
    hidden = make_report(category=service, lat=52.85)
    issues.change_status(staff, hidden.id, "acknowledged", "Looking.", "en")
    triage.hide_report(staff, hidden.id, "Abusive")

    data = both_formats(client, URL, "service_requests_updates")
    assert [(u["status"], u["description"]) for u in data] == [
        ("open", None),
        ("investigating", "Seen, thanks."),
        ("fixed", "New lamp fitted."),
        ("open", "Reopened by the reporter: Still dark at night."),
    ]
    changes = db.session.scalars(
        select(StatusChange)
        .where(StatusChange.report_id == report.id)
        .order_by(StatusChange.id)
    ).all()
    assert [u["update_id"] for u in data] == [str(c.id) for c in changes]
    assert {u["service_request_id"] for u in data} == {str(report.id)}
    assert all(
        datetime.fromisoformat(u["updated_datetime"]).utcoffset() is not None
        for u in data
    )
    # Nobody's identity: only the fields of the extension.
    assert set(data[0]) == {
        "update_id",
        "service_request_id",
        "status",
        "updated_datetime",
        "description",
        "media_url",
    }
    assert reporter.email not in client.get(URL.format(fmt="xml")).get_data(
        as_text=True
    )


def test_every_status_of_the_workflow_has_a_name_in_the_extension(
    db, service, make_report
):
    from participation.open311.formats import UPDATE_STATUSES, update_record

    assert set(UPDATE_STATUSES) == set(issues.workflow().statuses)
    change = make_report(category=service).changes[0]
    change.to_status = "a_city_status"
    issues.workflow().statuses["a_city_status"] = issues.workflow()["fixed"]
    try:
        assert update_record(change)["status"] == "closed"
    finally:
        del issues.workflow().statuses["a_city_status"]


def test_the_window_is_the_last_90_days_unless_asked(client, db, service, make_report):
    report = make_report(category=service)
    step = report.changes[0]
    step.created_at = utcnow() - timedelta(days=100)
    db.session.commit()
    assert both_formats(client, URL, "service_requests_updates") == []
    since = (utcnow() - timedelta(days=120)).strftime("%Y-%m-%dT%H:%M:%SZ")
    url = URL + f"?start_date={since}"
    data = both_formats(client, url, "service_requests_updates")
    assert [u["update_id"] for u in data] == [str(step.id)]


def test_pages(client, db, service, make_report, make_user):
    staff = make_user("planner")
    report = make_report(category=service)
    issues.change_status(staff, report.id, "acknowledged", "One.", "en")
    issues.change_status(staff, report.id, "in_progress", "Two.", "en")
    first = both_formats(client, URL + "?page_size=2", "service_requests_updates")
    second = both_formats(
        client, URL + "?page_size=2&page=2", "service_requests_updates"
    )
    assert [u["description"] for u in first + second] == [None, "One.", "Two."]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("start_date=yesterday", "start_date"),
        ("start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", "end_date"),
        ("page_size=0", "page_size"),
    ],
)
def test_bad_windows_are_400(client, service, query, parameter):
    data = both_formats(client, URL + f"?{query}", "errors", expected_status=400)
    assert data[0]["code"] == 400 and data[0]["description"].startswith(parameter)


def test_unknown_jurisdiction_is_404(client, service):
    data = both_formats(
        client, URL + "?jurisdiction_id=elsewhere", "errors", expected_status=404
    )
    assert data[0]["code"] == 404
