"""What a project page shows, gathered in a fixed number of queries: the status at a
glance, the timeline page, the questions with their answers, whether the reader
follows, and (for planners) what is scheduled."""

from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from sqlalchemy import select

from participation.auth.permissions import can
from participation.core import timeline
from participation.core.models import District, Project
from participation.extensions import db
from participation.lookup import stored
from participation.projects import follows, posts, questions, status
from participation.projects.models import ProjectQuestion


@dataclass
class Thread:
    project: Project | None
    page: timeline.Page
    groups: set[str]
    glance: status.Glance | None = None
    questions: list[ProjectQuestion] = field(default_factory=list)
    on_updates: dict[int, list[ProjectQuestion]] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    # Questions per update on the page, and (None) on the project itself.
    counts: dict = field(default_factory=dict)
    following: bool = False
    scheduled: list = field(default_factory=list)

    def texts(self) -> list[Any]:
        """Every object whose texts the page shows (to prefetch translations)."""
        objects = [item.obj for item in self.page.items]
        for question in [*self.questions, *sum(self.on_updates.values(), [])]:
            objects.append(question)
            if question.answer:
                objects.append(question.answer)
        return objects


def get_district(district_id: int) -> District:
    """The district with this id, or NotFound."""
    return stored(District, district_id, "district")


def projects_of(district_id: int | None = None, theme: str | None = None) -> list:
    """The projects of a district or a theme, by title."""
    query = select(Project).order_by(Project.title)
    if district_id is not None:
        query = query.where(Project.district_id == district_id)
    if theme is not None:
        query = query.where(Project.theme == theme)
    return list(db.session.scalars(query))


def chosen_groups(values: list[str]) -> set[str]:
    """The filters picked from the offered ones (none picked: everything)."""
    return {value for value in values if value in timeline.GROUPS}


def project_scope(project: Project) -> timeline.Scope:
    districts = (project.district_id,) if project.district_id else ()
    return timeline.Scope((project.id,), districts)


def district_scope(district: District) -> timeline.Scope:
    ids = tuple(
        db.session.scalars(select(Project.id).where(Project.district_id == district.id))
    )
    return timeline.Scope(ids, (district.id,))


def project_thread(
    project: Project, groups: set[str], before: str | None, viewer: Any
) -> Thread:
    """The project page's content for this reader."""
    size = current_app.config["TIMELINE_PAGE_SIZE"]
    page = timeline.page(
        project_scope(project), groups, timeline.Cursor.parse(before), size
    )
    update_ids = [item.id for item in page.items if item.source == "update"]
    on_updates = questions.latest_per_update(project.id, update_ids)
    general = questions.latest_on_project(project.id)
    thread = Thread(
        project=project,
        page=page,
        groups=groups,
        glance=status.glance(project),
        questions=general,
        on_updates=on_updates,
        names=questions.shown_authors([*general, *sum(on_updates.values(), [])]),
        counts=questions.counts(project.id, update_ids),
        following=follows.is_following(viewer, "project", project.id),
    )
    if can(viewer, "post_project_updates", project):
        thread.scheduled = posts.scheduled_updates(project.id)
    return thread


def district_thread(
    district: District, groups: set[str], before: str | None, viewer: Any
) -> Thread:
    """A district page: the timelines of its projects and its issue reports."""
    size = current_app.config["TIMELINE_PAGE_SIZE"]
    page = timeline.page(
        district_scope(district), groups, timeline.Cursor.parse(before), size
    )
    return Thread(
        project=None,
        page=page,
        groups=groups,
        following=follows.is_following(viewer, "district", district.id),
    )
