"""The notifications page's panel of what a person follows, with the digest form."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from participation.core.models import District, Project
from participation.extensions import db
from participation.i18n.content import prefetch, texts_of
from participation.notify.panels import register_panel
from participation.projects.follows import digest_frequency, subscriptions_of
from participation.projects.forms import DigestForm


@dataclass
class Followed:
    """What a person follows, with the followed things loaded."""

    subscriptions: list[Any]
    projects: dict[int, Any]
    districts: dict[int, Any]


def followed_things(user: Any) -> Followed:
    subscriptions = subscriptions_of(user)

    def load(model, target):
        ids = [int(s.key) for s in subscriptions if s.target == target]
        rows = db.session.scalars(select(model).where(model.id.in_(ids))) if ids else []
        return {row.id: row for row in rows}

    return Followed(subscriptions, load(Project, "project"), load(District, "district"))


@register_panel("projects/following_panel.html")
def following_panel(reader: Any, digest_form: DigestForm | None = None) -> dict:
    """What the reader follows, and the form choosing how often they get email."""
    followed = followed_things(reader)
    prefetch(texts_of(*followed.projects.values()))
    if digest_form is None:
        digest_form = DigestForm()
        digest_form.frequency.data = digest_frequency(reader)
    return {"followed": followed, "digest_form": digest_form}
