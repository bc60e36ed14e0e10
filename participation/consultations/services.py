"""The rules of a consultation's life: set up, open, close, extend, publish."""

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from participation.auth.permissions import require
from participation.consultations.models import (
    AUDIENCES,
    COMMITMENTS,
    ClosingChange,
    Comment,
    Consultation,
)
from participation.core import geo
from participation.core.audit import record_action, snapshot
from participation.core.checks import check_link, check_text
from participation.core.services import common_errors, get_city, get_project
from participation.errors import Invalid
from participation.extensions import db
from participation.lookup import stored
from participation.types import utcnow

UPCOMING, OPEN, CLOSED = "upcoming", "open", "closed"
MAX_TEXT = 5000
FIELDS = [
    "title",
    "summary",
    "already_decided",
    "still_open",
    "decision",
    "decided_at",
    "district_id",
    "audience",
    "opens_at",
    "closes_at",
    "claimed_rung",
    "claim_words",
    "commitment",
    "commitment_url",
    "language",
]


@dataclass
class ConsultationData:
    title: str
    opens_at: datetime
    claimed_rung: int | None  # None: no claim
    summary: str = ""  # the purpose
    already_decided: str = ""
    still_open: str = ""
    decision: str = ""
    decided_at: datetime | None = None
    closes_at: datetime | None = None
    district_id: int | None = None
    audience: str = "signed_in"
    commitment: str = "advisory"
    commitment_url: str = ""
    language: str = "en"
    claim_words: str | None = None  # an IAP2 level


def phase(consultation: Consultation, now: datetime | None = None) -> str:
    """upcoming, open or closed at `now`."""
    now = now or utcnow()
    if now < consultation.opens_at:
        return UPCOMING
    return OPEN if consultation.is_open(now) else CLOSED


def get_consultation(consultation_id: int) -> Consultation:
    """The consultation with this id, or NotFound."""
    return stored(Consultation, consultation_id, "consultation")


def _validate(data: ConsultationData) -> None:
    errors = common_errors("consultation", data)
    for name in ("already_decided", "still_open", "decision"):
        check_text(errors, name, getattr(data, name), MAX_TEXT, required=False)
    if data.audience not in AUDIENCES:
        errors["audience"] = _("Choose who may take part from the list.")
    elif data.audience == "district" and data.district_id is None:
        errors["audience"] = _(
            "Choose the district whose residents may take part, or another audience."
        )
    if data.commitment not in COMMITMENTS:
        errors["commitment"] = _("Choose a commitment from the list.")
    data.commitment_url = check_link(errors, "commitment_url", data.commitment_url)
    if errors:
        raise Invalid(errors)


def create_consultation(
    actor: Any, project_id: int, data: ConsultationData
) -> Consultation:
    """Add a consultation to a project (planners)."""
    project = get_project(project_id)
    require(actor, "create_engagement", project)
    _validate(data)
    consultation = Consultation(**asdict(data), project=project, created_by_id=actor.id)
    db.session.add(consultation)
    project.updated_at = utcnow()
    db.session.flush()
    record_action(
        actor,
        "consultation.create",
        "engagement",
        consultation.id,
        None,
        snapshot(consultation, FIELDS),
    )
    db.session.commit()
    return consultation


def update_consultation(
    actor: Any, consultation_id: int, data: ConsultationData
) -> Consultation:
    """Change a consultation's details. Once open, its opening date stays, and the
    closing date changes only through change_closing (logged and shown)."""
    consultation = get_consultation(consultation_id)
    require(actor, "edit_engagement", consultation)
    _validate(data)
    if phase(consultation) != UPCOMING:
        errors = {}
        if data.opens_at != consultation.opens_at:
            errors["opens_at"] = _("The consultation has opened: its opening stays.")
        if data.closes_at != consultation.closes_at:
            errors["closes_at"] = _(
                "Use “Change the closing date” on the managing page: residents "
                "see the change and its reason."
            )
        if errors:
            raise Invalid(errors)
    before = snapshot(consultation, FIELDS)
    for field, value in asdict(data).items():
        setattr(consultation, field, value)
    record_action(
        actor,
        "consultation.update",
        "engagement",
        consultation.id,
        before,
        snapshot(consultation, FIELDS),
    )
    db.session.commit()
    return consultation


def open_now(actor: Any, consultation_id: int) -> Consultation:
    """Open an upcoming consultation at once (its opening date becomes now)."""
    consultation = get_consultation(consultation_id)
    require(actor, "manage_consultations", consultation)
    now = utcnow()
    if phase(consultation, now) != UPCOMING:
        raise Invalid({"opens_at": _("This consultation is not upcoming.")})
    if not consultation.questions and not consultation.sections:
        raise Invalid(
            {"opens_at": _("Add a question or a section of text before opening.")}
        )
    if consultation.closes_at is not None and consultation.closes_at <= now:
        raise Invalid({"closes_at": _("The closing date has passed: change it first.")})
    before = snapshot(consultation, ["opens_at"])
    consultation.opens_at = now
    record_action(
        actor,
        "consultation.open",
        "engagement",
        consultation.id,
        before,
        snapshot(consultation, ["opens_at"]),
    )
    db.session.commit()
    return consultation


def change_closing(
    actor: Any,
    consultation_id: int,
    closes_at: datetime | None,
    reason: str,
    language: str,
) -> ClosingChange:
    """Extend the closing date, or close now (closes_at = now); logged and shown."""
    consultation = get_consultation(consultation_id)
    require(actor, "manage_consultations", consultation)
    now = utcnow()
    reason = (reason or "").strip()
    errors = {}
    if consultation.results_published_at is not None:
        errors["closes_at"] = _("The results are published: the dates are final.")
    elif closes_at is None:
        errors["closes_at"] = _("This field is required.")
    elif closes_at < now.replace(microsecond=0):
        errors["closes_at"] = _("Choose a date from now on.")
    elif closes_at <= consultation.opens_at:
        errors["closes_at"] = _("The closing date must be after the opening date.")
    elif closes_at == consultation.closes_at:
        errors["closes_at"] = _("This is the current closing date.")
    if not reason:
        errors["reason"] = _("Say why: residents read it.")
    elif len(reason) > MAX_TEXT:
        errors["reason"] = _("Use at most %(limit)d characters.", limit=MAX_TEXT)
    if errors:
        raise Invalid(errors)
    change = ClosingChange(
        consultation_id=consultation.id,
        old_closes_at=consultation.closes_at,
        new_closes_at=max(closes_at, now),
        reason=reason,
        language=language,
        actor_id=actor.id,
    )
    db.session.add(change)
    before = snapshot(consultation, ["closes_at"])
    consultation.closes_at = change.new_closes_at
    record_action(
        actor,
        "consultation.closing",
        "engagement",
        consultation.id,
        before,
        {**snapshot(consultation, ["closes_at"]), "reason": reason},
    )
    db.session.commit()
    return change


def may_take_part(user: Any, consultation: Consultation) -> tuple[bool, str]:
    """Whether `user` may answer or comment, and if not, why (translated)."""
    audience = consultation.audience
    signed_in = getattr(user, "is_authenticated", False)
    if audience == "everyone":
        return True, ""
    if not signed_in:
        return False, _("Sign in to take part in this consultation.")
    if audience == "district" and user.district_id != consultation.district_id:
        return False, _(
            "This consultation is open to the residents of %(district)s. Say where "
            "you live on your account page.",
            district=consultation.district.name,
        )
    return True, ""


def require_participation(user: Any, consultation: Consultation) -> None:
    """Raise unless `user` may take part now (open, and in the audience)."""
    current = phase(consultation)
    if current == UPCOMING:
        raise Invalid({"consultation": _("This consultation is not open yet.")})
    if current == CLOSED:
        raise Invalid({"consultation": _("This consultation is closed.")})
    allowed, reason = may_take_part(user, consultation)
    if not allowed:
        raise Invalid({"consultation": reason})


def open_consultations(now: datetime | None = None) -> list[Consultation]:
    """Consultations residents can take part in now, closing soonest first."""
    now = now or utcnow()
    rows = db.session.scalars(
        select(Consultation).where(
            Consultation.opens_at <= now,
            (Consultation.closes_at.is_(None)) | (Consultation.closes_at > now),
        )
    )
    return sorted(rows, key=lambda c: (c.closes_at is None, c.closes_at or now, c.id))


def place_of(consultation: Consultation) -> tuple[float, float]:
    """Where a consultation sits on the map: the middle of its district, or the city."""
    if consultation.district is not None:
        south, west, north, east = geo.bounds_of([consultation.district.boundary])
    else:
        city = get_city()
        south, west, north, east = city.south, city.west, city.north, city.east
    return (south + north) / 2, (west + east) / 2


def comment_count(consultation: Consultation) -> int:
    """How many comments residents wrote on its text."""
    return db.session.scalar(
        select(func.count(Comment.id)).where(Comment.consultation_id == consultation.id)
    )
