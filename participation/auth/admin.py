"""The administrators' page: accounts and their roles."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.auth import administration, services
from participation.auth.decorators import permission_required
from participation.auth.forms import DistrictForm, LockForm, RolesForm
from participation.core.services import list_districts
from participation.errors import Invalid
from participation.formtools import apply_errors, flash_errors, optional_int

bp = Blueprint("admin", __name__)


@bp.get("/users")
@permission_required("manage_roles")
def users():
    query = request.args.get("q", "")
    accounts = administration.list_users(query)
    forms = {}
    for user in accounts:
        form = RolesForm(prefix=f"user{user.id}", formdata=None)
        form.roles.data = sorted(user.roles - {"resident"})
        forms[user.id] = form
    return render_template(
        "admin/users.html",
        accounts=accounts,
        forms=forms,
        lock_forms={
            u.id: LockForm(prefix=f"lock{u.id}", formdata=None) for u in accounts
        },
        query=query,
    )


@bp.post("/users/<int:user_id>/roles")
@permission_required("manage_roles")
def set_roles(user_id: int):
    form = RolesForm(prefix=f"user{user_id}")
    if not form.validate_on_submit():
        flash(_("Choose roles from the list."), "error")
        return redirect(url_for("admin.users"))
    try:
        user = administration.set_roles(
            current_user, user_id, set(form.roles.data or [])
        )
    except Invalid as error:
        flash_errors(error)
    else:
        flash(_("Roles of %(name)s saved.", name=user.email), "success")
    return redirect(url_for("admin.users", q=request.args.get("q", "")))


@bp.post("/users/<int:user_id>/lock")
@permission_required("manage_roles")
def lock(user_id: int):
    """Lock an account (its sessions end at once) or unlock it."""
    form = LockForm(prefix=f"lock{user_id}")
    locked = request.form.get("action") != "unlock"
    try:
        if not form.validate_on_submit():
            raise Invalid({"reason": _("Say why, for the audit log.")})
        user = administration.set_locked(
            current_user, user_id, locked, form.reason.data
        )
    except Invalid as error:
        flash_errors(error)
    else:
        flash(
            _("%(email)s is locked and signed out everywhere.", email=user.email)
            if locked
            else _("%(email)s can sign in again.", email=user.email),
            "success",
        )
    return redirect(url_for("admin.users", q=request.args.get("q", "")))


@bp.route("/districts", methods=["GET", "POST"])
@permission_required("verify_districts")
def districts():
    """The city desk: look up one resident by email (nobody is listed), see the
    district they declared, and confirm or correct it after seeing proof."""
    email = request.values.get("email", "")
    person = services.find_by_email(email) if email else None
    form = DistrictForm(list_districts(), prefix="verify")
    form.district_id.label.text = _("District shown on the proof of address")
    form.district_id.description = ""
    status = 200
    if request.method == "POST" and person is not None:
        if form.validate_on_submit():
            try:
                administration.verify_district(
                    current_user, person.id, optional_int(form.district_id.data)
                )
            except Invalid as error:
                apply_errors(form, error)
                status = 400
            else:
                flash(
                    _("District of %(email)s verified.", email=person.email), "success"
                )
                return redirect(url_for("admin.districts", email=person.email))
        else:
            status = 400
    elif person is not None:
        form.district_id.data = str(person.district_id or "")
    return (
        render_template(
            "admin/districts.html",
            email=email,
            person=person,
            form=form,
        ),
        status if person is not None or not email else 404,
    )
