"""What residents see of projects: the home page, project, engagement and decision
pages, the thread's updates and questions, following, the digest choice, one-click
unsubscribe."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from participation.auth.permissions import can
from participation.core import services
from participation.core.contributions import machine_translation_share
from participation.core.models import Project, city_engagements
from participation.core.photos import upload_folder
from participation.core.services import get_project
from participation.errors import Invalid
from participation.extensions import limiter
from participation.formtools import apply_errors
from participation.i18n.content import prefetch, texts_of
from participation.ladder.services import assessment_of, assessments_for
from participation.languages import current_language
from participation.limits import contribution_limit
from participation.notify.views import notifications_page
from participation.params import int_arg, stored_id
from participation.projects import decisions, follows, posts, questions
from participation.projects.forms import DigestForm, QuestionForm
from participation.projects.page import chosen_groups, project_thread
from participation.urls import safe_next

bp = Blueprint("projects", __name__)


def question_form() -> QuestionForm:
    """A blank question form in the reader's language (or the one just submitted)."""
    form = QuestionForm()
    if not form.is_submitted():
        form.language.data = current_language()
    return form


@bp.get("/")
def home():
    projects = services.list_projects()
    open_by_project = {p.id: services.open_engagements(p) for p in projects}
    shown = [e for engagements in open_by_project.values() for e in engagements]
    prefetch(texts_of(*projects, *shown))
    return render_template(
        "projects/home.html",
        projects=projects,
        open_by_project=open_by_project,
        assessments=assessments_for(shown),
    )


@bp.get("/projects/<int:project_id>")
def project_page(project_id: int):
    return render_project(get_project(project_id))


def render_project(project) -> str:
    """A project page: its status at a glance, timeline, questions and answers."""
    thread = project_thread(
        project,
        chosen_groups(request.args.getlist("show")),
        request.args.get("before"),
        current_user,
    )
    prefetch(texts_of(project, *project.engagements, *thread.texts()))
    engagements = city_engagements(project.engagements)
    return render_template(
        "projects/project.html",
        project=project,
        thread=thread,
        engagements=engagements,
        archives=[e for e in project.engagements if e.is_archive],
        assessments=assessments_for(engagements),
        form=question_form(),
    )


@bp.get("/engagements/<int:engagement_id>")
def engagement_page(engagement_id: int):
    engagement = services.get_engagement(engagement_id)
    if engagement.kind == "consultation":
        return redirect(
            url_for("consultations.show", consultation_id=engagement_id), code=301
        )
    if engagement.kind == "budget_process":
        return redirect(
            url_for("budgeting.process_page", process_id=engagement_id), code=301
        )
    prefetch(texts_of(engagement, engagement.project))
    language_figures = None
    if can(current_user, "view_language_figures", engagement):
        working = services.get_city().default_locale
        language_figures = (working, machine_translation_share(engagement, working))
    return render_template(
        "projects/engagement.html",
        engagement=engagement,
        language_figures=language_figures,
        assessment=assessment_of(engagement),
    )


@bp.get("/decisions/<int:decision_id>")
def decision_page(decision_id: int):
    record = decisions.decision_record(decision_id)
    decision = record.decision
    themes = [part for pair in record.themes for part in pair]
    prefetch(texts_of(decision, decision.project, *record.engagements, *themes))
    return render_template("projects/decision.html", record=record)


def _after() -> int | None:
    return int_arg(request.args, "after")


def _render_conversation(project, update, form: QuestionForm, status: int = 200):
    """An update's questions, or (update None) the project's own, a page at a time."""
    asked, more = questions.question_page(
        project.id, update.id if update else None, _after()
    )
    shown = [update] if update else []
    prefetch(texts_of(*shown, project, *asked, *[q.answer for q in asked if q.answer]))
    return render_template(
        "projects/update.html" if update else "projects/questions.html",
        project=project,
        update=update,
        asked=asked,
        more=more,
        names=questions.shown_authors(asked),
        form=form,
    ), status


def _render_update(update, form: QuestionForm, status: int = 200):
    return _render_conversation(update.project, update, form, status)


@bp.get("/updates/<int:update_id>")
def update_page(update_id: int):
    return _render_update(posts.get_update(update_id, current_user), question_form())


def _render_questions(project: Project, form: QuestionForm, status: int = 200):
    return _render_conversation(project, None, form, status)


@bp.get("/projects/<int:project_id>/questions")
def questions_list(project_id: int):
    return _render_questions(get_project(project_id), question_form())


@bp.get("/updates/<int:update_id>/image.jpg")
def update_image(update_id: int):
    update = posts.get_update(update_id, current_user)
    if not update.image:
        abort(404)
    return send_from_directory(upload_folder(), update.image, mimetype="image/jpeg")


def _question_limit() -> str:
    return current_app.config["QUESTION_RATE_LIMIT"]


@bp.post("/projects/<int:project_id>/questions")
@login_required
@limiter.limit(_question_limit)
@contribution_limit("COMMENT_RATE_LIMIT")
def ask(project_id: int):
    project = get_project(project_id)
    form = question_form()
    update_id = stored_id(form.update_id.data or "")
    back = (
        url_for("projects.update_page", update_id=update_id)
        if update_id
        else url_for("projects.project_page", project_id=project_id)
    )
    if form.validate_on_submit():
        try:
            question = questions.ask_question(
                current_user,
                project_id,
                questions.QuestionData(
                    body=form.body.data,
                    kind=form.kind.data,
                    language=form.language.data,
                    show_name=form.show_name.data,
                    update_id=update_id,
                ),
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(
                _("Your question is published. The city answers in public.")
                if question.kind == "question"
                else _("Your comment is published."),
                "success",
            )
            return redirect(f"{back}#question-{question.id}")
    flash(_("Your question could not be published: see the form."), "error")
    if update_id:
        return _render_update(posts.get_update(update_id, current_user), form, 400)
    return _render_questions(project, form, 400)


@bp.get("/questions/<int:question_id>")
def question_page(question_id: int):
    question = questions.get_question(question_id)
    anchor = f"question-{question.id}"
    if question.update_id:
        return redirect(
            url_for(
                "projects.update_page", update_id=question.update_id, _anchor=anchor
            )
        )
    return redirect(
        url_for("projects.project_page", project_id=question.project_id, _anchor=anchor)
    )


FOLLOWABLE = {
    "project": lambda key: url_for("projects.project_page", project_id=key),
    "district": lambda key: url_for("places.district_page", district_id=key),
    "theme": lambda key: url_for("places.theme_page", theme=key),
}


@bp.post("/follow/<target>/<key>")
@login_required
def follow(target: str, key: str):
    if target not in FOLLOWABLE:
        abort(404)
    follows.follow(current_user, target, key)
    flash(_("You follow it now: news appears in your notifications."), "success")
    return redirect(
        safe_next(request.form.get("next"))
        if request.form.get("next")
        else FOLLOWABLE[target](key)
    )


@bp.post("/unfollow/<target>/<key>")
@login_required
def unfollow(target: str, key: str):
    if target not in FOLLOWABLE:
        abort(404)
    follows.unfollow(current_user, target, key)
    flash(_("You no longer follow it."), "success")
    return redirect(
        safe_next(request.form.get("next"))
        if request.form.get("next")
        else FOLLOWABLE[target](key)
    )


@bp.post("/notifications/digest")
@login_required
def digest():
    form = DigestForm()
    if form.validate_on_submit():
        try:
            follows.set_digest(current_user, form.frequency.data)
        except Invalid as error:
            form.frequency.errors = [error.errors["frequency"]]
        else:
            flash(_("Saved: how often we email you."), "success")
            return redirect(url_for("notify.notifications"))
    return notifications_page(400, digest_form=form)
