"""Residents report and follow problems; staff answer them."""

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

from participation.auth.decorators import permission_required
from participation.consultations.services import open_consultations, place_of
from participation.core.photos import upload_folder
from participation.core.services import list_districts
from participation.errors import Invalid, NotAllowed
from participation.extensions import limiter
from participation.formtools import apply_errors, flash_errors
from participation.i18n.content import prefetch, show_field, texts_of
from participation.issues import backing, places, search, services, triage, visitors
from participation.issues.city_workflow import workflow
from participation.issues.filters import report_filters
from participation.issues.forms import (
    ReopenForm,
    ReportForm,
    StatusForm,
    VisitorReportForm,
)
from participation.languages import current_language
from participation.limits import contribution_limit
from participation.params import float_arg, int_arg

bp = Blueprint("issues", __name__)

PAGE_SIZE = 50


@bp.get("/reports")
def list_reports():
    """The public map and list of reports, filterable by category, status, place, date."""
    try:
        filters = report_filters(request.args)
    except Invalid as error:
        flash_errors(error)
        filters = {}
    page = int_arg(request.args, "page", 1, minimum=1)
    reports = search.search_reports(
        **filters, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE + 1
    )
    prefetch(texts_of(*reports[:PAGE_SIZE]))
    query = {k: v for k, v in request.args.items() if k != "page" and v}
    consultations = open_consultations()
    prefetch(texts_of(*consultations))
    return render_template(
        "issues/list.html",
        consultations=consultations,
        consultation_places=[
            {
                "lat": lat,
                "lon": lon,
                "title": show_field(c, "title").text,
                "url": url_for("consultations.show", consultation_id=c.id),
            }
            for c in consultations
            for lat, lon in [place_of(c)]
        ],
        reports=reports[:PAGE_SIZE],
        has_next=len(reports) > PAGE_SIZE,
        page=page,
        query=query,
        categories=services.list_categories(),
        districts=list_districts(),
    )


def _report_data(form: ReportForm) -> services.ReportData:
    return services.ReportData(
        category_id=form.category_id.data,
        title=form.title.data or "",
        description=form.description.data or "",
        lat=form.lat.data,
        lon=form.lon.data,
        language=form.language.data,
        location_text=form.location_text.data or "",
        show_name=form.show_name.data,
        landmark_id=form.landmark_id.data,
        photo=form.photo.data.read() if form.photo.data else None,
    )


def _visitor_email() -> str:
    """The address a visitor's form sends to (normalised), its rate-limit key."""
    return "report-email:" + (request.form.get("email") or "").strip().lower()


def _signed_in() -> bool:
    return bool(current_user.is_authenticated)


@bp.route("/reports/new", methods=["GET", "POST"])
@contribution_limit("REPORT_RATE_LIMIT")
@limiter.limit(
    lambda: current_app.config["VISITOR_REPORT_EMAIL_RATE_LIMIT"],
    key_func=_visitor_email,
    methods=["POST"],
    exempt_when=_signed_in,
)
@limiter.limit(
    lambda: current_app.config["VISITOR_REPORT_CLIENT_RATE_LIMIT"],
    methods=["POST"],
    exempt_when=_signed_in,
)
def new_report():
    visitor = not current_user.is_authenticated
    form = VisitorReportForm() if visitor else ReportForm()
    nearby = []
    if request.method == "GET":
        form.language.data = current_language()
        form.lat.data = float_arg(request.args, "lat")
        form.lon.data = float_arg(request.args, "lon")
    if form.validate_on_submit():
        data = _report_data(form)
        if data.lat is not None and data.lon is not None and data.category_id:
            nearby = search.nearby_open_reports(data.category_id, data.lat, data.lon)
        if nearby and not request.form.get("confirm_new"):
            flash(_("Is it one of these? Support it instead, or submit yours."), "info")
        else:
            try:
                if visitor:
                    report = visitors.submit_as_visitor(
                        data,
                        form.email.data,
                        form.display_name.data or "",
                        current_language(),
                    )
                    return render_template("issues/check_inbox.html")
                report = services.submit_report(current_user, data)
            except Invalid as error:
                apply_errors(form, error, aliases={"location": "lat"})
                nearby = []
            else:
                if report.waiting:
                    flash(
                        _(
                            "Your report is waiting for your confirmation: follow "
                            "the link we emailed you to publish it."
                        ),
                        "info",
                    )
                else:
                    flash(_("Thank you: your report has been received."), "success")
                return redirect(url_for("issues.report", report_id=report.id))
    form.offer(services.list_categories(), places.list_landmarks())
    return render_template("issues/new.html", form=form, nearby=nearby)


@bp.get("/reports/<int:report_id>/photo.jpg")
def photo(report_id: int):
    """A report's photo (only while the report is visible to this reader)."""
    report = services.get_report(report_id, current_user)
    if not report.photo:
        abort(404)
    return send_from_directory(upload_folder(), report.photo, mimetype="image/jpeg")


@bp.get("/reports/<int:report_id>")
def report(report_id: int):
    report = services.get_report_for_page(report_id, current_user)
    prefetch(texts_of(report, *report.changes))
    staff = services.can_manage(current_user)
    status_form = StatusForm() if staff else None
    templates = []
    if status_form:
        statuses = services.next_statuses(report)
        status_form.offer(statuses)
        templates = triage.list_templates()
        chosen = next(
            (t for t in templates if t.id == int_arg(request.args, "template")),
            None,
        )
        if chosen is not None:
            status_form.note.data = chosen.body
            if chosen.status in dict(statuses):
                status_form.status.data = chosen.status
    return render_template(
        "issues/report.html",
        report=report,
        workflow=workflow(),
        supported=backing.has_supported(current_user, report),
        can_support=backing.can_support(current_user, report),
        following=backing.is_following(current_user, report),
        status_form=status_form,
        reopen_form=ReopenForm(),
        staff_categories=services.list_categories() if staff else [],
        templates=templates,
    )


def _back(report_id: int):
    return redirect(url_for("issues.report", report_id=report_id))


def _flash_errors(error: Invalid) -> None:
    flash_errors(error)


@bp.post("/reports/<int:report_id>/support")
@login_required
def support(report_id: int):
    try:
        backing.support_report(current_user, report_id)
    except Invalid as error:
        _flash_errors(error)
    else:
        flash(_("Thank you: your support is counted."), "success")
    return _back(report_id)


@bp.post("/reports/<int:report_id>/follow")
@login_required
def follow(report_id: int):
    wanted = request.form.get("follow") == "1"
    backing.set_following(current_user, report_id, wanted)
    flash(
        _("You follow this report.")
        if wanted
        else _("You no longer follow this report."),
        "success",
    )
    return _back(report_id)


@bp.post("/reports/<int:report_id>/status")
@permission_required("manage_issues")
def change_status(report_id: int):
    report = services.get_report(report_id, current_user)
    form = StatusForm()
    form.offer(services.next_statuses(report))
    if form.validate_on_submit():
        try:
            services.change_status(
                current_user,
                report_id,
                form.status.data,
                form.note.data,
                current_language(),
            )
        except Invalid as error:
            _flash_errors(error)
        else:
            flash(_("Status changed; the note is public."), "success")
    else:
        for errors in form.errors.values():
            for message in errors:
                flash(message, "error")
    return _back(report_id)


@bp.post("/reports/<int:report_id>/reopen")
@login_required
def reopen(report_id: int):
    form = ReopenForm()
    try:
        if not form.validate_on_submit():
            raise Invalid({"reason": _("Say why the problem is not fixed.")})
        services.reopen_report(current_user, report_id, form.reason.data)
    except NotAllowed:
        abort(403)
    except Invalid as error:
        _flash_errors(error)
    else:
        flash(_("The report is open again."), "success")
    return _back(report_id)


@bp.get("/my/reports")
@login_required
def my_reports():
    reports = search.reports_by(current_user)
    prefetch(texts_of(*reports))
    return render_template("issues/mine.html", reports=reports)
