"""A budget as a Pabulib file, and a Pabulib file as a process (for analysis and
demos): anyone can re-run the tally from the export."""

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from participation.auth.permissions import require
from participation.budgeting import pabulib
from participation.budgeting.ballots import tally_budget
from participation.budgeting.models import (
    Ballot,
    BallotItem,
    Budget,
    BudgetProcess,
    Proposal,
)
from participation.budgeting.rules import RULES
from participation.budgeting.services import get_budget, get_process, on_ballot
from participation.core.audit import record_action
from participation.core.services import get_city, get_project
from participation.errors import Invalid
from participation.events import log_event
from participation.extensions import db
from participation.ladder.freshness import mark_stale, project_engagements
from participation.types import utcnow

log = logging.getLogger(__name__)

PABULIB_VOTE_TYPES = ("approval", "cumulative", "ordinal", "choose-1")


def _date(text: str | None) -> datetime | None:
    try:
        return datetime.strptime((text or "").strip(), "%d.%m.%Y").replace(tzinfo=UTC)
    except ValueError:
        return None


def export_budget(budget_id: int) -> str:
    """The budget as a `.pb` file: meta (with the rule), the projects on the ballot
    (with the outcome once voting has closed) and the counted ballots, anonymised
    (voters numbered in the order they voted, nothing else about them)."""
    budget = get_budget(budget_id)
    process = budget.process
    proposals = on_ballot(budget)
    outcome, _proposals = tally_budget(budget.id)
    selected = set(outcome.selected)
    ballots = [
        b
        for b in db.session.scalars(
            select(Ballot)
            .where(Ballot.budget_id == budget.id)
            .options(selectinload(Ballot.items))
            .order_by(Ballot.created_at, Ballot.id)
        )
        if b.counted and b.items
    ]
    city = get_city()
    meta = {
        "description": f"{process.title} — {budget.name}",
        "country": "",
        "unit": city.name,
        "instance": process.opens_at.strftime("%Y"),
        "num_projects": str(len(proposals)),
        "num_votes": str(len(ballots)),
        "budget": str(budget.amount),
        "vote_type": process.vote_type,
        "rule": process.rule,
        "date_begin": process.opens_at.strftime("%d.%m.%Y"),
        "date_end": (process.closes_at or utcnow()).strftime("%d.%m.%Y"),
        "currency": city.currency,
    }
    for key in ("min_projects", "max_projects", "max_points"):
        value = getattr(process, key)
        if value:
            meta[
                {"min_projects": "min_length", "max_projects": "max_length"}.get(
                    key, "max_sum_points"
                )
            ] = str(value)
    if budget.district:
        meta["district"] = budget.district.name
    counts: dict[int, int] = {p.id: 0 for p in proposals}
    for ballot in ballots:
        for item in ballot.items:
            counts[item.proposal_id] = counts.get(item.proposal_id, 0) + 1
    projects = {
        str(p.id): pabulib.Project(
            str(p.id),
            p.ballot_cost,
            {
                "project_id": str(p.id),
                "cost": str(p.ballot_cost),
                "votes": str(counts[p.id]),
                "name": p.title,
                "selected": str(int(str(p.id) in selected)),
                "latitude": "" if p.lat is None else f"{p.lat:.6f}",
                "longitude": "" if p.lon is None else f"{p.lon:.6f}",
            },
        )
        for p in proposals
    }
    votes = [
        pabulib.Vote(
            str(n),
            tuple(str(i.proposal_id) for i in b.items),
            tuple(float(i.points) for i in b.items)
            if process.vote_type == "cumulative"
            else None,
        )
        for n, b in enumerate(ballots, 1)
    ]
    instance = pabulib.Instance(
        meta,
        projects,
        votes,
        ["project_id", "cost", "votes", "name", "selected", "latitude", "longitude"],
        ["voter_id", "vote", "points"]
        if process.vote_type == "cumulative"
        else ["voter_id", "vote"],
    )
    log_event(log, "budget.exported", budget_id=budget_id, ballots=len(ballots))
    return pabulib.dump(instance)


ORIGIN_KEYS = ("country", "unit", "subunit", "instance")


def origin_of(meta: dict[str, str]) -> str:
    """Where a Pabulib file says it comes from, in its own words: "Poland, Warszawa,
    Wesoła, 2024 — Local PB in Warszawa, Wesoła"."""
    place = ", ".join(
        dict.fromkeys(v for k in ORIGIN_KEYS if (v := (meta.get(k) or "").strip()))
    )
    description = (meta.get("description") or "").strip()
    origin = " — ".join(part for part in (place, description) if part)
    return origin[:500] or "Pabulib"


def import_pabulib(actor: Any, project_id: int, text: str) -> BudgetProcess:
    """A closed process from a `.pb` file: one budget, its projects on the ballot and
    its ballots (their voters known only by the file's ids). It is an archive: its
    results and explanations work, the city counts none of it (attach_import)."""
    project = get_project(project_id)
    require(actor, "manage_budgets", project)
    try:
        instance = pabulib.parse(text)
    except pabulib.PabulibError as error:
        raise Invalid(
            {"file": _("This is not a valid Pabulib file: %(error)s", error=str(error))}
        ) from None
    vote_type = instance.vote_type
    if vote_type not in PABULIB_VOTE_TYPES:
        raise Invalid(
            {
                "file": _(
                    "Ballots of this kind cannot be imported: %(kind)s", kind=vote_type
                )
            }
        )
    rule = instance.meta.get("rule", "greedy")
    if rule not in RULES:
        rule = "greedy"
    # Voting as the file dates it (dd.mm.yyyy), else the day before the import.
    opens_at = _date(instance.meta.get("date_begin")) or utcnow() - timedelta(days=1)
    closes_at = (_date(instance.meta.get("date_end")) or utcnow()) + timedelta(days=1)
    if closes_at <= opens_at:
        closes_at = opens_at + timedelta(days=1)
    process = BudgetProcess(
        project=project,
        title=(instance.meta.get("description") or _("Imported participatory budget"))[
            :200
        ],
        opens_at=opens_at,
        ideas_close_at=opens_at,
        voting_opens_at=opens_at,
        closes_at=closes_at,
        # An archive: no planner made a claim, and nothing counts for the city until
        # a planner attaches it (attach_import).
        claimed_rung=None,
        imported_from=origin_of(instance.meta),
        vote_type=vote_type,
        rule=rule,
        created_by_id=actor.id,
    )
    budget = Budget(name=process.title, amount=int(instance.budget))
    process.budgets = [budget]
    db.session.add(process)
    db.session.flush()
    proposals: dict[str, Proposal] = {}
    for project_row in instance.projects.values():
        proposal = Proposal(
            budget_id=budget.id,
            title=(project_row.fields.get("name") or project_row.id)[:200],
            cost=max(project_row.cost, 1),
            verdict="feasible",
            verdict_reason=_("Imported from a Pabulib file."),
            from_residents=False,
        )
        proposals[project_row.id] = proposal
    db.session.add_all(proposals.values())
    db.session.flush()
    for vote in instance.votes:
        db.session.add(
            Ballot(
                budget_id=budget.id,
                voter_key=f"pabulib:{vote.voter_id}",
                receipt=f"PB{budget.id}-{vote.voter_id}"[:32],
                items=[
                    BallotItem(
                        proposal_id=proposals[p].id,
                        position=n,
                        points=int(vote.points[n]) if vote.points else None,
                    )
                    for n, p in enumerate(vote.projects)
                ],
            )
        )
    record_action(actor, "budget.import", "engagement", process.id)
    db.session.commit()
    return process


def attach_import(actor: Any, process_id: int) -> BudgetProcess:
    """Make an imported process count for the city, from this moment, in its project
    (planners, on purpose). Sent twice, the first attachment stays."""
    process = get_process(process_id)
    require(actor, "manage_budgets", process)
    if process.imported_from is None:
        raise Invalid({"process": _("Only an imported process can be attached.")})
    if process.attached_at is None:
        process.attached_at = utcnow()
        # The project's continuity now includes it: its engagements are reassessed.
        mark_stale(db.session.scalars(project_engagements(process.project_id)).all())
        record_action(
            actor,
            "budget.attach",
            "engagement",
            process.id,
            {"attached_at": None},
            {"attached_at": process.attached_at.isoformat()},
        )
        db.session.commit()
    return process
