"""The public pages of a participatory budget: the process, its results, receipts."""

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from participation.auth.permissions import can
from participation.budgeting import ballots, delivery, eligibility, exchange, services
from participation.budgeting.forms import ProposalForm, ballot_choices
from participation.budgeting.models import (
    MILESTONE_STATUSES,
    RULE_NAMES,
    VERDICTS,
    VOTE_TYPES,
)
from participation.core.photos import upload_folder
from participation.errors import Invalid, NotFound
from participation.formtools import apply_errors, flash_errors
from participation.i18n.content import prefetch, show_field, texts_of
from participation.ladder.services import assessment_of
from participation.languages import current_language
from participation.limits import contribution_limit

bp = Blueprint("budgeting", __name__)


@bp.get("/budgets/<int:process_id>")
def process_page(process_id: int):
    process = services.get_process(process_id)
    proposals = services.proposals_by_budget(process)
    prefetch(
        texts_of(
            process, process.project, *(p for ps in proposals.values() for p in ps)
        )
    )
    places = [
        {
            "lat": p.lat,
            "lon": p.lon,
            "title": show_field(p, "title").text,
            "url": url_for(".proposal", proposal_id=p.id),
        }
        for p in services.on_the_map(proposals)
    ]
    return render_template(
        "budgeting/process.html",
        process=process,
        assessment=assessment_of(process),
        phase=services.phase(process),
        proposals=proposals,
        places=places,
        VOTE_TYPES=VOTE_TYPES,
        RULE_NAMES=RULE_NAMES,
        VERDICTS=VERDICTS,
    )


@bp.get("/budgets/<int:process_id>/results")
def results_page(process_id: int):
    process = services.get_process(process_id)
    if process.results_published_at is None:
        raise NotFound("results")
    proposals = services.proposals_by_budget(process)
    prefetch(texts_of(process, *(p for ps in proposals.values() for p in ps)))
    by_id = {str(p.id): p for ps in proposals.values() for p in ps}
    progress = dict(delivery.delivery_of(process))
    return render_template(
        "budgeting/results.html",
        process=process,
        by_id=by_id,
        progress={p.id: x for p, x in progress.items()},
        RULE_NAMES=RULE_NAMES,
        eligibility=eligibility.eligibility_notes(process),
    )


@bp.get("/budgets/<int:process_id>/budget/<int:budget_id>.pb")
def export(process_id: int, budget_id: int):
    """The budget as a Pabulib file (anonymised ballots), for anyone to recount once
    the results are out; staff may export it earlier."""
    process = services.get_process(process_id)
    budget = services.get_budget(budget_id)
    if budget.process_id != process.id:
        raise NotFound("budget")
    if process.results_published_at is None and not can(
        current_user, "manage_budgets", process
    ):
        raise NotFound("results")
    return Response(
        exchange.export_budget(budget.id),
        mimetype="text/plain",
        headers={"Content-Disposition": f"attachment; filename=budget-{budget.id}.pb"},
    )


@bp.route("/budgets/<int:process_id>/propose", methods=["GET", "POST"])
@login_required
@contribution_limit("PROPOSAL_RATE_LIMIT")
def propose(process_id: int):
    """A resident proposes a project (title, cost, place on the map, photo)."""
    process = services.get_process(process_id)
    form = ProposalForm(process.budgets)
    if request.method == "GET":
        form.language.data = current_language()
        if len(process.budgets) == 1:
            form.budget_id.data = process.budgets[0].id
    status = 200
    if form.validate_on_submit():
        try:
            proposal = services.submit_proposal(
                current_user,
                form.budget_id.data,
                services.ProposalData(
                    title=form.title.data or "",
                    cost=form.cost.data,
                    description=form.description.data or "",
                    lat=form.lat.data,
                    lon=form.lon.data,
                    language=form.language.data,
                    show_name=form.show_name.data,
                    photo=form.photo.data.read() if form.photo.data else None,
                ),
            )
        except Invalid as error:
            apply_errors(form, error)
            status = 400
        else:
            flash(
                _("Thank you: your proposal is in. The city reviews it next."),
                "success",
            )
            return redirect(url_for(".proposal", proposal_id=proposal.id))
    elif request.method == "POST":
        status = 400
    return (
        render_template(
            "budgeting/propose.html",
            process=process,
            form=form,
            phase=services.phase(process),
        ),
        status,
    )


@bp.get("/budgets/proposals/<int:proposal_id>")
def proposal(proposal_id: int):
    proposal = services.get_proposal(proposal_id)
    process = proposal.budget.process
    steps = delivery.milestones_of([proposal.id])[proposal.id]
    merged_into = (
        services.get_proposal(proposal.merged_into_id)
        if proposal.merged_into_id
        else None
    )
    prefetch(
        texts_of(process, proposal, *steps, *([merged_into] if merged_into else []))
    )
    return render_template(
        "budgeting/proposal.html",
        process=process,
        proposal=proposal,
        author=services.shown_author(proposal),
        merged_into=merged_into,
        phase=services.phase(process),
        supported=services.supports(current_user, proposal),
        winner=delivery.is_winner(proposal),
        steps=steps,
        progress=delivery.progress(steps),
        today=delivery.city_today(),
        VERDICTS=VERDICTS,
        MILESTONE_STATUSES=MILESTONE_STATUSES,
    )


@bp.post("/budgets/proposals/<int:proposal_id>/support")
@login_required
def support(proposal_id: int):
    try:
        services.support_proposal(current_user, proposal_id)
    except Invalid as error:
        flash_errors(error)
    else:
        flash(_("Thank you for your support."), "success")
    return redirect(url_for(".proposal", proposal_id=proposal_id))


@bp.get("/budgets/proposals/<int:proposal_id>/photo.jpg")
def photo(proposal_id: int):
    proposal = services.get_proposal(proposal_id)
    if not proposal.photo:
        raise NotFound("photo")
    return send_from_directory(upload_folder(), proposal.photo, mimetype="image/jpeg")


@bp.get("/budgets/receipt")
def receipt():
    """A voter checks that their ballot is counted, with the code they were given."""
    code = request.args.get("code", "")
    ballot = ballots.check_receipt(code) if code else None
    proposals = {}
    if ballot is not None:
        budget = services.get_budget(ballot.budget_id)
        proposals = {p.id: p for p in services.on_ballot(budget)}
        prefetch(texts_of(*proposals.values()))
    return render_template(
        "budgeting/receipt.html", code=code, ballot=ballot, proposals=proposals
    )


@bp.route("/budgets/<int:process_id>/vote/<int:budget_id>", methods=["GET", "POST"])
@login_required
def vote(process_id: int, budget_id: int):
    process = services.get_process(process_id)
    budget = services.get_budget(budget_id)
    if budget.process_id != process.id:
        raise NotFound("budget")
    offered = services.on_ballot(budget)
    errors: dict[str, str] = {}
    status = 200
    if request.method == "POST":
        choices = ballot_choices(process.vote_type, request.form, offered)
        try:
            ballot = ballots.cast_ballot(
                current_user,
                budget.id,
                choices,
                age_confirmed=request.form.get("age") == "1",
                offered=offered,
            )
        except Invalid as error:
            errors, status = error.errors, 400
        else:
            flash(
                _(
                    "Your ballot is recorded. Your receipt code: %(code)s",
                    code=ballot.receipt,
                ),
                "success",
            )
            return redirect(
                url_for(".vote", process_id=process.id, budget_id=budget.id)
            )
    prefetch(texts_of(process, *offered))
    mine = ballots.own_ballot(current_user, budget)
    allowed, reason = ballots.may_vote(current_user, budget)
    given = {i.proposal_id: i for i in mine.items} if mine else {}
    return (
        render_template(
            "budgeting/vote.html",
            VOTE_TYPES=VOTE_TYPES,
            process=process,
            budget=budget,
            offered=offered,
            phase=services.phase(process),
            errors=errors,
            mine=mine,
            given=given,
            allowed=allowed,
            reason=reason,
            form=request.form if request.method == "POST" else None,
            eligibility=eligibility.eligibility_notes(process, [budget]),
        ),
        status,
    )
