"""`flask users …`: accounts and roles from the command line."""

import click
from flask.cli import AppGroup

from participation.errors import Invalid, NotFound


@click.group(cls=AppGroup)
def users():
    """Manage accounts and roles."""


def _fail(error: Exception) -> None:
    if isinstance(error, Invalid):
        raise click.ClickException("; ".join(error.errors.values()))
    raise click.ClickException("No account with this email address.")


@users.command("create")
@click.argument("email")
@click.option("--name", default="", help="Display name.")
@click.password_option()
def create_user(email: str, name: str, password: str):
    """Create a resident account."""
    from participation.auth.services import register_user

    try:
        user = register_user(email, password, display_name=name, confirmed=True)
    except Invalid as error:
        _fail(error)
    click.echo(f"Created {user.email}.")


# The roles an operator grants or revokes from the command line.
ROLE = click.Choice(["planner", "evaluator", "admin"])


def _change_role(change, email: str, role: str) -> None:
    """Apply `change` (grant_role or revoke_role) as the operator, then show the
    account's roles."""
    try:
        user = change(None, email, role)
    except (Invalid, NotFound) as error:
        _fail(error)
    click.echo(f"{user.email}: {', '.join(sorted(user.roles))}")


@users.command("grant")
@click.argument("email")
@click.argument("role", type=ROLE)
def grant(email: str, role: str):
    """Give EMAIL the ROLE (planner, evaluator, admin)."""
    from participation.auth.administration import grant_role

    _change_role(grant_role, email, role)


@users.command("revoke")
@click.argument("email")
@click.argument("role", type=ROLE)
def revoke(email: str, role: str):
    """Take the ROLE away from EMAIL."""
    from participation.auth.administration import revoke_role

    _change_role(revoke_role, email, role)


@users.command("set-password")
@click.argument("email")
@click.password_option()
def set_password(email: str, password: str):
    """Set a new password for EMAIL."""
    from participation.auth.services import set_password as set_user_password

    try:
        user = set_user_password(email, password)
    except (Invalid, NotFound) as error:
        _fail(error)
    click.echo(f"Password of {user.email} changed.")


@users.command("forget-spent-links")
def forget_spent_links():
    """Drop the records of used links that have expired anyway (run daily)."""
    from participation.auth.tokens import forget_expired

    click.echo(f"Forgot {forget_expired()} used links.")
