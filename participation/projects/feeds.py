"""Atom feeds (RFC 4287) of a project's and a district's timeline."""

from datetime import UTC, datetime

from feedgen.feed import FeedGenerator
from flask import current_app
from flask_babel import gettext as _

from participation.core import timeline
from participation.projects.page import district_scope, project_scope
from participation.urls import external_url

# The `updated` date of a feed with no entries yet.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _entry_title(item: timeline.Item) -> str:
    obj = item.obj
    labels = {
        "update": _("Update: %(title)s"),
        "decision": _("Decision: %(title)s"),
        "milestone": _("Milestone: %(title)s"),
        "opened": _("Opened: %(title)s"),
        "closed": _("Closed: %(title)s"),
        "results": _("Results published: %(title)s"),
        "response_report": _("What we heard, what we did: %(title)s"),
        "budget_results": _("Budget results: %(title)s"),
        "report": _("Issue reported: %(title)s"),
        "winner": _("Winning proposal: %(title)s"),
    }
    if item.source == "opened" and getattr(obj, "imported_from", None):
        return _("Attached: %(title)s") % {"title": obj.title}
    return labels[item.source] % {"title": obj.title}


def _entry_summary(item: timeline.Item) -> str:
    obj = item.obj
    origin = getattr(obj, "imported_from", None)
    if origin:  # an attached import says where it came from
        return _("Imported from a Pabulib file: %(origin)s", origin=origin)
    for name in ("body", "description", "summary", "note"):
        text = getattr(obj, name, None)
        if text:
            return text[:1000]
    return ""


def item_url(item: timeline.Item) -> str:
    """Where an item's detail is (absolute)."""
    endpoints = {
        "update": ("projects.update_page", {"update_id": item.id}),
        "decision": ("projects.decision_page", {"decision_id": item.id}),
        "milestone": (
            "projects.project_page",
            {"project_id": item.project_id, "_anchor": f"milestone-{item.id}"},
        ),
        "report": ("issues.report", {"report_id": item.id}),
        "winner": ("budgeting.proposal", {"proposal_id": item.id}),
    }
    endpoint, values = endpoints.get(
        item.source, ("projects.engagement_page", {"engagement_id": item.id})
    )
    return external_url(endpoint, **values)


def _feed(feed_id: str, title: str, link: str, items: list[timeline.Item]) -> bytes:
    feed = FeedGenerator()
    feed.id(feed_id)
    feed.title(title)
    feed.link(href=link, rel="alternate")
    feed.link(href=feed_id, rel="self")
    feed.language(current_app.config["BABEL_DEFAULT_LOCALE"])
    feed.updated(max((item.at for item in items), default=None) or EPOCH)
    for item in reversed(items):  # feedgen prepends: newest ends up first
        entry = feed.add_entry()
        url = item_url(item)
        entry.id(f"{url}#{item.source}-{item.id}")
        entry.title(_entry_title(item))
        entry.link(href=url)
        entry.updated(item.at)
        entry.published(item.at)
        summary = _entry_summary(item)
        if summary:
            entry.summary(summary)
    return feed.atom_str(pretty=True)


def _items(scope: timeline.Scope) -> list[timeline.Item]:
    now_items = timeline.page(scope, size=current_app.config["FEED_ENTRIES"]).items
    return [item for item in now_items if not item.upcoming]


def project_feed(project) -> bytes:
    return _feed(
        external_url("places.project_feed", project_id=project.id),
        project.title,
        external_url("projects.project_page", project_id=project.id),
        _items(project_scope(project)),
    )


def district_feed(district) -> bytes:
    return _feed(
        external_url("places.district_feed", district_id=district.id),
        _("%(district)s: city projects", district=district.name),
        external_url("places.district_page", district_id=district.id),
        _items(district_scope(district)),
    )
