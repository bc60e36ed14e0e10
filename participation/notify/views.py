"""A person's notifications, and the panels packages add below them."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required

from participation.i18n.content import prefetch, texts_of
from participation.notify import services
from participation.notify.panels import panels

bp = Blueprint("notify", __name__)


def notifications_page(status: int = 200, **given):
    """The signed-in person's notifications and panels; `given` goes to the panels
    (a failed form post hands its form back this way)."""
    items = services.list_notifications(current_user)
    prefetch(texts_of(*services.shown_objects(items)))
    return render_template(
        "notify/list.html", items=items, panels=panels(current_user, **given)
    ), status


@bp.get("/notifications")
@login_required
def notifications():
    return notifications_page()


@bp.post("/notifications/read")
@login_required
def mark_read():
    services.mark_all_read(current_user)
    return redirect(url_for("notify.notifications"))
