"""Staff's work in a participatory budget: the review queue (public verdicts), paper
ballots (entered by one person, checked by another) and the winners' delivery."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.auth.decorators import permission_required
from participation.budgeting import delivery, services
from participation.budgeting import paper as paper_ballots
from participation.budgeting.forms import (
    MilestoneForm,
    PaperBallotForm,
    ReviewForm,
    ballot_choices,
)
from participation.budgeting.models import MILESTONE_STATUSES, VERDICTS, VOTE_TYPES
from participation.errors import Invalid, NotFound
from participation.formtools import apply_errors, flash_errors
from participation.i18n.content import prefetch, texts_of
from participation.languages import current_language

bp = Blueprint("budget_work", __name__)
MANAGE = "manage_budgets"


def _review_form(proposal, others, formdata=None) -> ReviewForm:
    form = ReviewForm(others, prefix=f"p{proposal.id}", formdata=formdata)
    if formdata is None:
        form.verdict.data = None if proposal.verdict == "pending" else proposal.verdict
        form.reason.data = proposal.verdict_reason
        form.revised_cost.data = proposal.revised_cost
        form.merged_into_id.data = proposal.merged_into_id
    return form


def _review_page(process, failed=None, status=200):
    """Every budget's proposals, those awaiting their verdict first, each with its
    form (`failed`: the form that was just refused, with its errors)."""
    proposals = services.proposals_by_budget(process)
    prefetch(texts_of(*(p for ps in proposals.values() for p in ps)))
    forms = {}
    queues = {}
    for budget in process.budgets:
        items = proposals[budget.id]
        queues[budget.id] = services.review_order(items)
        for proposal in items:
            others = [p for p in items if p.id != proposal.id]
            forms[proposal.id] = (
                failed
                if failed is not None and failed.proposal_id == proposal.id
                else _review_form(proposal, others)
            )
    return (
        render_template(
            "budgeting/review.html",
            process=process,
            phase=services.phase(process),
            queues=queues,
            forms=forms,
            VERDICTS=VERDICTS,
        ),
        status,
    )


@bp.get("/budgets/<int:process_id>/review")
@permission_required(MANAGE)
def review_queue(process_id: int):
    return _review_page(services.get_process(process_id))


@bp.post("/budgets/proposals/<int:proposal_id>/review")
@permission_required(MANAGE)
def review(proposal_id: int):
    proposal = services.get_proposal(proposal_id)
    process = proposal.budget.process
    others = [
        p
        for p in services.proposals_by_budget(process)[proposal.budget_id]
        if p.id != proposal.id
    ]
    form = _review_form(proposal, others, formdata=request.form)
    form.proposal_id = proposal.id
    if form.validate_on_submit():
        try:
            services.review_proposal(
                current_user,
                proposal.id,
                form.verdict.data,
                form.reason.data,
                revised_cost=form.revised_cost.data,
                merged_into_id=form.merged_into_id.data,
            )
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(
                _("Verdict on “%(title)s” published.", title=proposal.title), "success"
            )
            return redirect(
                url_for(".review_queue", process_id=process.id)
                + f"#proposal-{proposal.id}"
            )
    return _review_page(process, failed=form, status=400)


def _budget_of(process_id: int, budget_id: int):
    process = services.get_process(process_id)
    budget = services.get_budget(budget_id)
    if budget.process_id != process.id:
        raise NotFound("budget")
    return process, budget


@bp.route("/budgets/<int:process_id>/paper/<int:budget_id>", methods=["GET", "POST"])
@permission_required(MANAGE)
def paper(process_id: int, budget_id: int):
    process, budget = _budget_of(process_id, budget_id)
    offered = services.on_ballot(budget)
    prefetch(texts_of(*offered))
    form = PaperBallotForm()
    errors: dict[str, str] = {}
    status = 200
    if form.validate_on_submit():
        try:
            ballot = paper_ballots.enter_paper_ballot(
                current_user,
                budget.id,
                form.reference.data,
                ballot_choices(process.vote_type, request.form, offered),
            )
        except Invalid as error:
            errors, status = dict(error.errors), 400
            if "reference" in errors:
                form.reference.errors = [errors.pop("reference")]
        else:
            flash(
                _(
                    "Paper ballot %(reference)s entered: it counts once another "
                    "member of staff checks it.",
                    reference=form.reference.data,
                ),
                "success",
            )
            return redirect(
                url_for(".paper", process_id=process.id, budget_id=ballot.budget_id)
            )
    elif request.method == "POST":
        status = 400
    return (
        render_template(
            "budgeting/paper.html",
            process=process,
            budget=budget,
            offered=offered,
            paper_form=form,
            errors=errors,
            entry=request.form if status == 400 else None,
            paper_ballots=paper_ballots.paper_ballots(budget),
            by_id={p.id: p for p in offered},
            VOTE_TYPES=VOTE_TYPES,
        ),
        status,
    )


@bp.post("/budgets/ballots/<int:ballot_id>/check")
@permission_required(MANAGE)
def check(ballot_id: int):
    try:
        ballot = paper_ballots.check_paper_ballot(current_user, ballot_id)
    except Invalid as error:
        flash_errors(error)
        return redirect(request.referrer or url_for("projects.home"))
    flash(_("Paper ballot checked: it counts."), "success")
    budget = services.get_budget(ballot.budget_id)
    return redirect(
        url_for(".paper", process_id=budget.process_id, budget_id=budget.id)
    )


def _milestone_data(form: MilestoneForm) -> delivery.MilestoneData:
    return delivery.MilestoneData(
        title=form.title.data or "",
        planned_for=form.planned_for.data,
        status=form.status.data,
        done_on=form.done_on.data,
        spent=form.spent.data,
        note=form.note.data or "",
        language=form.language.data,
    )


def _delivery_page(process, failed=None, status=200):
    rows = delivery.delivery_of(process)
    steps = delivery.milestones_of([p.id for p, _progress in rows])
    prefetch(
        texts_of(*(p for p, _x in rows), *(m for ms in steps.values() for m in ms))
    )
    new_forms, edit_forms = {}, {}
    for proposal, _progress in rows:
        form = MilestoneForm(prefix=f"w{proposal.id}", formdata=None)
        form.language.data = current_language()
        new_forms[proposal.id] = form
        for milestone in steps[proposal.id]:
            edit = MilestoneForm(prefix=f"m{milestone.id}", formdata=None)
            edit.process(obj=milestone)
            edit_forms[milestone.id] = edit
    if failed is not None:
        name, key, form = failed
        (new_forms if name == "new" else edit_forms)[key] = form
    return (
        render_template(
            "budgeting/delivery.html",
            process=process,
            rows=rows,
            steps=steps,
            new_forms=new_forms,
            edit_forms=edit_forms,
            MILESTONE_STATUSES=MILESTONE_STATUSES,
        ),
        status,
    )


@bp.get("/budgets/<int:process_id>/delivery")
@permission_required(MANAGE)
def delivery_page(process_id: int):
    return _delivery_page(services.get_process(process_id))


@bp.post("/budgets/proposals/<int:proposal_id>/milestones")
@permission_required(MANAGE)
def add_milestone(proposal_id: int):
    proposal = services.get_proposal(proposal_id)
    process = proposal.budget.process
    form = MilestoneForm(prefix=f"w{proposal.id}")
    if form.validate_on_submit():
        try:
            delivery.add_milestone(current_user, proposal.id, _milestone_data(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Step added."), "success")
            return redirect(url_for(".delivery_page", process_id=process.id))
    return _delivery_page(process, failed=("new", proposal.id, form), status=400)


@bp.post("/budgets/milestones/<int:milestone_id>")
@permission_required(MANAGE)
def update_milestone(milestone_id: int):
    form = MilestoneForm(prefix=f"m{milestone_id}")
    milestone = delivery.get_milestone(milestone_id)
    process = services.get_proposal(milestone.proposal_id).budget.process
    if form.validate_on_submit():
        try:
            delivery.update_milestone(current_user, milestone_id, _milestone_data(form))
        except Invalid as error:
            apply_errors(form, error)
        else:
            flash(_("Step saved."), "success")
            return redirect(url_for(".delivery_page", process_id=process.id))
    return _delivery_page(process, failed=("edit", milestone_id, form), status=400)
