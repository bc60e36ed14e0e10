"""Rules for projects and engagements."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from participation.core import services
from participation.core.models import AuditEntry, Engagement, Meeting, Project
from participation.errors import Invalid, NotAllowed, NotFound
from participation.projects import planning

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def engagement_data(**fields):
    data = {
        "kind": "meeting",
        "title": "Neighbourhood walk",
        "opens_at": T0,
        "claimed_rung": 5,
    }
    return services.EngagementData(**{**data, **fields})


def test_planner_creates_project_and_it_is_audited(db, make_user):
    planner = make_user("planner")
    project = planning.create_project(
        planner,
        planning.ProjectData(
            title=" Tree canopy ", summary="More shade.", theme="parks"
        ),
    )
    assert db.session.get(Project, project.id).title == "Tree canopy"
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "project.create")
    ).one()
    assert (entry.actor_id, entry.action, entry.target_id) == (
        planner.id,
        "project.create",
        project.id,
    )
    assert entry.before is None and entry.after["theme"] == "parks"


@pytest.mark.parametrize("roles", [(), ("evaluator",)])
def test_residents_and_evaluators_cannot_create_projects(db, make_user, roles):
    user = make_user(*roles)
    with pytest.raises(NotAllowed):
        planning.create_project(
            user, planning.ProjectData(title="X", summary="Y", theme="parks")
        )
    assert db.session.scalar(select(Project).limit(1)) is None


def test_anonymous_cannot_create_projects(db):
    with pytest.raises(NotAllowed):
        planning.create_project(
            None, planning.ProjectData(title="X", summary="Y", theme="parks")
        )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"summary": ""}, "summary"),
        ({"theme": "weather"}, "theme"),
        ({"status": "cancelled-ish"}, "status"),
        ({"district_id": 999_999}, "district_id"),
    ],
)
def test_invalid_project_is_refused_and_nothing_is_written(
    db, make_user, fields, field
):
    planner = make_user("planner")
    data = {
        "title": "Tree canopy",
        "summary": "More shade.",
        "theme": "parks",
        **fields,
    }
    with pytest.raises(Invalid) as caught:
        planning.create_project(planner, planning.ProjectData(**data))
    assert field in caught.value.errors
    assert db.session.scalar(select(Project).limit(1)) is None
    assert (
        db.session.scalar(
            select(AuditEntry).where(AuditEntry.target_type == "project").limit(1)
        )
        is None
    )


def test_update_project_records_before_and_after(db, make_project, make_user):
    project = make_project(title="Old title")
    admin = make_user("admin")
    data = planning.ProjectData(
        title="New title", summary="S", theme="housing", status="underway"
    )
    planning.update_project(admin, project.id, data)
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "project.update")
    ).one()
    assert entry.before["title"] == "Old title"
    assert entry.after["title"] == "New title"
    assert entry.after["status"] == "underway"


def test_update_unknown_project_is_not_found(db, make_user):
    with pytest.raises(NotFound):
        planning.update_project(
            make_user("planner"),
            12345,
            planning.ProjectData(title="T", summary="S", theme="parks"),
        )


def test_engagement_subclass_follows_kind(db, make_user, make_project):
    planner = make_user("planner")
    project = make_project(actor=planner)
    engagement = planning.create_engagement(planner, project.id, engagement_data())
    db.session.expire_all()
    loaded = db.session.get(Engagement, engagement.id)
    assert isinstance(loaded, Meeting) and loaded.kind == "meeting"
    assert loaded.project.id == project.id


def test_engagement_times_keep_their_utc_instant(db, make_engagement):
    madrid = datetime(2026, 3, 1, 10, 0, tzinfo=UTC) + timedelta(hours=0)
    engagement = make_engagement(opens_at=madrid, closes_at=madrid + timedelta(days=30))
    db.session.expire_all()
    loaded = db.session.get(Engagement, engagement.id)
    assert loaded.opens_at == madrid and loaded.opens_at.tzinfo is not None
    assert loaded.closes_at - loaded.opens_at == timedelta(days=30)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "referendum"}, "kind"),
        ({"claimed_rung": 0}, "claimed_rung"),
        ({"claimed_rung": 9}, "claimed_rung"),
        ({"title": ""}, "title"),
        ({"closes_at": T0}, "closes_at"),
        ({"closes_at": T0 - timedelta(days=1)}, "closes_at"),
        ({"district_id": 424242}, "district_id"),
    ],
)
def test_invalid_engagement_is_refused(db, make_user, make_project, fields, field):
    planner = make_user("planner")
    project = make_project(actor=planner)
    with pytest.raises(Invalid) as caught:
        planning.create_engagement(planner, project.id, engagement_data(**fields))
    assert field in caught.value.errors
    assert db.session.scalar(select(Engagement).limit(1)) is None


def test_engagement_kind_cannot_change(db, make_user, make_project):
    planner = make_user("planner")
    project = make_project(actor=planner)
    engagement = planning.create_engagement(planner, project.id, engagement_data())
    with pytest.raises(Invalid) as caught:
        planning.update_engagement(
            planner, engagement.id, engagement_data(kind="consultation")
        )
    assert "kind" in caught.value.errors


def test_update_engagement_changes_claim_and_audits(db, make_user, make_project):
    planner = make_user("planner")
    project = make_project(actor=planner)
    engagement = planning.create_engagement(planner, project.id, engagement_data())
    planning.update_engagement(planner, engagement.id, engagement_data(claimed_rung=3))
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "engagement.update")
    ).one()
    assert (entry.before["claimed_rung"], entry.after["claimed_rung"]) == (5, 3)


def test_resident_cannot_add_engagement(db, make_user, make_project):
    project = make_project()
    with pytest.raises(NotAllowed):
        planning.create_engagement(make_user(), project.id, engagement_data())


def test_open_engagements_are_those_open_now(db, make_user, make_project):
    planner = make_user("planner")
    project = make_project(actor=planner)
    now = datetime.now(UTC)
    past = engagement_data(
        title="past",
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
    )
    current = engagement_data(
        title="current",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
    )
    endless = engagement_data(title="endless", opens_at=now - timedelta(days=1))
    future = engagement_data(title="future", opens_at=now + timedelta(days=5))
    for data in (past, current, endless, future):
        planning.create_engagement(planner, project.id, data)
    db.session.expire_all()
    (loaded,) = services.list_projects()
    assert sorted(e.title for e in services.open_engagements(loaded)) == [
        "current",
        "endless",
    ]


def test_city_defaults_apply_until_settings_are_stored(app, make_city):
    from flask import g

    assert services.get_city().timezone == "Europe/Madrid"
    make_city(name="Riverford", timezone="Europe/Lisbon")
    g.pop("city", None)
    assert services.get_city().name == "Riverford"
    assert services.get_city().timezone == "Europe/Lisbon"
