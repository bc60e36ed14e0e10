"""The administrators' page of Open311 API keys: issue and revoke."""

from flask import Blueprint, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.auth.decorators import permission_required
from participation.errors import Invalid, NotFound
from participation.formtools import apply_errors, flash_errors
from participation.open311 import keys
from participation.open311.forms import IssueKeyForm, RevokeKeyForm

bp = Blueprint("open311_admin", __name__)


def _page(form: IssueKeyForm, issued=None, secret: str | None = None):
    html = render_template(
        "admin/api_keys.html",
        form=form,
        keys=keys.list_keys(),
        issued=issued,
        secret=secret,
    )
    response = make_response(html)
    # The page may show a secret: keep it out of every cache.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/api-keys")
@permission_required("manage_api_keys")
def api_keys():
    return _page(IssueKeyForm(formdata=None))


@bp.post("/api-keys")
@permission_required("manage_api_keys")
def issue_key():
    form = IssueKeyForm()
    if form.validate_on_submit():
        try:
            key, secret = keys.issue_key(current_user, form.name.data)
        except Invalid as error:
            apply_errors(form, error)
        else:
            # Shown in this response only, never stored or sent again (no redirect,
            # no flash: the session cookie must not carry it).
            return _page(IssueKeyForm(formdata=None), issued=key, secret=secret)
    return _page(form), 400


@bp.post("/api-keys/revoke")
@permission_required("manage_api_keys")
def revoke_key():
    form = RevokeKeyForm()
    if not form.validate_on_submit():
        flash(_("Choose a key from the list."), "error")
        return redirect(url_for("open311_admin.api_keys"))
    try:
        key = keys.revoke_key(current_user, form.prefix.data)
    except NotFound:
        flash(_("Choose a key from the list."), "error")
    except Invalid as error:
        flash_errors(error)
    else:
        flash(_("The key %(prefix)s is revoked.", prefix=key.prefix), "success")
    return redirect(url_for("open311_admin.api_keys"))
