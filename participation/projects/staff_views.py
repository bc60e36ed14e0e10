"""Planners' side of project threads: post and schedule updates, record decisions and
milestones, answer and moderate questions, and the nudge list."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.auth.decorators import permission_required
from participation.core.clock import (
    city_day,
    from_city_time,
    start_of_day,
    to_city_time,
)
from participation.core.services import get_city, get_project
from participation.errors import Invalid
from participation.formtools import apply_errors
from participation.i18n.content import prefetch, texts_of
from participation.languages import current_language
from participation.params import int_arg
from participation.projects import posts, questions, records, status
from participation.projects.forms import (
    AnswerForm,
    DecisionForm,
    HideForm,
    MilestoneForm,
    UpdateForm,
)

bp = Blueprint("projects_staff", __name__)


def _tz() -> str:
    return get_city().timezone


def _update_data(form: UpdateForm) -> posts.UpdateData:
    upload = form.image.data
    return posts.UpdateData(
        title=form.title.data,
        body=form.body.data,
        language=form.language.data,
        publish_at=from_city_time(form.publish_at.data, _tz()),
        engagement_id=form.engagement_id.data,
        image=upload.read() if upload and getattr(upload, "filename", "") else None,
        image_alt=form.image_alt.data or "",
    )


@bp.route("/projects/<int:project_id>/updates/new", methods=["GET", "POST"])
@permission_required("post_project_updates")
def new_update(project_id: int):
    project = get_project(project_id)
    form = UpdateForm(project)
    if request.method == "GET":
        form.language.data = current_language()
        form.engagement_id.data = int_arg(request.args, "engagement_id")
    if form.validate_on_submit():
        try:
            update = posts.post_update(current_user, project_id, _update_data(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            if update.notified_at:
                flash(_("Update published; followers are told."), "success")
            else:
                flash(_("Update scheduled."), "success")
            return redirect(url_for("projects.project_page", project_id=project_id))
    return render_template(
        "projects/update_form.html", form=form, project=project, update=None
    )


@bp.route("/updates/<int:update_id>/edit", methods=["GET", "POST"])
@permission_required("post_project_updates")
def edit_update(update_id: int):
    update = posts.get_update(update_id, current_user)
    form = UpdateForm(update.project, obj=update)
    if request.method == "GET":
        form.image.data = None
        published = update.notified_at is not None
        form.publish_at.data = (
            None if published else to_city_time(update.publish_at, _tz())
        )
    if form.validate_on_submit():
        try:
            posts.edit_update(current_user, update_id, _update_data(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Update saved."), "success")
            return redirect(
                url_for("projects.project_page", project_id=update.project_id)
            )
    return render_template(
        "projects/update_form.html", form=form, project=update.project, update=update
    )


@bp.post("/updates/<int:update_id>/cancel")
@permission_required("post_project_updates")
def cancel_update(update_id: int):
    update = posts.get_update(update_id, current_user)
    project_id = update.project_id
    try:
        posts.cancel_update(current_user, update_id)
    except Invalid as error:
        flash(error.errors["update"], "error")
    else:
        flash(_("The scheduled update was withdrawn."), "success")
    return redirect(url_for("projects.project_page", project_id=project_id))


@bp.route("/projects/<int:project_id>/decisions/new", methods=["GET", "POST"])
@permission_required("post_project_updates")
def new_decision(project_id: int):
    project = get_project(project_id)
    form = DecisionForm(project)
    if request.method == "GET":
        form.language.data = current_language()
    if form.validate_on_submit():
        data = records.DecisionData(
            title=form.title.data,
            decided_by=form.decided_by.data,
            decided_at=start_of_day(form.decided_on.data, _tz()),
            description=form.description.data or "",
            document_url=form.document_url.data or "",
            engagement_ids=list(form.engagement_ids.data or []),
            language=form.language.data,
        )
        try:
            records.record_decision(current_user, project_id, data)
        except Invalid as error:
            apply_errors(form, error, {"decided_at": "decided_on"})
        else:
            flash(_("Decision recorded; followers are told."), "success")
            return redirect(url_for("projects.project_page", project_id=project_id))
    return render_template("projects/decision_form.html", form=form, project=project)


def _milestone_data(form: MilestoneForm) -> records.MilestoneData:
    return records.MilestoneData(
        title=form.title.data,
        due_at=start_of_day(form.due_on.data, _tz()),
        state=form.state.data,
        reached_at=start_of_day(form.reached_on.data, _tz()),
        note=form.note.data or "",
        language=form.language.data,
    )


MILESTONE_ALIASES = {"due_at": "due_on", "reached_at": "reached_on"}


@bp.route("/projects/<int:project_id>/milestones/new", methods=["GET", "POST"])
@permission_required("post_project_updates")
def new_milestone(project_id: int):
    project = get_project(project_id)
    form = MilestoneForm()
    if request.method == "GET":
        form.language.data = current_language()
    if form.validate_on_submit():
        try:
            records.add_milestone(current_user, project_id, _milestone_data(form))
        except Invalid as error:
            apply_errors(form, error, MILESTONE_ALIASES)
        else:
            flash(_("Milestone added."), "success")
            return redirect(url_for("projects.project_page", project_id=project_id))
    return render_template(
        "projects/milestone_form.html", form=form, project=project, milestone=None
    )


@bp.route("/milestones/<int:milestone_id>/edit", methods=["GET", "POST"])
@permission_required("post_project_updates")
def edit_milestone(milestone_id: int):
    milestone = records.get_milestone(milestone_id)
    form = MilestoneForm(obj=milestone)
    if request.method == "GET":
        form.due_on.data = city_day(milestone.due_at, _tz())
        form.reached_on.data = city_day(milestone.reached_at, _tz())
    if form.validate_on_submit():
        try:
            records.update_milestone(current_user, milestone_id, _milestone_data(form))
        except Invalid as error:
            apply_errors(form, error, MILESTONE_ALIASES)
        else:
            flash(_("Milestone saved."), "success")
            return redirect(
                url_for("projects.project_page", project_id=milestone.project_id)
            )
    return render_template(
        "projects/milestone_form.html",
        form=form,
        project=milestone.project,
        milestone=milestone,
    )


@bp.route("/questions/<int:question_id>/answer", methods=["GET", "POST"])
@permission_required("answer_project_questions")
def answer(question_id: int):
    question = questions.get_question(question_id)
    form = AnswerForm(obj=question.answer)
    hide_form = HideForm(prefix="hide")
    if request.method == "GET" and question.answer is None:
        form.language.data = current_language()
    if form.validate_on_submit():
        try:
            questions.answer_question(
                current_user, question_id, form.body.data, form.language.data
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Answer published; the person who asked is told."), "success")
            return redirect(url_for("projects.question_page", question_id=question_id))
    prefetch(texts_of(question, question.project))
    return render_template(
        "projects/answer_form.html", form=form, hide_form=hide_form, question=question
    )


@bp.post("/questions/<int:question_id>/hide")
@permission_required("answer_project_questions")
def hide(question_id: int):
    question = questions.get_question(question_id)
    hide_form = HideForm(prefix="hide")
    if hide_form.validate_on_submit():
        try:
            questions.hide_question(current_user, question_id, hide_form.reason.data)
        except Invalid as error:
            apply_errors(hide_form, error)
        else:
            flash(_("Hidden, with its reason shown in its place."), "success")
            return redirect(url_for("projects.question_page", question_id=question_id))
    prefetch(texts_of(question, question.project))
    return render_template(
        "projects/answer_form.html",
        form=AnswerForm(obj=question.answer),
        hide_form=hide_form,
        question=question,
    ), 400


@bp.get("/projects/nudges")
@permission_required("view_nudges")
def nudges():
    found = status.nudge_list()
    prefetch(texts_of(*[n.project for n in found]))
    return render_template("projects/nudges.html", nudges=found)
