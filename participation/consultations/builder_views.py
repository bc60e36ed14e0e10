"""Planners build a consultation's survey (questions, their order, clarifications) and
its text (sections), and preview the survey. The routes join the consultation_staff
blueprint of staff_views.py, under the same endpoint names."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.auth.decorators import permission_required
from participation.consultations import comments, services, survey
from participation.consultations.forms import QuestionForm, SectionForm, TextForm
from participation.consultations.staff_views import MANAGE, bp, manage_page
from participation.consultations.survey import QuestionData
from participation.consultations.survey_forms import survey_form
from participation.consultations.views import option_labels, texts_to_show
from participation.errors import Invalid
from participation.formtools import apply_errors, flash_errors
from participation.i18n.content import prefetch
from participation.languages import current_language


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
    return manage_page(consultation, 400, question_form=form)


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
        flash_errors(error)
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
        flash_errors(error)
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
    return manage_page(
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
    return manage_page(consultation, 400, section_form=form)


@bp.post("/consultations/sections/<int:section_id>/delete")
@permission_required(MANAGE)
def delete_section(section_id: int):
    section = comments.get_section(section_id)
    consultation_id = section.consultation_id
    try:
        comments.delete_section(current_user, section_id)
    except Invalid as error:
        flash_errors(error)
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
