"""The ladder on an engagement: claimed and evidenced rungs with the whole trace (for
everyone), and the facts planners record."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.auth.decorators import permission_required
from participation.auth.permissions import can
from participation.core.services import get_engagement
from participation.errors import Invalid
from participation.formtools import apply_errors
from participation.i18n.content import prefetch, texts_of
from participation.ladder import planners_facts, reviews, services
from participation.ladder.forms import FactForm, ReviewForm

bp = Blueprint("ladder", __name__)


@bp.get("/engagements/<int:engagement_id>/ladder")
def engagement_ladder(engagement_id: int):
    engagement = get_engagement(engagement_id)
    assessment = services.assessment_of(engagement)
    prefetch(texts_of(engagement, engagement.project))
    recorded = (
        planners_facts.recorded_facts(engagement_id)
        if can(current_user, "record_ladder_facts", engagement)
        else {}
    )
    return render_template(
        "ladder/engagement.html",
        engagement=engagement,
        assessment=assessment,
        past=reviews.history(engagement_id),
        lines=services.trace_lines(assessment),
        recordable=planners_facts.RECORDABLE,
        recorded=recorded,
    )


@bp.route(
    "/engagements/<int:engagement_id>/ladder/facts/<key>", methods=["GET", "POST"]
)
@permission_required("record_ladder_facts")
def record(engagement_id: int, key: str):
    if key not in planners_facts.RECORDABLE:
        abort(404)
    engagement = get_engagement(engagement_id)
    held = planners_facts.recorded_facts(engagement_id).get(key)
    form = FactForm(key)
    if request.method == "GET" and held is not None:
        form.show(held.value)
        form.provenance.data, form.evidence.data = held.provenance, held.evidence
    if form.validate_on_submit():
        data = planners_facts.FactData(
            key=key,
            value=form.value(),
            provenance=form.provenance.data,
            evidence=form.evidence.data or "",
        )
        try:
            planners_facts.record_fact(current_user, engagement_id, data)
        except Invalid as error:
            apply_errors(form, error, {"value": _field_of(key)})
        else:
            flash(_("Fact recorded; the evidenced rung is recomputed."), "success")
            return redirect(
                url_for("ladder.engagement_ladder", engagement_id=engagement_id)
            )
    prefetch(texts_of(engagement))
    return render_template(
        "ladder/fact_form.html", engagement=engagement, key=key, form=form, held=held
    )


def _field_of(key: str) -> str:
    return {"delegated_scope": "amount", "board": "total_seats"}.get(key, "choice")


@bp.post("/engagements/<int:engagement_id>/ladder/facts/<key>/remove")
@permission_required("record_ladder_facts")
def remove(engagement_id: int, key: str):
    planners_facts.remove_fact(current_user, engagement_id, key)
    flash(_("Fact withdrawn; the evidenced rung is recomputed."), "success")
    return redirect(url_for("ladder.engagement_ladder", engagement_id=engagement_id))


@bp.get("/evaluate")
@permission_required("review_ladder")
def review_queue():
    items = reviews.queue()
    prefetch(texts_of(*[item.engagement for item in items]))
    return render_template("ladder/queue.html", items=items)


@bp.route("/engagements/<int:engagement_id>/review", methods=["GET", "POST"])
@permission_required("review_ladder")
def review(engagement_id: int):
    engagement = get_engagement(engagement_id)
    assessment = services.assessment_of(engagement)
    form = ReviewForm()
    if request.method == "GET":
        form.rung.data = assessment.rung
    if form.validate_on_submit():
        try:
            reviews.review(
                current_user,
                engagement_id,
                form.rung.data,
                form.reason.data or "",
                form.evidence.data or "",
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Review recorded."), "success")
            return redirect(url_for("ladder.review_queue"))
    prefetch(texts_of(engagement, engagement.project))
    return render_template(
        "ladder/review.html",
        engagement=engagement,
        assessment=assessment,
        lines=services.trace_lines(assessment),
        form=form,
        past=reviews.history(engagement_id),
    )
