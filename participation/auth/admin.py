"""The administrators' page: accounts and their roles."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.auth import services
from participation.auth.decorators import permission_required
from participation.auth.forms import RolesForm
from participation.errors import Invalid

bp = Blueprint("admin", __name__)


@bp.get("/users")
@permission_required("manage_roles")
def users():
    query = request.args.get("q", "")
    accounts = services.list_users(query)
    forms = {}
    for user in accounts:
        form = RolesForm(prefix=f"user{user.id}", formdata=None)
        form.roles.data = sorted(user.roles - {"resident"})
        forms[user.id] = form
    return render_template(
        "admin/users.html", accounts=accounts, forms=forms, query=query
    )


@bp.post("/users/<int:user_id>/roles")
@permission_required("manage_roles")
def set_roles(user_id: int):
    form = RolesForm(prefix=f"user{user_id}")
    if not form.validate_on_submit():
        flash(_("Choose roles from the list."), "error")
        return redirect(url_for("admin.users"))
    try:
        user = services.set_roles(current_user, user_id, set(form.roles.data or []))
    except Invalid as error:
        for message in error.errors.values():
            flash(message, "error")
    else:
        flash(_("Roles of %(name)s saved.", name=user.email), "success")
    return redirect(url_for("admin.users", q=request.args.get("q", "")))
