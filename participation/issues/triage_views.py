"""Staff pages for reports: the triage queue and the official actions."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.auth.decorators import permission_required
from participation.core.services import list_districts
from participation.errors import Invalid
from participation.i18n.content import prefetch, texts_of
from participation.issues import services, triage
from participation.issues.city_workflow import workflow
from participation.languages import current_language
from participation.params import int_arg

bp = Blueprint("triage", __name__)


@bp.get("/staff/reports")
@permission_required("manage_issues")
def queue():
    filters = {
        "status": request.args.get("status", "open") or None,
        "category": int_arg(request.args, "category"),
        "district": int_arg(request.args, "district"),
    }
    reports = triage.triage_queue(current_user, **filters)
    prefetch(texts_of(*reports))
    return render_template(
        "issues/queue.html",
        reports=reports,
        filters=filters,
        categories=services.list_categories(),
        districts=list_districts(),
    )


def _done(report_id: int, message: str | None = None, error: Invalid | None = None):
    if error is not None:
        for text in error.errors.values():
            flash(text, "error")
    elif message:
        flash(message, "success")
    return redirect(url_for("issues.report", report_id=report_id))


@bp.post("/staff/reports/<int:report_id>/category")
@permission_required("manage_issues")
def recategorise(report_id: int):
    try:
        triage.recategorise(
            current_user, report_id, int_arg(request.form, "category_id")
        )
    except Invalid as error:
        return _done(report_id, error=error)
    return _done(report_id, _("Category changed."))


@bp.post("/staff/reports/<int:report_id>/duplicate")
@permission_required("manage_issues")
def duplicate(report_id: int):
    try:
        triage.mark_duplicate(
            current_user,
            report_id,
            int_arg(request.form, "original_id", 0),
            request.form.get("note", ""),
        )
    except Invalid as error:
        return _done(report_id, error=error)
    return _done(
        report_id, _("Marked as a duplicate; its support moved to the original.")
    )


@bp.post("/staff/reports/<int:report_id>/hide")
@permission_required("manage_issues")
def hide(report_id: int):
    try:
        if request.form.get("action") == "unhide":
            triage.unhide_report(current_user, report_id)
            return _done(report_id, _("The report is public again."))
        triage.hide_report(current_user, report_id, request.form.get("reason", ""))
    except Invalid as error:
        return _done(report_id, error=error)
    return _done(report_id, _("The report is hidden from the public."))


@bp.route("/staff/templates", methods=["GET", "POST"])
@permission_required("manage_issues")
def templates():
    """Staff's ready-made answers: list, add, change, delete."""
    errors, values = {}, {}
    if request.method == "POST":
        values = request.form.to_dict()
        try:
            if request.form.get("delete"):
                triage.delete_template(current_user, int_arg(request.form, "id"))
                flash(_("Template deleted."), "success")
            else:
                triage.save_template(
                    current_user,
                    int_arg(request.form, "id"),
                    request.form.get("title", ""),
                    request.form.get("body", ""),
                    request.form.get("status") or None,
                    current_language(),
                )
                flash(_("Template saved."), "success")
            return redirect(url_for("triage.templates"))
        except Invalid as error:
            errors = error.errors
    return render_template(
        "issues/templates.html",
        templates=triage.list_templates(),
        errors=errors,
        values=values,
        statuses=workflow().statuses,
    ), (400 if errors else 200)
