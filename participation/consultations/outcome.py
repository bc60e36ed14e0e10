"""After closing: the results made public, and "what we heard, what we did"."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from markupsafe import Markup

from participation.auth.permissions import can, require
from participation.consultations.models import Consultation, ReportTheme
from participation.consultations.services import (
    CLOSED,
    MAX_TEXT,
    get_consultation,
    phase,
)
from participation.core.audit import record_action, snapshot
from participation.core.checks import check_text
from participation.core.decisions import decisions_by_id
from participation.errors import Invalid
from participation.extensions import db
from participation.types import utcnow


def may_see_results(user: Any, consultation: Consultation) -> bool:
    """Results are public once published; staff see them as they come in."""
    return consultation.results_published_at is not None or can(
        user, "manage_consultations", consultation
    )


def publish_results(actor: Any, consultation_id: int) -> Consultation:
    """Make the results public (after closing)."""
    consultation = get_consultation(consultation_id)
    require(actor, "manage_consultations", consultation)
    if phase(consultation) != CLOSED:
        raise Invalid({"results": _("Results are published after closing.")})
    if consultation.results_published_at is None:
        consultation.results_published_at = utcnow()
        record_action(actor, "consultation.results", "engagement", consultation.id)
        db.session.commit()
    return consultation


def audience_note(consultation: Consultation) -> Markup:
    """Who could take part and how that was checked, exactly as may_take_part and
    submit_response enforce it (results pages)."""
    if consultation.audience == "everyone":
        return Markup(
            _(
                "Open to everyone, with or without an account. A signed-in resident "
                "has one response, which they can change until closing; responses "
                "without an account are anonymous, so one person may have answered "
                "more than once."
            )
        )
    if consultation.audience == "district":
        return Markup(
            _(
                "Open to the residents of %(district)s, as each declares their "
                "district on their account (it is not verified): one response per "
                "account, which its author can change until closing.",
                district=Markup("<bdi>%s</bdi>") % consultation.district.name,
            )
        )
    return Markup(
        _(
            "Open to signed-in residents: one response per account, which its "
            "author can change until closing."
        )
    )


@dataclass
class ThemeData:
    heard: str
    did: str
    # The recorded decision of the project it led to, if any.
    decision_id: int | None = None


def publish_report(
    actor: Any,
    consultation_id: int,
    summary: str,
    themes: list[ThemeData],
    decided_at: datetime | None,
    language: str,
) -> Consultation:
    """Publish "what we heard, what we did": each theme with the decision taken about
    it, and the date of the decision. Published results come with it."""
    consultation = get_consultation(consultation_id)
    require(actor, "manage_consultations", consultation)
    now = utcnow()
    errors: dict[str, str] = {}
    summary = (summary or "").strip()
    check_text(errors, "summary", summary, MAX_TEXT, required=False)
    themes = [
        ThemeData(t.heard.strip(), t.did.strip(), t.decision_id)
        for t in themes
        if t.heard.strip() or t.did.strip()
    ]
    if phase(consultation, now) != CLOSED:
        errors["summary"] = _("The report is published after closing.")
    if not themes:
        errors["themes"] = _(
            "Describe at least one theme: what you heard, what you did."
        )
    for theme in themes:
        if not theme.heard or not theme.did:
            errors["themes"] = _(
                "Each theme needs both what you heard and what you did."
            )
        elif max(len(theme.heard), len(theme.did)) > MAX_TEXT:
            errors["themes"] = _("Use at most %(limit)d characters.", limit=MAX_TEXT)
    _check_decisions(errors, consultation, themes)
    if decided_at is None:
        errors["decided_at"] = _("Record the date of the decision.")
    elif decided_at > now:
        errors["decided_at"] = _("The decision date cannot be in the future.")
    if errors:
        raise Invalid(errors)
    before = snapshot(consultation, ["decided_at", "report_published_at"])
    consultation.report_summary = summary
    consultation.themes = [
        ReportTheme(
            position=n,
            heard=t.heard,
            did=t.did,
            decision_id=t.decision_id,
            language=language,
        )
        for n, t in enumerate(themes)
    ]
    consultation.decided_at = decided_at
    consultation.report_published_at = consultation.report_published_at or now
    consultation.results_published_at = consultation.results_published_at or now
    record_action(
        actor,
        "consultation.report",
        "engagement",
        consultation.id,
        before,
        snapshot(consultation, ["decided_at", "report_published_at"]),
    )
    db.session.commit()
    return consultation


def _check_decisions(
    errors: dict[str, str], consultation: Consultation, themes: list[ThemeData]
) -> None:
    """Note an error unless each linked decision is one of the consultation's
    project (decisions are recorded by another feature: read through core)."""
    chosen = {t.decision_id for t in themes if t.decision_id is not None}
    found = decisions_by_id(chosen)
    if any(
        i not in found or found[i].project_id != consultation.project_id for i in chosen
    ):
        errors["themes"] = _("Link each theme to a decision of this project.")


def linked_decisions(consultation: Consultation) -> dict[int, Any]:
    """The decisions the consultation's themes led to, by id."""
    return decisions_by_id(
        [t.decision_id for t in consultation.themes if t.decision_id is not None]
    )
