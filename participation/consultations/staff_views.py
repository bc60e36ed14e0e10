"""Planners' side of a consultation: set it up, build the survey and the text, open,
extend or close it (answers and outcome: reply_views.py)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.auth.decorators import permission_required
from participation.consultations import comments, services, survey
from participation.consultations.forms import (
    ClosingForm,
    ConsultationForm,
    QuestionForm,
    SectionForm,
    TextForm,
)
from participation.consultations.responses import response_count
from participation.consultations.survey import QuestionData
from participation.consultations.survey_forms import survey_form
from participation.consultations.views import option_labels, texts_to_show
from participation.core.clock import from_city_time, to_city_time
from participation.core.services import get_city, get_project, list_districts
from participation.errors import Invalid
from participation.formtools import apply_errors
from participation.i18n.content import prefetch
from participation.i18n.locale import current_language
from participation.types import utcnow

bp = Blueprint("consultation_staff", __name__)
MANAGE = "manage_consultations"


def _data(form: ConsultationForm) -> services.ConsultationData:
    tz = get_city().timezone
    return services.ConsultationData(
        title=form.title.data or "",
        summary=form.summary.data or "",
        already_decided=form.already_decided.data or "",
        still_open=form.still_open.data or "",
        decision=form.decision.data or "",
        decided_at=from_city_time(form.decided_at.data, tz),
        district_id=form.district_id.data,
        audience=form.audience.data,
        opens_at=from_city_time(form.opens_at.data, tz),
        closes_at=from_city_time(form.closes_at.data, tz),
        claimed_rung=form.claimed_rung.data,
        commitment=form.commitment.data,
        commitment_url=form.commitment_url.data or "",
        language=form.language.data,
    )


@bp.route("/projects/<int:project_id>/consultations/new", methods=["GET", "POST"])
@permission_required("create_engagement")
def new(project_id: int):
    project = get_project(project_id)
    form = ConsultationForm(list_districts())
    if request.method == "GET":
        form.district_id.data = project.district_id
        form.language.data = current_language()
    if form.validate_on_submit():
        try:
            consultation = services.create_consultation(
                current_user, project_id, _data(form)
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Consultation created. Now add its questions or text."), "success")
            return redirect(url_for(".manage", consultation_id=consultation.id))
    return render_template(
        "consultations/form.html", form=form, project=project, consultation=None
    )


@bp.route("/consultations/<int:consultation_id>/edit", methods=["GET", "POST"])
@permission_required("edit_engagement")
def edit(consultation_id: int):
    consultation = services.get_consultation(consultation_id)
    form = ConsultationForm(list_districts())
    if request.method == "GET":
        tz = get_city().timezone
        form.process(obj=consultation)
        for name in ("opens_at", "closes_at", "decided_at"):
            form[name].data = to_city_time(getattr(consultation, name), tz)
    if form.validate_on_submit():
        try:
            services.update_consultation(current_user, consultation_id, _data(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Consultation saved."), "success")
            return redirect(url_for(".manage", consultation_id=consultation_id))
    return render_template(
        "consultations/form.html",
        form=form,
        project=consultation.project,
        consultation=consultation,
    )


def _manage_page(consultation, status=200, **forms):
    prefetch(texts_to_show(consultation))
    closing = forms.get("closing_form") or ClosingForm()
    if "closing_form" not in forms:
        closing.language.data = current_language()
        closing.closes_at.data = to_city_time(
            consultation.closes_at, get_city().timezone
        )
    clarify = forms.get("clarify_form") or TextForm(label=_("Clarification"))
    if "clarify_form" not in forms:
        clarify.language.data = current_language()
    return (
        render_template(
            "consultations/manage.html",
            consultation=consultation,
            phase=services.phase(consultation),
            responses=response_count(consultation),
            comment_count=services.comment_count(consultation),
            question_form=forms.get("question_form") or QuestionForm(),
            section_form=forms.get("section_form") or SectionForm(),
            closing_form=closing,
            clarify_form=clarify,
            clarify_id=forms.get("clarify_id"),
        ),
        status,
    )


@bp.get("/consultations/<int:consultation_id>/manage")
@permission_required(MANAGE)
def manage(consultation_id: int):
    return _manage_page(services.get_consultation(consultation_id))[0]


def _question_data(form: QuestionForm) -> QuestionData:
    return QuestionData(
        kind=form.kind.data,
        prompt=form.prompt.data or "",
        help=form.help.data or "",
        required=bool(form.required.data),
        options=(form.options.data or "").splitlines(),
        scale=form.scale_range(),
        min_label=form.min_label.data or "",
        max_label=form.max_label.data or "",
    )


@bp.post("/consultations/<int:consultation_id>/questions")
@permission_required(MANAGE)
def add_question(consultation_id: int):
    consultation = services.get_consultation(consultation_id)
    form = QuestionForm()
    if form.validate_on_submit():
        try:
            survey.add_question(current_user, consultation_id, _question_data(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Question added."), "success")
            return redirect(url_for(".manage", consultation_id=consultation_id))
    return _manage_page(consultation, 400, question_form=form)


@bp.route("/consultations/questions/<int:question_id>/edit", methods=["GET", "POST"])
@permission_required(MANAGE)
def edit_question(question_id: int):
    question = survey.get_question(question_id)
    form = QuestionForm()
    if request.method == "GET":
        form.process(obj=question)
        form.options.data = "\n".join(o.label for o in question.options)
        if question.scale_min is not None:
            form.scale.data = f"{question.scale_min}-{question.scale_max}"
    if form.validate_on_submit():
        try:
            survey.update_question(current_user, question_id, _question_data(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Question saved."), "success")
            return redirect(
                url_for(".manage", consultation_id=question.consultation_id)
            )
    return render_template(
        "consultations/question_form.html", form=form, question=question
    )


@bp.post("/consultations/questions/<int:question_id>/delete")
@permission_required(MANAGE)
def delete_question(question_id: int):
    question = survey.get_question(question_id)
    consultation_id = question.consultation_id
    try:
        survey.delete_question(current_user, question_id)
    except Invalid as error:
        for message in error.errors.values():
            flash(message, "error")
    else:
        flash(_("Question removed."), "success")
    return redirect(url_for(".manage", consultation_id=consultation_id))


@bp.post("/consultations/questions/<int:question_id>/move")
@permission_required(MANAGE)
def move_question(question_id: int):
    question = survey.get_question(question_id)
    step = 1 if request.form.get("direction") == "down" else -1
    try:
        survey.move_question(current_user, question_id, step)
    except Invalid as error:
        for message in error.errors.values():
            flash(message, "error")
    return redirect(url_for(".manage", consultation_id=question.consultation_id))


@bp.post("/consultations/questions/<int:question_id>/clarify")
@permission_required(MANAGE)
def clarify(question_id: int):
    question = survey.get_question(question_id)
    form = TextForm(label=_("Clarification"))
    if form.validate_on_submit():
        try:
            survey.add_clarification(
                current_user, question_id, form.body.data, form.language.data
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Clarification published."), "success")
            return redirect(
                url_for(".manage", consultation_id=question.consultation_id)
            )
    return _manage_page(
        question.consultation, 400, clarify_form=form, clarify_id=question_id
    )


@bp.post("/consultations/<int:consultation_id>/sections")
@permission_required(MANAGE)
def add_section(consultation_id: int):
    consultation = services.get_consultation(consultation_id)
    form = SectionForm()
    if form.validate_on_submit():
        try:
            comments.add_section(
                current_user, consultation_id, form.heading.data, form.body.data
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Section added."), "success")
            return redirect(url_for(".manage", consultation_id=consultation_id))
    return _manage_page(consultation, 400, section_form=form)


@bp.post("/consultations/sections/<int:section_id>/delete")
@permission_required(MANAGE)
def delete_section(section_id: int):
    section = comments.get_section(section_id)
    consultation_id = section.consultation_id
    try:
        comments.delete_section(current_user, section_id)
    except Invalid as error:
        for message in error.errors.values():
            flash(message, "error")
    else:
        flash(_("Section removed."), "success")
    return redirect(url_for(".manage", consultation_id=consultation_id))


@bp.get("/consultations/<int:consultation_id>/preview")
@permission_required(MANAGE)
def preview(consultation_id: int):
    consultation = services.get_consultation(consultation_id)
    prefetch(texts_to_show(consultation))
    form = survey_form(consultation.questions, option_labels(consultation))
    form.language.data = current_language()
    return render_template(
        "consultations/preview.html", consultation=consultation, form=form
    )


@bp.post("/consultations/<int:consultation_id>/open")
@permission_required(MANAGE)
def open_now(consultation_id: int):
    try:
        services.open_now(current_user, consultation_id)
    except Invalid as error:
        for message in error.errors.values():
            flash(message, "error")
    else:
        flash(_("The consultation is open."), "success")
    return redirect(url_for(".manage", consultation_id=consultation_id))


@bp.post("/consultations/<int:consultation_id>/closing")
@permission_required(MANAGE)
def change_closing(consultation_id: int):
    consultation = services.get_consultation(consultation_id)
    form = ClosingForm()
    closing_now = request.form.get("now") == "1"
    if closing_now:
        form.closes_at.validators = []
    if form.validate_on_submit() or (closing_now and form.reason.data):
        when = (
            utcnow()
            if closing_now
            else from_city_time(form.closes_at.data, get_city().timezone)
        )
        try:
            services.change_closing(
                current_user,
                consultation_id,
                when,
                form.reason.data,
                form.language.data,
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(
                _("The consultation is closed.")
                if closing_now
                else _("The closing date has been changed."),
                "success",
            )
            return redirect(url_for(".manage", consultation_id=consultation_id))
    return _manage_page(consultation, 400, closing_form=form)
