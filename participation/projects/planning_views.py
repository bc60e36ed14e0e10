"""Planners' forms: a project, and an engagement of a project, created and edited."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.auth.decorators import permission_required
from participation.core import services
from participation.core.clock import from_city_time, to_city_time
from participation.core.forms import EngagementForm, ProjectForm
from participation.errors import Invalid
from participation.formtools import apply_errors
from participation.languages import current_language
from participation.projects import planning

bp = Blueprint("planning", __name__)


def _project_data(form: ProjectForm) -> planning.ProjectData:
    return planning.ProjectData(
        title=form.title.data,
        summary=form.summary.data,
        description=form.description.data or "",
        theme=form.theme.data,
        status=form.status.data,
        district_id=form.district_id.data,
        language=form.language.data,
    )


@bp.route("/projects/new", methods=["GET", "POST"])
@permission_required("create_project")
def new_project():
    form = ProjectForm(services.list_districts())
    if request.method == "GET":
        form.language.data = current_language()
    if form.validate_on_submit():
        try:
            project = planning.create_project(current_user, _project_data(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Project created."), "success")
            return redirect(url_for("projects.project_page", project_id=project.id))
    return render_template("projects/project_form.html", form=form, project=None)


@bp.route("/projects/<int:project_id>/edit", methods=["GET", "POST"])
@permission_required("edit_project")
def edit_project(project_id: int):
    project = services.get_project(project_id)
    form = ProjectForm(services.list_districts(), obj=project)
    if form.validate_on_submit():
        try:
            planning.update_project(current_user, project_id, _project_data(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Project saved."), "success")
            return redirect(url_for("projects.project_page", project_id=project_id))
    return render_template("projects/project_form.html", form=form, project=project)


def _engagement_data(form: EngagementForm) -> services.EngagementData:
    tz = services.get_city().timezone
    return services.EngagementData(
        kind=form.kind.data,
        title=form.title.data,
        summary=form.summary.data or "",
        district_id=form.district_id.data,
        opens_at=from_city_time(form.opens_at.data, tz),
        closes_at=from_city_time(form.closes_at.data, tz),
        decided_at=from_city_time(form.decided_at.data, tz),
        **form.claim(),
        language=form.language.data,
    )


@bp.route("/projects/<int:project_id>/engagements/new", methods=["GET", "POST"])
@permission_required("create_engagement")
def new_engagement(project_id: int):
    project = services.get_project(project_id)
    form = EngagementForm(services.list_districts())
    if request.method == "GET":
        form.district_id.data = project.district_id
        form.language.data = current_language()
    if form.validate_on_submit():
        try:
            engagement = planning.create_engagement(
                current_user, project_id, _engagement_data(form)
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Engagement created."), "success")
            return redirect(
                url_for("projects.engagement_page", engagement_id=engagement.id)
            )
    return render_template(
        "projects/engagement_form.html", form=form, project=project, engagement=None
    )


@bp.route("/engagements/<int:engagement_id>/edit", methods=["GET", "POST"])
@permission_required("edit_engagement")
def edit_engagement(engagement_id: int):
    engagement = services.get_engagement(engagement_id)
    if engagement.kind == "consultation":
        return redirect(
            url_for("consultation_staff.edit", consultation_id=engagement_id)
        )
    form = EngagementForm(services.list_districts(), fixed_kind=engagement.kind)
    if request.method == "GET":
        tz = services.get_city().timezone
        form.process(obj=engagement)
        for name in ("opens_at", "closes_at", "decided_at"):
            form[name].data = to_city_time(getattr(engagement, name), tz)
    if form.validate_on_submit():
        try:
            planning.update_engagement(
                current_user, engagement_id, _engagement_data(form)
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Engagement saved."), "success")
            return redirect(
                url_for("projects.engagement_page", engagement_id=engagement_id)
            )
    return render_template(
        "projects/engagement_form.html",
        form=form,
        project=engagement.project,
        engagement=engagement,
    )
