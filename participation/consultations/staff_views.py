"""Planners' side of a consultation: set it up, its managing page, open, extend or close
it (building the survey and the text: builder_views.py, on this same blueprint;
answers and outcome: reply_views.py)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.auth.decorators import permission_required
from participation.consultations import services
from participation.consultations.forms import (
    ClosingForm,
    ConsultationForm,
    QuestionForm,
    SectionForm,
    TextForm,
)
from participation.consultations.responses import response_count
from participation.consultations.views import texts_to_show
from participation.core.clock import from_city_time, to_city_time
from participation.core.services import get_city, get_project, list_districts
from participation.errors import Invalid
from participation.formtools import apply_errors, flash_errors
from participation.i18n.content import prefetch
from participation.languages import current_language
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
        **form.claim(),
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


def manage_page(consultation, status=200, **forms):
    """The managing page, with the forms given (re-shown with their errors)."""
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
    return manage_page(services.get_consultation(consultation_id))[0]


@bp.post("/consultations/<int:consultation_id>/open")
@permission_required(MANAGE)
def open_now(consultation_id: int):
    try:
        services.open_now(current_user, consultation_id)
    except Invalid as error:
        flash_errors(error)
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
    return manage_page(consultation, 400, closing_form=form)
