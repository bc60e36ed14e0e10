"""The rules for city settings, projects and engagements (the checks of what people
give: checks.py; where a point lies: places.py)."""

from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from participation.core import reference
from participation.core.checks import check_district, check_language, check_text
from participation.core.models import (
    ENGAGEMENT_KINDS,
    City,
    District,
    Engagement,
    Project,
    city_engagements,
)
from participation.core.rungs import claim_consistent
from participation.extensions import db
from participation.lookup import stored
from participation.types import utcnow


@dataclass
class EngagementData:
    kind: str
    title: str
    opens_at: datetime
    # None: the planner chose to make no claim.
    claimed_rung: int | None
    summary: str = ""
    closes_at: datetime | None = None
    decided_at: datetime | None = None
    district_id: int | None = None
    language: str = "en"
    # The IAP2 level the claim was made in (claimed_rung is its lowest rung), if any.
    claim_words: str | None = None


# What the process keeps of the city's settings (the bounds are south, west, north, east).
CITY_FIELDS = (
    "id",
    "name",
    "timezone",
    "default_locale",
    "currency",
    "south",
    "west",
    "north",
    "east",
)


def get_city() -> Any:
    """The city's settings; before any are stored, the configured defaults."""
    return reference.remember("city", _read_city)


def _read_city() -> SimpleNamespace:
    city = db.session.scalars(select(City).limit(1)).first()
    if city is not None:
        return SimpleNamespace(**{name: getattr(city, name) for name in CITY_FIELDS})
    config = current_app.config
    return SimpleNamespace(
        id=None,
        name=config["CITY_NAME"],
        timezone=config["CITY_TIMEZONE"],
        default_locale=config["BABEL_DEFAULT_LOCALE"],
        currency=config["CITY_CURRENCY"],
        south=-90.0,
        west=-180.0,
        north=90.0,
        east=180.0,
    )


def list_districts() -> list[District]:
    """All districts by name."""
    return list(db.session.scalars(select(District).order_by(District.name)))


def list_projects() -> list[Project]:
    """Every project, most recently updated first, with engagements loaded."""
    query = (
        select(Project)
        .options(
            selectinload(Project.engagements).selectinload(Engagement.district),
            selectinload(Project.district),
        )
        .order_by(Project.updated_at.desc(), Project.id.desc())
    )
    return list(db.session.scalars(query))


def open_engagements(project: Project, now: datetime | None = None) -> list[Engagement]:
    """The engagements of `project` open for participation at `now`."""
    now = now or utcnow()
    return [e for e in city_engagements(project.engagements) if e.is_open(now)]


def get_project(project_id: int) -> Project:
    """The project with this id, or NotFound."""
    return stored(Project, project_id, "project")


def get_engagement(engagement_id: int) -> Engagement:
    """The engagement with this id, or NotFound."""
    return stored(Engagement, engagement_id, "engagement")


def engagement_errors(data: EngagementData) -> dict[str, str]:
    """What is wrong with an engagement's common details (field -> message)."""
    data.title = data.title.strip()
    errors: dict[str, str] = {}
    if data.kind not in ENGAGEMENT_KINDS:
        errors["kind"] = _("Choose a kind of engagement from the list.")
    check_text(errors, "title", data.title, 200)
    check_text(errors, "summary", data.summary, 5000, required=False)
    if not claim_consistent(data.claimed_rung, data.claim_words):
        errors["claimed_rung"] = _(
            "Choose a rung between 1 and 8, an IAP2 level, or no claim."
        )
    if data.opens_at is None:
        errors["opens_at"] = _("This field is required.")
    elif data.closes_at is not None and data.closes_at <= data.opens_at:
        errors["closes_at"] = _("The closing date must be after the opening date.")
    check_district(errors, data.district_id)
    check_language(errors, data.language)
    return errors


def common_errors(kind: str, data: Any) -> dict[str, str]:
    """engagement_errors for a feature's own data (consultations, budgets: any object
    with the common fields); strips its title in place."""
    fields = ("title", "opens_at", "claimed_rung", "summary", "closes_at")
    words = getattr(data, "claim_words", None)
    common = EngagementData(
        kind=kind,
        **{name: getattr(data, name) for name in fields},
        decided_at=getattr(data, "decided_at", None),
        district_id=data.district_id,
        language=data.language,
        claim_words=words,
    )
    errors = engagement_errors(common)
    data.title = common.title
    return errors
