"""District and theme pages, and the Atom feeds of project and district timelines."""

from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user

from participation.core.models import THEMES
from participation.core.services import get_project, list_districts
from participation.i18n.content import prefetch, texts_of
from participation.projects import feeds, follows, page

bp = Blueprint("places", __name__)


@bp.get("/projects/<int:project_id>/feed.atom")
def project_feed(project_id: int):
    return Response(
        feeds.project_feed(get_project(project_id)),
        mimetype="application/atom+xml",
    )


@bp.get("/districts/<int:district_id>/feed.atom")
def district_feed(district_id: int):
    return Response(
        feeds.district_feed(page.get_district(district_id)),
        mimetype="application/atom+xml",
    )


@bp.get("/districts/<int:district_id>")
def district_page(district_id: int):
    district = page.get_district(district_id)
    groups = page.chosen_groups(request.args.getlist("show"))
    thread = page.district_thread(
        district, groups, request.args.get("before"), current_user
    )
    projects = page.projects_of(district_id=district_id)
    prefetch(texts_of(*projects, *thread.texts()))
    return render_template(
        "projects/district.html", district=district, projects=projects, thread=thread
    )


@bp.get("/districts")
def districts():
    return render_template("projects/districts.html", districts=list_districts())


@bp.get("/themes/<theme>")
def theme_page(theme: str):
    if theme not in THEMES:
        abort(404)
    projects = page.projects_of(theme=theme)
    prefetch(texts_of(*projects))
    return render_template(
        "projects/theme.html",
        theme=theme,
        projects=projects,
        following=follows.is_following(current_user, "theme", theme),
    )
