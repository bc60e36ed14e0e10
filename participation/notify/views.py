"""A person's notifications, what they follow and how often they want email."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from participation.errors import Invalid
from participation.i18n.content import prefetch, texts_of
from participation.notify import services
from participation.projects import follows
from participation.projects.forms import DigestForm

bp = Blueprint("notify", __name__)


def _page(form: DigestForm | None = None, status: int = 200):
    items = services.list_notifications(current_user)
    followed = services.followed_things(current_user)
    prefetch(texts_of(*services.shown_objects(items), *followed.projects.values()))
    if form is None:
        form = DigestForm()
        form.frequency.data = follows.digest_frequency(current_user)
    return render_template(
        "notify/list.html", items=items, followed=followed, digest_form=form
    ), status


@bp.get("/notifications")
@login_required
def notifications():
    return _page()


@bp.post("/notifications/read")
@login_required
def mark_read():
    services.mark_all_read(current_user)
    return redirect(url_for("notify.notifications"))


@bp.post("/notifications/digest")
@login_required
def digest():
    form = DigestForm()
    if form.validate_on_submit():
        try:
            follows.set_digest(current_user, form.frequency.data)
        except Invalid as error:
            form.frequency.errors = [error.errors["frequency"]]
        else:
            flash(_("Saved: how often we email you."), "success")
            return redirect(url_for("notify.notifications"))
    return _page(form, 400)
