"""Planners set up a participatory budget: the process and its rules (fixed once voting
opens), its budgets, and the moves from one phase to the next."""

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from participation.auth.permissions import require
from participation.budgeting.models import (
    RULE_NAMES,
    VOTE_TYPES,
    Budget,
    BudgetProcess,
    Proposal,
)
from participation.budgeting.services import (
    CLOSED,
    UPCOMING,
    VOTING,
    get_budget,
    get_process,
    phase,
)
from participation.core.audit import record_action, snapshot
from participation.core.checks import check_link, check_text
from participation.core.services import common_errors, get_project
from participation.errors import Invalid
from participation.extensions import db
from participation.types import utcnow

# What voters are told before voting and may not change once it opens.
RULE_FIELDS = (
    "vote_type",
    "rule",
    "min_projects",
    "max_projects",
    "limit_to_budget",
    "max_points",
    "min_age",
    "binding",
    "verified_districts_only",
    "voting_opens_at",
)
FIELDS = [
    "title",
    "summary",
    "district_id",
    "opens_at",
    "ideas_close_at",
    "closes_at",
    "claimed_rung",
    "claim_words",
    "commitment_url",
    "deliver_by",
    "language",
    *RULE_FIELDS,
]


@dataclass
class ProcessData:
    title: str
    opens_at: datetime | None
    ideas_close_at: datetime | None
    voting_opens_at: datetime | None
    closes_at: datetime | None
    claimed_rung: int | None  # None: no claim
    summary: str = ""
    district_id: int | None = None
    language: str = "en"
    claim_words: str | None = None  # an IAP2 level
    vote_type: str = "approval"
    rule: str = "equalshares/add1"
    min_projects: int | None = None
    max_projects: int | None = None
    limit_to_budget: bool = False
    max_points: int | None = None
    min_age: int | None = None
    binding: bool = True
    verified_districts_only: bool = False
    commitment_url: str = ""
    deliver_by: date | None = None


def _date_errors(data: ProcessData, errors: dict[str, str]) -> None:
    order = [
        ("opens_at", data.opens_at),
        ("ideas_close_at", data.ideas_close_at),
        ("voting_opens_at", data.voting_opens_at),
        ("closes_at", data.closes_at),
    ]
    for name, value in order[1:]:
        if value is None:
            errors.setdefault(name, _("This field is required."))
    previous = None
    for name, value in order:
        if value is None or name in errors:
            continue
        if previous is not None and value < previous:
            errors[name] = _(
                "The phases follow each other: ideas, review, voting. This date "
                "comes before the previous one."
            )
        previous = value
    if data.deliver_by and data.closes_at and data.deliver_by < data.closes_at.date():
        errors["deliver_by"] = _("The winners can only be built after the vote.")
    if (
        "closes_at" not in errors
        and data.voting_opens_at
        and data.closes_at
        and data.closes_at <= data.voting_opens_at
    ):
        errors["closes_at"] = _("Voting must close after it opens.")


def _validate(data: ProcessData) -> None:
    errors = common_errors("budget_process", data)
    _date_errors(data, errors)
    if data.vote_type not in VOTE_TYPES:
        errors["vote_type"] = _("Choose a kind of ballot from the list.")
    if data.rule not in RULE_NAMES:
        errors["rule"] = _("Choose a rule from the list.")
    for name in ("min_projects", "max_projects", "max_points"):
        value = getattr(data, name)
        if value is not None and value < 1:
            errors[name] = _("Give a number of at least 1, or leave it empty.")
    if (
        data.min_projects
        and data.max_projects
        and data.min_projects > data.max_projects
        and "max_projects" not in errors
    ):
        errors["max_projects"] = _("The most must be at least the fewest.")
    if data.vote_type == "cumulative" and not data.max_points:
        errors.setdefault("max_points", _("Say how many points each voter shares out."))
    if data.vote_type != "cumulative":
        data.max_points = None
    if data.vote_type != "approval":
        data.limit_to_budget = False
    if data.min_age is not None and not 0 < data.min_age <= 120:
        errors["min_age"] = _("Give an age between 1 and 120, or leave it empty.")
    data.commitment_url = check_link(errors, "commitment_url", data.commitment_url)
    if errors:
        raise Invalid(errors)


def create_process(actor: Any, project_id: int, data: ProcessData) -> BudgetProcess:
    """Add a participatory budget to a project (planners); budgets come next."""
    project = get_project(project_id)
    require(actor, "manage_budgets", project)
    _validate(data)
    process = BudgetProcess(**asdict(data), project=project, created_by_id=actor.id)
    db.session.add(process)
    project.updated_at = utcnow()
    db.session.flush()
    record_action(
        actor,
        "budget.create",
        "engagement",
        process.id,
        None,
        snapshot(process, FIELDS),
    )
    db.session.commit()
    return process


def rules_fixed(process: BudgetProcess) -> bool:
    """Whether the ballot and the rule (RULE_FIELDS) stay as announced: once voting
    has opened."""
    return phase(process) in (VOTING, CLOSED)


def update_process(actor: Any, process_id: int, data: ProcessData) -> BudgetProcess:
    """Change a process. Once voting opens, its ballot and rule stay as announced; once
    it closes, so do its dates."""
    process = get_process(process_id)
    require(actor, "manage_budgets", process)
    _validate(data)
    state = phase(process)
    errors: dict[str, str] = {}
    if rules_fixed(process):
        for name in RULE_FIELDS:
            if getattr(data, name) != getattr(process, name):
                errors[name] = _("Voting has opened: the ballot and the rule stay.")
    if state != UPCOMING and data.opens_at != process.opens_at:
        errors["opens_at"] = _("The process has opened: its opening stays.")
    if state == CLOSED and data.closes_at != process.closes_at:
        errors["closes_at"] = _("Voting has closed: its dates stay.")
    elif (
        state == VOTING
        and data.closes_at != process.closes_at
        and data.closes_at <= utcnow()
    ):
        errors["closes_at"] = _(
            "To close voting now, use “Close voting now” on the managing page."
        )
    promised = process.deliver_by
    if (
        state == CLOSED
        and promised
        and (data.deliver_by is None or data.deliver_by > promised)
    ):
        errors["deliver_by"] = _(
            "Voting has closed: the promised date can only come earlier."
        )
    if errors:
        raise Invalid(errors)
    before = snapshot(process, FIELDS)
    for name, value in asdict(data).items():
        setattr(process, name, value)
    record_action(
        actor, "budget.update", "engagement", process.id, before,
        snapshot(process, FIELDS),
    )  # fmt: skip
    db.session.commit()
    return process


@dataclass
class BudgetData:
    name: str
    amount: int | None
    district_id: int | None = None


def _budget_errors(data: BudgetData) -> dict[str, str]:
    errors: dict[str, str] = {}
    data.name = (data.name or "").strip()
    check_text(errors, "name", data.name, 200)
    if data.amount is None or data.amount <= 0:
        errors["amount"] = _("Give an amount above zero.")
    return errors


def _open_for_budgets(process: BudgetProcess) -> None:
    if phase(process) in (VOTING, CLOSED):
        raise Invalid({"name": _("Voting has opened: the budgets stay as they are.")})


def add_budget(actor: Any, process_id: int, data: BudgetData) -> Budget:
    """A city-wide or district budget of the process, with its own amount."""
    process = get_process(process_id)
    require(actor, "manage_budgets", process)
    _open_for_budgets(process)
    errors = _budget_errors(data)
    if errors:
        raise Invalid(errors)
    budget = Budget(process_id=process.id, **asdict(data))
    db.session.add(budget)
    db.session.flush()
    record_action(actor, "budget.add", "budget", budget.id, None, asdict(data))
    db.session.commit()
    return budget


def update_budget(actor: Any, budget_id: int, data: BudgetData) -> Budget:
    budget = get_budget(budget_id)
    require(actor, "manage_budgets", budget.process)
    _open_for_budgets(budget.process)
    errors = _budget_errors(data)
    if errors:
        raise Invalid(errors)
    before = {"name": budget.name, "amount": budget.amount}
    budget.name, budget.amount = data.name, data.amount
    budget.district_id = data.district_id
    record_action(actor, "budget.change", "budget", budget.id, before, asdict(data))
    db.session.commit()
    return budget


def remove_budget(actor: Any, budget_id: int) -> None:
    """Remove a budget nobody has proposed anything for yet."""
    budget = get_budget(budget_id)
    require(actor, "manage_budgets", budget.process)
    _open_for_budgets(budget.process)
    proposals = db.session.scalar(
        select(func.count(Proposal.id)).where(Proposal.budget_id == budget.id)
    )
    if proposals:
        raise Invalid(
            {"name": _("Residents have proposed projects for this budget: it stays.")}
        )
    record_action(actor, "budget.remove", "budget", budget.id, {"name": budget.name})
    db.session.delete(budget)
    db.session.commit()
