"""Planners answer residents' inputs, publish the results and "what we heard, what
we did"."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.auth.decorators import permission_required
from participation.consultations import comments, outcome, services
from participation.consultations.forms import ReportForm, TextForm
from participation.consultations.survey_models import Response
from participation.consultations.views import option_labels, texts_to_show
from participation.core.clock import from_city_time, to_city_time
from participation.core.decisions import decisions_of
from participation.core.services import get_city
from participation.errors import Invalid
from participation.extensions import db
from participation.formtools import apply_errors, flash_errors
from participation.i18n.content import prefetch
from participation.languages import current_language
from participation.params import int_arg

bp = Blueprint("consultation_replies", __name__)
MANAGE = "manage_consultations"


@bp.post("/consultations/<int:consultation_id>/publish-results")
@permission_required(MANAGE)
def publish_results(consultation_id: int):
    try:
        outcome.publish_results(current_user, consultation_id)
    except Invalid as error:
        flash_errors(error)
        return redirect(
            url_for("consultation_staff.manage", consultation_id=consultation_id)
        )
    flash(_("The results are public."), "success")
    return redirect(
        url_for("consultations.results_page", consultation_id=consultation_id)
    )


@bp.route("/consultations/<int:consultation_id>/report", methods=["GET", "POST"])
@permission_required(MANAGE)
def report(consultation_id: int):
    consultation = services.get_consultation(consultation_id)
    form = ReportForm()
    tz = get_city().timezone
    if request.method == "GET":
        form.language.data = current_language()
        form.summary.data = consultation.report_summary
        form.decided_at.data = to_city_time(consultation.decided_at, tz)
        for n, theme in enumerate(consultation.themes):
            if n >= len(form.themes):
                form.themes.append_entry()
            form.themes[n].heard.data, form.themes[n].did.data = theme.heard, theme.did
            form.themes[n].decision.data = theme.decision_id
    more = request.method == "POST" and request.form.get("more")
    if more:
        form.themes.append_entry()
    decisions = decisions_of(consultation.project_id)
    form.offer_decisions(decisions)
    if not more and form.validate_on_submit():
        try:
            outcome.publish_report(
                current_user,
                consultation_id,
                form.summary.data or "",
                [
                    outcome.ThemeData(
                        t.heard.data or "", t.did.data or "", t.decision.data
                    )
                    for t in form.themes
                ],
                from_city_time(form.decided_at.data, tz),
                form.language.data,
            )
        except Invalid as error:
            apply_errors(form, error, aliases={"themes": "form"})
        else:
            flash(_("“What we heard, what we did” is published."), "success")
            return redirect(
                url_for("consultations.results_page", consultation_id=consultation_id)
                + "#report"
            )
    return render_template(
        "consultations/report_form.html",
        form=form,
        consultation=consultation,
        decisions=decisions,
    )


@bp.get("/consultations/<int:consultation_id>/inputs")
@permission_required(MANAGE)
def inputs(consultation_id: int):
    """Every input, in the planner's language, with its reply or a form to reply."""
    consultation = services.get_consultation(consultation_id)
    threads = comments.comments_by_section(consultation)
    all_comments = [c for thread in threads.values() for c in thread]
    responses = list(
        db.session.scalars(
            db.select(Response)
            .where(Response.consultation_id == consultation.id)
            .order_by(Response.created_at)
        )
    )
    unanswered = request.args.get("unanswered") == "1"
    if unanswered:
        all_comments = [c for c in all_comments if c.reply is None]
        responses = [r for r in responses if r.reply is None]
    answers = [a for r in responses for a in r.answers if a.text]
    replies = [c.reply for c in all_comments if c.reply] + [
        r.reply for r in responses if r.reply
    ]
    prefetch(texts_to_show(consultation, *all_comments, *answers, *replies))
    reply_form = TextForm(label=_("Official reply"))
    reply_form.language.data = current_language()
    return render_template(
        "consultations/inputs.html",
        consultation=consultation,
        comments=all_comments,
        responses=responses,
        reply_form=reply_form,
        unanswered=unanswered,
        labels=option_labels(consultation),
    )


@bp.post("/consultations/<int:consultation_id>/replies")
@permission_required(MANAGE)
def reply(consultation_id: int):
    form = TextForm(label=_("Official reply"))
    comment_id = int_arg(request.form, "comment_id")
    response_id = int_arg(request.form, "response_id")
    if form.validate_on_submit():
        try:
            comments.reply_officially(
                current_user,
                form.body.data,
                form.language.data,
                comment_id=comment_id,
                response_id=response_id,
            )
        except Invalid as error:
            flash_errors(error)
        else:
            flash(_("Your reply is published."), "success")
    else:
        flash(_("Write the reply before sending it."), "error")
    return redirect(url_for(".inputs", consultation_id=consultation_id))
