"""Updates, decisions and milestones: validation, scheduling, audit, notifications."""

import io
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import select

from participation.core.models import AuditEntry
from participation.errors import Invalid, NotAllowed, NotFound
from participation.notify.models import Notification
from participation.projects import follows, posts, records
from participation.projects.models import ProjectUpdate
from participation.types import utcnow
from tests.issues.test_photos import jpeg_with_gps
from tests.projects.conftest import days_ago


def _notified(db, user):
    return db.session.scalars(
        select(Notification).where(Notification.user_id == user.id)
    ).all()


def test_publishing_now_tells_followers_of_the_project_district_and_theme(
    db, thread_project, post, make_user
):
    by_project, by_district, by_theme, by_all, outsider = (
        make_user() for _ in range(5)
    )
    follows.follow(by_project, "project", thread_project.id)
    follows.follow(by_district, "district", thread_project.district_id)
    follows.follow(by_theme, "theme", "mobility")
    for target, key in [
        ("project", thread_project.id),
        ("district", thread_project.district_id),
        ("theme", "mobility"),
    ]:
        follows.follow(by_all, target, key)
    follows.follow(outsider, "theme", "parks")
    follows.follow(thread_project.planner, "project", thread_project.id)

    update = post()

    assert update.notified_at is not None
    for user in (by_project, by_district, by_theme, by_all):
        notes = _notified(db, user)
        assert [n.update_id for n in notes] == [update.id]  # once, even if thrice
    assert _notified(db, outsider) == []
    assert _notified(db, thread_project.planner) == []  # the author is not told
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "project_update.post")
    )
    assert entry.target_id == update.id and entry.after["title"] == update.title


def test_a_scheduled_update_stays_hidden_and_tells_followers_when_due(
    db, thread_project, post, make_user
):
    follower = make_user()
    follows.follow(follower, "project", thread_project.id)
    update = post(publish_at=utcnow() + timedelta(hours=2))

    assert update.notified_at is None
    assert _notified(db, follower) == []
    with pytest.raises(NotFound):
        posts.get_update(update.id, follower)
    assert posts.get_update(update.id, thread_project.planner) == update
    assert posts.scheduled_updates(thread_project.id) == [update]

    assert posts.publish_due_updates(now=utcnow()) == 0
    assert posts.publish_due_updates(now=utcnow() + timedelta(hours=3)) == 1
    assert [n.update_id for n in _notified(db, follower)] == [update.id]
    assert posts.publish_due_updates(now=utcnow() + timedelta(hours=4)) == 0


def test_a_scheduled_update_can_be_withdrawn_but_a_published_one_cannot(
    db, post, thread_project
):
    later = post(publish_at=utcnow() + timedelta(days=1))
    posts.cancel_update(thread_project.planner, later.id)
    assert db.session.get(ProjectUpdate, later.id) is None
    published = post()
    with pytest.raises(Invalid) as error:
        posts.cancel_update(thread_project.planner, published.id)
    assert "update" in error.value.errors


def test_update_errors_are_field_by_field_and_nothing_is_stored(
    db, thread_project, post, make_engagement, make_project
):
    elsewhere = make_engagement(project=make_project(), kind="meeting")
    with pytest.raises(Invalid) as error:
        post(
            title=" ",
            body="",
            publish_at=utcnow() - timedelta(minutes=1),
            engagement_id=elsewhere.id,
            language="xx",
        )
    assert set(error.value.errors) == {
        "title",
        "body",
        "publish_at",
        "engagement_id",
        "language",
    }
    assert db.session.scalar(select(ProjectUpdate)) is None


def test_only_planners_post(thread_project, make_user):
    from participation.projects.posts import UpdateData, post_update

    for user in (make_user(), make_user("evaluator")):
        with pytest.raises(NotAllowed):
            post_update(user, thread_project.id, UpdateData(title="t", body="b"))


def test_an_update_picture_is_stored_without_its_metadata(app, post):
    raw = jpeg_with_gps()
    assert b"PhoneMaker" in raw
    with pytest.raises(Invalid) as error:
        post(image=raw)
    assert set(error.value.errors) == {"image_alt"}
    update = post(image=raw, image_alt="The new crossing, painted")
    from participation.core.photos import upload_folder

    stored = (upload_folder() / update.image).read_bytes()
    assert b"PhoneMaker" not in stored and b"Ana Resident" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()
    with pytest.raises(Invalid) as error:
        post(image=b"not a picture", image_alt="x")
    assert set(error.value.errors) == {"image"}


def test_editing_a_published_update_marks_it_and_keeps_its_date(post, thread_project):
    update = post()
    first = update.publish_at
    posts.edit_update(
        thread_project.planner,
        update.id,
        posts.UpdateData(title="Works start Tuesday", body="Rain."),
    )
    assert update.title == "Works start Tuesday"
    assert update.publish_at == first and update.edited_at is not None


def test_a_decision_records_who_when_document_and_informing_engagements(
    db, thread_project, make_engagement, make_user
):
    follower = make_user()
    follows.follow(follower, "project", thread_project.id)
    walk = make_engagement(project=thread_project, kind="meeting")
    decision = records.record_decision(
        thread_project.planner,
        thread_project.id,
        records.DecisionData(
            title="Crossing on Mill Lane approved",
            decided_by="City council",
            decided_at=days_ago(2),
            document_url="https://example.org/minutes/12",
            engagement_ids=[walk.id],
        ),
    )
    assert decision.engagements == [walk]
    assert [n.decision_id for n in _notified(db, follower)] == [decision.id]
    with pytest.raises(Invalid) as error:
        records.record_decision(
            thread_project.planner,
            thread_project.id,
            records.DecisionData(
                title="",
                decided_by="",
                decided_at=None,
                document_url="ftp://x",
                engagement_ids=[walk.id + 1000],
            ),
        )
    assert set(error.value.errors) == {
        "title",
        "decided_by",
        "decided_at",
        "document_url",
        "engagement_ids",
    }


def test_milestones_are_planned_reached_or_missed(thread_project):
    planner = thread_project.planner
    milestone = records.add_milestone(
        planner,
        thread_project.id,
        records.MilestoneData(
            title="Design agreed", due_at=utcnow() + timedelta(days=30)
        ),
    )
    assert milestone.state == "planned" and milestone.at == milestone.due_at
    with pytest.raises(Invalid) as error:
        records.update_milestone(
            planner,
            milestone.id,
            records.MilestoneData(title="Design agreed", due_at=None, state="reached"),
        )
    assert set(error.value.errors) == {"due_at", "reached_at"}
    with pytest.raises(Invalid) as error:
        records.update_milestone(
            planner,
            milestone.id,
            records.MilestoneData(
                title="Design agreed",
                due_at=milestone.due_at,
                state="reached",
                reached_at=utcnow() + timedelta(days=1),
            ),
        )
    assert set(error.value.errors) == {"reached_at"}
    reached = days_ago(1)
    records.update_milestone(
        planner,
        milestone.id,
        records.MilestoneData(
            title="Design agreed",
            due_at=milestone.due_at,
            state="reached",
            reached_at=reached,
        ),
    )
    assert milestone.state == "reached" and milestone.at == reached
    records.update_milestone(
        planner,
        milestone.id,
        records.MilestoneData(
            title="Design agreed",
            due_at=milestone.due_at,
            state="missed",
            reached_at=reached,
        ),
    )
    assert milestone.reached_at is None  # only a reached milestone keeps that date
