"""Factories for project threads."""

from datetime import timedelta

import pytest

from participation.types import utcnow


@pytest.fixture
def thread_project(make_project, make_user, square_city, db):
    """A project in the West Bank district, with its planner at hand."""
    from participation.core.models import District

    planner = make_user("planner")
    west = db.session.scalar(db.select(District).filter_by(name="West Bank"))
    project = make_project(actor=planner, district_id=west.id)
    project.planner = planner
    return project


@pytest.fixture
def post(thread_project):
    """Post an update to the thread project (now, or `publish_at`)."""
    from participation.projects.posts import UpdateData, post_update

    def factory(title="Works start Monday", body="**Crews** arrive at 7.", **fields):
        return post_update(
            thread_project.planner,
            thread_project.id,
            UpdateData(title=title, body=body, **fields),
        )

    return factory


def days_ago(days: float):
    return utcnow() - timedelta(days=days)
