"""Planners' side of a participatory budget: set it up, its budgets, the moves from
phase to phase, publishing results, Pabulib import (reviews, paper ballots and
delivery: work_views.py)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.auth.decorators import permission_required
from participation.budgeting import ballots, exchange, moves, planning, services
from participation.budgeting.forms import BudgetForm, ImportForm, ProcessForm
from participation.budgeting.models import RULE_NAMES, VOTE_TYPES
from participation.core.clock import from_city_time, to_city_time
from participation.core.services import get_city, get_project, list_districts
from participation.errors import Invalid
from participation.formtools import apply_errors, flash_errors
from participation.i18n.content import prefetch, texts_of
from participation.languages import current_language

bp = Blueprint("budget_staff", __name__)
MANAGE = "manage_budgets"
DATES = ("opens_at", "ideas_close_at", "voting_opens_at", "closes_at")


def _data(form: ProcessForm) -> planning.ProcessData:
    tz = get_city().timezone
    return planning.ProcessData(
        title=form.title.data or "",
        summary=form.summary.data or "",
        district_id=form.district_id.data,
        **form.claim(),
        language=form.language.data,
        vote_type=form.vote_type.data,
        rule=form.rule.data,
        min_projects=form.min_projects.data,
        max_projects=form.max_projects.data,
        limit_to_budget=form.limit_to_budget.data,
        max_points=form.max_points.data,
        min_age=form.min_age.data,
        binding=form.binding.data,
        verified_districts_only=form.verified_districts_only.data,
        commitment_url=form.commitment_url.data or "",
        deliver_by=form.deliver_by.data,
        **{name: from_city_time(form[name].data, tz) for name in DATES},
    )


@bp.route("/projects/<int:project_id>/budgets/new", methods=["GET", "POST"])
@permission_required(MANAGE)
def new(project_id: int):
    project = get_project(project_id)
    form = ProcessForm(list_districts())
    if request.method == "GET":
        form.district_id.data = project.district_id
        form.language.data = current_language()
        form.binding.data = True
    if form.validate_on_submit():
        try:
            process = planning.create_process(current_user, project_id, _data(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Participatory budget created. Now add its budgets."), "success")
            return redirect(url_for(".manage", process_id=process.id))
    return render_template(
        "budgeting/form.html", form=form, project=project, process=None, fixed=False
    )


@bp.route("/budgets/<int:process_id>/edit", methods=["GET", "POST"])
@permission_required(MANAGE)
def edit(process_id: int):
    process = services.get_process(process_id)
    form = ProcessForm(list_districts())
    fixed = planning.rules_fixed(process)
    tz = get_city().timezone
    if fixed:
        # The rule fields (planning.RULE_FIELDS) are shown disabled, so the browser
        # sends none of them: they keep their stored values.
        for name in planning.RULE_FIELDS:
            value = getattr(process, name)
            form[name].data = to_city_time(value, tz) if name in DATES else value
    if request.method == "GET":
        form.process(obj=process)
        for name in DATES:
            form[name].data = to_city_time(getattr(process, name), tz)
    if form.validate_on_submit():
        try:
            planning.update_process(current_user, process_id, _data(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Participatory budget saved."), "success")
            return redirect(url_for(".manage", process_id=process_id))
    return render_template(
        "budgeting/form.html",
        form=form,
        project=process.project,
        process=process,
        fixed=fixed,
    )


def _manage_page(process, budget_form=None, status=200):
    currency = get_city().currency
    proposals = services.proposals_by_budget(process)
    prefetch(texts_of(process))
    budget_forms = {}
    for budget in process.budgets:
        form = BudgetForm(
            list_districts(), prefix=f"b{budget.id}", formdata=None, currency=currency
        )
        form.process(obj=budget)
        budget_forms[budget.id] = form
    return (
        render_template(
            "budgeting/manage.html",
            process=process,
            phase=services.phase(process),
            move=moves.next_move(process),
            proposals=proposals,
            budget_form=budget_form
            or BudgetForm(list_districts(), prefix="new", currency=currency),
            budget_forms=budget_forms,
            VOTE_TYPES=VOTE_TYPES,
            RULE_NAMES=RULE_NAMES,
        ),
        status,
    )


@bp.get("/budgets/<int:process_id>/manage")
@permission_required(MANAGE)
def manage(process_id: int):
    return _manage_page(services.get_process(process_id))


def _budget_data(form: BudgetForm) -> planning.BudgetData:
    return planning.BudgetData(
        name=form.name.data or "",
        amount=form.amount.data,
        district_id=form.district_id.data,
    )


@bp.post("/budgets/<int:process_id>/budgets")
@permission_required(MANAGE)
def add_budget(process_id: int):
    process = services.get_process(process_id)
    form = BudgetForm(list_districts(), prefix="new")
    if form.validate_on_submit():
        try:
            planning.add_budget(current_user, process.id, _budget_data(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Budget added."), "success")
            return redirect(url_for(".manage", process_id=process.id))
    return _manage_page(process, budget_form=form, status=400)


@bp.post("/budgets/budget/<int:budget_id>")
@permission_required(MANAGE)
def change_budget(budget_id: int):
    budget = services.get_budget(budget_id)
    form = BudgetForm(list_districts(), prefix=f"b{budget.id}")
    if not form.validate_on_submit():
        flash(_("Give the budget a name and an amount above zero."), "error")
    else:
        try:
            if request.form.get("remove"):
                planning.remove_budget(current_user, budget.id)
                flash(_("Budget removed."), "success")
            else:
                planning.update_budget(current_user, budget.id, _budget_data(form))
                flash(_("Budget saved."), "success")
        except Invalid as error:
            flash_errors(error)
    return redirect(url_for(".manage", process_id=budget.process_id))


@bp.post("/budgets/<int:process_id>/move")
@permission_required(MANAGE)
def move(process_id: int):
    process = services.get_process(process_id)
    try:
        moves.move_on(current_user, process.id, request.form.get("move", ""))
    except Invalid as error:
        flash_errors(error)
    else:
        flash(_("The process has moved on to its next phase."), "success")
    return redirect(url_for(".manage", process_id=process.id))


@bp.post("/budgets/<int:process_id>/publish")
@permission_required(MANAGE)
def publish(process_id: int):
    try:
        ballots.publish_results(current_user, process_id)
    except Invalid as error:
        flash_errors(error)
        return redirect(url_for(".manage", process_id=process_id))
    flash(_("Results published."), "success")
    return redirect(url_for("budgeting.results_page", process_id=process_id))


@bp.route("/projects/<int:project_id>/budgets/import", methods=["GET", "POST"])
@permission_required(MANAGE)
def import_file(project_id: int):
    project = get_project(project_id)
    form = ImportForm()
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        try:
            if not upload:
                raise Invalid({"file": _("Choose a .pb file.")})
            text = upload.read().decode("utf-8-sig", errors="strict")
            process = exchange.import_pabulib(current_user, project.id, text)
        except UnicodeDecodeError:
            form.file.errors = [_("The file is not UTF-8 text.")]
            status = 400
        except Invalid as error:
            apply_errors(form, error)
            status = 400
        else:
            flash(
                _(
                    "Pabulib file imported as a closed process. It is an archive: "
                    "the city's report, feeds and timelines leave it out until you "
                    "attach it to the project."
                ),
                "success",
            )
            return redirect(url_for("budgeting.process_page", process_id=process.id))
    elif request.method == "POST":
        status = 400
    return render_template("budgeting/import.html", form=form, project=project), status


@bp.post("/budgets/<int:process_id>/attach")
@permission_required(MANAGE)
def attach(process_id: int):
    process = services.get_process(process_id)
    try:
        exchange.attach_import(current_user, process.id)
    except Invalid as error:
        flash_errors(error)
    else:
        flash(_("The imported process now counts for the city, from today."), "success")
    return redirect(url_for("projects.project_page", project_id=process.project_id))
