"""Residents' side of a consultation: read it, answer, comment, support, see results."""

import json

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from participation.auth.permissions import can
from participation.consultations import comments, outcome, responses, results, services
from participation.consultations.forms import CommentForm
from participation.consultations.observe import consultation_facts
from participation.consultations.survey_forms import survey_answers, survey_form
from participation.core.contributions import machine_translation_share
from participation.core.services import get_city
from participation.errors import Invalid, NotFound
from participation.extensions import limiter
from participation.formtools import apply_errors, flash_errors
from participation.i18n.content import prefetch, show_field, texts_of
from participation.ladder.services import assessment_of
from participation.languages import current_language
from participation.limits import contribution_limit
from participation.params import stored_id

bp = Blueprint("consultations", __name__)


def option_labels(consultation) -> dict[int, str]:
    """Option labels in the reader's language (marked translations stay in results)."""
    return {
        o.id: show_field(o, "label").text
        for q in consultation.questions
        for o in q.options
    }


def texts_to_show(consultation, *extra):
    questions = consultation.questions
    return texts_of(
        consultation,
        consultation.project,
        *questions,
        *(o for q in questions for o in q.options),
        *(c for q in questions for c in q.clarifications),
        *consultation.sections,
        *consultation.closing_changes,
        *consultation.themes,
        *extra,
    )


def _comment_form(section_id: int) -> CommentForm:
    """The comment form of one section (each section's fields have their own names)."""
    return CommentForm(prefix=f"s{section_id}")


def _page(consultation, form=None, comment_form=None, status=200):
    threads = comments.comments_by_section(consultation)
    shown_comments = [c for thread in threads.values() for c in thread]
    prefetch(
        texts_to_show(
            consultation,
            *shown_comments,
            *(c.reply for c in shown_comments if c.reply),
        )
    )
    mine = responses.own_response(current_user, consultation)
    phase = services.phase(consultation)
    allowed, reason = services.may_take_part(current_user, consultation)
    if form is None and consultation.questions:
        form = survey_form(
            consultation.questions, option_labels(consultation), response=mine
        )
        form.language.data = mine.language if mine else current_language()
    comment_forms = {}
    for section in consultation.sections:
        comment_forms[section.id] = _comment_form(section.id)
        comment_forms[section.id].language.data = current_language()
    if comment_form is not None:
        comment_forms[comment_form.section_id] = comment_form
    language_figures = None
    if can(current_user, "view_language_figures", consultation):
        working = get_city().default_locale
        language_figures = (working, machine_translation_share(consultation, working))
    return (
        render_template(
            "consultations/show.html",
            consultation=consultation,
            phase=phase,
            form=form,
            mine=mine,
            allowed=allowed,
            reason=reason,
            comment_forms=comment_forms,
            threads=threads,
            supported=comments.supported_ids(current_user, consultation),
            supported_sections=comments.supported_sections(current_user, consultation),
            staff=can(current_user, "manage_consultations", consultation),
            facts=consultation_facts(consultation),
            assessment=assessment_of(consultation),
            language_figures=language_figures,
            preview=False,
        ),
        status,
    )


@bp.get("/consultations/<int:consultation_id>")
def show(consultation_id: int):
    return _page(services.get_consultation(consultation_id))


def _anonymous_limit() -> str:
    return current_app.config["CONSULTATION_ANONYMOUS_RATE_LIMIT"]


@bp.post("/consultations/<int:consultation_id>/respond")
@limiter.limit(_anonymous_limit, exempt_when=lambda: current_user.is_authenticated)
@contribution_limit("ANSWER_RATE_LIMIT")
def respond(consultation_id: int):
    consultation = services.get_consultation(consultation_id)
    form = survey_form(
        consultation.questions, option_labels(consultation), request.form
    )
    language = form.language.data or current_language()
    try:
        answers = survey_answers(form, consultation.questions)
        editing = responses.own_response(current_user, consultation) is not None
        responses.submit_response(current_user, consultation_id, answers, language)
    except Invalid as error:
        if "consultation" in error.errors:  # closed, not open yet, not in the audience
            flash(error.errors.pop("consultation"), "error")
        apply_errors(form, error)
        return _page(consultation, form=form, status=400)
    if editing:
        flash(_("Your answers have been updated."), "success")
    else:
        flash(_("Thank you: your answers have been recorded."), "success")
    return redirect(url_for(".show", consultation_id=consultation_id) + "#survey")


@bp.post("/consultations/<int:consultation_id>/sections/<int:section_id>/comments")
@login_required
@contribution_limit("COMMENT_RATE_LIMIT")
def comment(consultation_id: int, section_id: int):
    consultation = services.get_consultation(consultation_id)
    form = _comment_form(section_id)
    if form.validate_on_submit():
        parent = form.parent_id.data
        try:
            posted = comments.post_comment(
                current_user,
                section_id,
                form.body.data,
                form.language.data,
                parent_id=stored_id(parent) if parent else None,
                show_name=form.show_name.data,
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Your comment has been published."), "success")
            return redirect(
                url_for(".show", consultation_id=consultation_id)
                + f"#comment-{posted.id}"
            )
    form.section_id = section_id
    return _page(consultation, comment_form=form, status=400)


@bp.post("/consultations/comments/<int:comment_id>/support")
@login_required
def support(comment_id: int):
    comment = comments.get_comment(comment_id)
    try:
        comments.support_comment(current_user, comment_id)
    except Invalid as error:
        flash_errors(error)
    else:
        flash(_("Thank you for your support."), "success")
    return redirect(
        url_for(".show", consultation_id=comment.consultation_id)
        + f"#comment-{comment.id}"
    )


@bp.post("/consultations/sections/<int:section_id>/support")
@login_required
def support_section(section_id: int):
    section = comments.get_section(section_id)
    try:
        comments.support_section(current_user, section_id)
    except Invalid as error:
        flash_errors(error)
    else:
        flash(_("Thank you for your support."), "success")
    return redirect(
        url_for(".show", consultation_id=section.consultation_id)
        + f"#section-{section_id}"
    )


def _visible_results(consultation_id: int):
    consultation = services.get_consultation(consultation_id)
    if not outcome.may_see_results(current_user, consultation):
        raise NotFound("results")
    return consultation


@bp.get("/consultations/<int:consultation_id>/results")
def results_page(consultation_id: int):
    consultation = _visible_results(consultation_id)
    total, tallies = results.tally(consultation)
    texts = [a for r in tallies for a in r.texts]
    decisions = outcome.linked_decisions(consultation)
    prefetch(texts_to_show(consultation, *texts, *decisions.values()))
    return render_template(
        "consultations/results.html",
        consultation=consultation,
        total=total,
        tallies=tallies,
        labels=option_labels(consultation),
        audience_note=outcome.audience_note(consultation),
        decisions=decisions,
    )


@bp.get("/consultations/<int:consultation_id>/results.csv")
def results_csv(consultation_id: int):
    consultation = _visible_results(consultation_id)
    return Response(
        results.export_csv(consultation),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=consultation-"
            f"{consultation.id}.csv"
        },
    )


@bp.get("/consultations/<int:consultation_id>/results.json")
def results_json(consultation_id: int):
    consultation = _visible_results(consultation_id)
    return Response(
        json.dumps(results.export_json(consultation), ensure_ascii=False, indent=1),
        mimetype="application/json",
        headers={
            "Content-Disposition": f"attachment; filename=consultation-"
            f"{consultation.id}.json"
        },
    )
