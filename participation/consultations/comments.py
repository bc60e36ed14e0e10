"""A text to comment on: its sections, residents' threaded comments and support, and
the city's official replies (to comments and to survey responses)."""

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from participation.auth.permissions import require
from participation.consultations import services
from participation.consultations.models import (
    Comment,
    CommentSupport,
    Consultation,
    OfficialReply,
    Section,
    SectionSupport,
)
from participation.consultations.survey_models import Response
from participation.core.audit import record_action
from participation.core.checks import check_language, check_text
from participation.core.support import count_once
from participation.errors import Invalid, NotFound
from participation.extensions import db
from participation.lookup import stored

MAX_SECTIONS, MAX_COMMENT = 100, 3000


def _text(errors: dict, name: str, value: str, limit: int) -> str:
    value = (value or "").strip()
    check_text(errors, name, value, limit)
    return value


def get_section(section_id: int) -> Section:
    """The section with this id, or NotFound."""
    return stored(Section, section_id, "section")


def add_section(actor: Any, consultation_id: int, heading: str, body: str) -> Section:
    """Add a section to the text residents comment on."""
    consultation = services.get_consultation(consultation_id)
    require(actor, "manage_consultations", consultation)
    errors: dict[str, str] = {}
    heading = _text(errors, "heading", heading, 200)
    body = _text(errors, "body", body, 20000)
    if len(consultation.sections) >= MAX_SECTIONS:
        errors["heading"] = _(
            "A text has at most %(limit)d sections.", limit=MAX_SECTIONS
        )
    if errors:
        raise Invalid(errors)
    section = Section(
        position=len(consultation.sections),
        heading=heading,
        body=body,
        language=consultation.language,
    )
    consultation.sections.append(section)
    db.session.flush()
    record_action(actor, "consultation.section.add", "section", section.id)
    db.session.commit()
    return section


def delete_section(actor: Any, section_id: int) -> None:
    """Remove a section nobody has commented on yet."""
    section = get_section(section_id)
    consultation = section.consultation
    require(actor, "manage_consultations", consultation)
    if db.session.scalar(select(Comment.id).where(Comment.section_id == section.id)):
        raise Invalid(
            {"section": _("Residents have commented on this section: it stays.")}
        )
    consultation.sections.remove(section)
    for n, other in enumerate(consultation.sections):
        other.position = n
    record_action(actor, "consultation.section.delete", "section", section_id)
    db.session.commit()


def comments_by_section(consultation: Consultation) -> dict[int, list[Comment]]:
    """Every comment, grouped by section, oldest first (replies follow their parent
    in the template), with authors and official replies loaded in two queries."""
    rows = db.session.scalars(
        select(Comment)
        .where(Comment.consultation_id == consultation.id)
        .options(selectinload(Comment.author), selectinload(Comment.reply))
        .order_by(Comment.created_at, Comment.id)
    )
    grouped: dict[int, list[Comment]] = {s.id: [] for s in consultation.sections}
    for comment in rows:
        grouped.setdefault(comment.section_id, []).append(comment)
    return grouped


def post_comment(
    user: Any,
    section_id: int,
    body: str,
    language: str,
    parent_id: int | None = None,
    show_name: bool = False,
) -> Comment:
    """A resident comments on a section, or replies to a comment (signed in)."""
    section = get_section(section_id)
    consultation = section.consultation
    if not getattr(user, "is_authenticated", False):
        raise Invalid({"consultation": _("Sign in to comment.")})
    services.require_participation(user, consultation)
    errors: dict[str, str] = {}
    body = _text(errors, "body", body, MAX_COMMENT)
    check_language(errors, language)
    if parent_id is not None:
        parent = db.session.get(Comment, parent_id)
        if parent is None or parent.section_id != section.id:
            errors["parent_id"] = _("The comment you reply to does not exist.")
    if errors:
        raise Invalid(errors)
    comment = Comment(
        consultation_id=consultation.id,
        section_id=section.id,
        parent_id=parent_id,
        author_id=user.id,
        show_name=bool(show_name),
        body=body,
        language=language,
    )
    db.session.add(comment)
    db.session.commit()
    return comment


def get_comment(comment_id: int) -> Comment:
    return stored(Comment, comment_id, "comment")


def support_comment(user: Any, comment_id: int) -> Comment:
    """A resident supports a comment (once; not their own)."""
    comment = get_comment(comment_id)
    consultation = db.session.get(Consultation, comment.consultation_id)
    if not getattr(user, "is_authenticated", False):
        raise Invalid({"consultation": _("Sign in to support a comment.")})
    services.require_participation(user, consultation)
    if comment.author_id == user.id:
        raise Invalid({"comment": _("You cannot support your own comment.")})
    return count_once(
        CommentSupport(comment_id=comment.id, user_id=user.id),
        comment,
        "comment",
        _("You already support this comment."),
    )


def support_section(user: Any, section_id: int) -> Section:
    """A resident supports a section of the text (once)."""
    section = get_section(section_id)
    if not getattr(user, "is_authenticated", False):
        raise Invalid({"consultation": _("Sign in to support a section.")})
    services.require_participation(user, section.consultation)
    return count_once(
        SectionSupport(section_id=section.id, user_id=user.id),
        section,
        "section",
        _("You already support this section."),
    )


def supported_sections(user: Any, consultation: Consultation) -> set[int]:
    """The sections of this consultation the user supports."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        db.session.scalars(
            select(SectionSupport.section_id)
            .join(Section, Section.id == SectionSupport.section_id)
            .where(
                Section.consultation_id == consultation.id,
                SectionSupport.user_id == user.id,
            )
        )
    )


def supported_ids(user: Any, consultation: Consultation) -> set[int]:
    """The comments of this consultation the user supports."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        db.session.scalars(
            select(CommentSupport.comment_id)
            .join(Comment, Comment.id == CommentSupport.comment_id)
            .where(
                Comment.consultation_id == consultation.id,
                CommentSupport.user_id == user.id,
            )
        )
    )


def reply_officially(
    actor: Any,
    body: str,
    language: str,
    comment_id: int | None = None,
    response_id: int | None = None,
) -> OfficialReply:
    """The city's public answer to one comment or survey response (one each)."""
    target = (
        db.session.get(Comment, comment_id)
        if comment_id is not None
        else db.session.get(Response, response_id)
        if response_id is not None
        else None
    )
    if target is None:
        raise NotFound("input")
    consultation = services.get_consultation(target.consultation_id)
    require(actor, "manage_consultations", consultation)
    errors: dict[str, str] = {}
    body = _text(errors, "body", body, MAX_COMMENT)
    check_language(errors, language)
    column = OfficialReply.comment_id if comment_id else OfficialReply.response_id
    if db.session.scalar(select(OfficialReply.id).where(column == target.id)):
        errors["body"] = _("This input already has an official reply.")
    if errors:
        raise Invalid(errors)
    reply = OfficialReply(
        consultation_id=consultation.id,
        comment_id=comment_id,
        response_id=None if comment_id is not None else response_id,
        body=body,
        language=language,
        actor_id=actor.id,
    )
    db.session.add(reply)
    try:
        db.session.flush()
    except IntegrityError:  # another member of staff answered at the same moment
        db.session.rollback()
        raise Invalid(
            {"body": _("This input already has an official reply.")}
        ) from None
    db.session.expire(target, ["reply"])
    record_action(actor, "consultation.reply", "reply", reply.id, None, {"body": body})
    db.session.commit()
    return reply
