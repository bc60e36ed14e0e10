"""Staff triage: queue, categories, duplicates, moderation — all audited."""

import pytest
from sqlalchemy import select

from participation.core.models import AuditEntry
from participation.errors import Invalid, NotAllowed
from participation.issues import backing, services, triage
from participation.issues.models import Report
from participation.notify.models import Notification


def test_queue_is_oldest_first_and_staff_only(db, square_city, make_report, make_user):
    first = make_report(title="First")
    second = make_report(title="Second", lat=52.85)
    planner = make_user("planner")
    assert [r.id for r in triage.triage_queue(planner)] == [first.id, second.id]
    with pytest.raises(NotAllowed):
        triage.triage_queue(make_user())


def test_recategorise_moves_the_report_to_another_department(
    db, square_city, make_report, make_category, make_user
):
    report = make_report()
    roads = make_category(code="pothole", name="Pothole", department="Roads")
    triage.recategorise(make_user("planner"), report.id, roads.id)
    assert report.category.department.name == "Roads"
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "report.category")
    ).one()
    assert (entry.before, entry.after) == (
        {"category": "streetlight"},
        {"category": "pothole"},
    )


def test_duplicate_merges_support_and_followers_into_the_original(
    db, square_city, make_report, make_user
):
    original_reporter, dup_reporter, backer = make_user(), make_user(), make_user()
    original = make_report(reporter=original_reporter, title="Original")
    duplicate = make_report(reporter=dup_reporter, title="Same lamp", lat=52.8401)
    backing.support_report(backer, duplicate.id)
    backing.support_report(original_reporter, duplicate.id)  # will not back their own
    triage.mark_duplicate(make_user("planner"), duplicate.id, original.id, "")
    db.session.expire_all()
    duplicate = db.session.get(Report, duplicate.id)
    original = db.session.get(Report, original.id)
    assert duplicate.status == "duplicate" and duplicate.duplicate_of_id == original.id
    assert duplicate.changes[-1].note == f"Duplicate of report #{original.id}."
    assert original.support_count == 2  # the duplicate's reporter and its backer
    assert backing.is_following(dup_reporter, original)
    notified = {n.user_id for n in db.session.scalars(select(Notification))}
    assert dup_reporter.id in notified


@pytest.mark.parametrize("target", ["self", "missing"])
def test_duplicate_needs_another_existing_report(
    db, square_city, make_report, make_user, target
):
    report = make_report()
    original_id = report.id if target == "self" else 4242
    with pytest.raises(Invalid):
        triage.mark_duplicate(make_user("planner"), report.id, original_id, "")
    assert db.session.get(Report, report.id).status == "new"


def test_hiding_removes_the_report_from_public_view_with_a_reason(
    client, db, square_city, make_report, make_user
):
    report = make_report(title="Abusive words")
    planner = make_user("planner")
    with pytest.raises(Invalid):
        triage.hide_report(planner, report.id, " ")
    triage.hide_report(planner, report.id, "Insults a neighbour")
    assert client.get(f"/reports/{report.id}").status_code == 404
    assert "Abusive words" not in client.get("/reports").get_data(as_text=True)
    assert services.get_report(report.id, planner).hidden
    triage.unhide_report(planner, report.id)
    assert client.get(f"/reports/{report.id}").status_code == 200
    actions = [
        e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
    ]
    assert actions[-2:] == ["report.hide", "report.unhide"]


def test_staff_pages(client, db, square_city, login_as, make_report, make_category):
    report = make_report(title="Lamp out")
    login_as("planner")
    queue = client.get("/staff/reports").get_data(as_text=True)
    assert "Lamp out" in queue
    page = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert "Staff actions" in page
    response = client.post_form(
        f"/staff/reports/{report.id}/hide", {"reason": "Personal data in the text"}
    )
    assert response.status_code == 302
    assert "hidden</span>" in client.get("/staff/reports").get_data(as_text=True)
    roads = make_category(code="pothole", name="Pothole", department="Roads")
    client.post_form(f"/staff/reports/{report.id}/category", {"category_id": roads.id})
    db.session.expire_all()
    assert db.session.get(Report, report.id).category_id == roads.id


def test_response_templates_prefill_the_answer(
    client, db, square_city, login_as, make_report
):
    report = make_report()
    login_as("planner")
    response = client.post_form(
        "/staff/templates",
        {
            "title": "Crew booked",
            "body": "A crew is booked for this week.",
            "status": "acknowledged",
        },
    )
    assert response.status_code == 302
    from participation.issues.models import ResponseTemplate

    template = db.session.scalars(select(ResponseTemplate)).one()
    page = client.get(f"/reports/{report.id}?template={template.id}").get_data(
        as_text=True
    )
    assert "A crew is booked for this week.</textarea>" in page
    assert '<option selected value="acknowledged">' in page
    duplicate = client.post_form(
        "/staff/templates", {"title": "Crew booked", "body": "Another body"}
    )
    assert duplicate.status_code == 400
    assert "Another template already has this title." in duplicate.get_data(
        as_text=True
    )
    client.post_form("/staff/templates", {"id": template.id, "delete": "1"})
    assert db.session.scalars(select(ResponseTemplate)).all() == []
    actions = {e.action for e in db.session.scalars(select(AuditEntry))}
    assert {"template.save", "template.delete"} <= actions
