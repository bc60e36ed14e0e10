"""The `flask --app participation …` commands."""

import click
from flask import Flask
from flask_migrate import upgrade

from participation.errors import Invalid, NotFound


def register_commands(app: Flask) -> None:
    from participation.budgeting.cli import budgeting
    from participation.i18n.cli import translations
    from participation.ladder.cli import ladder
    from participation.open311.cli import open311
    from participation.projects.cli import projects

    app.cli.add_command(users)
    app.cli.add_command(demo)
    app.cli.add_command(translations)
    app.cli.add_command(outbox)
    app.cli.add_command(open311)
    app.cli.add_command(budgeting)
    app.cli.add_command(projects)
    app.cli.add_command(ladder)


@click.group()
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
        user = register_user(email, password, display_name=name)
    except Invalid as error:
        _fail(error)
    click.echo(f"Created {user.email}.")


@users.command("grant")
@click.argument("email")
@click.argument("role", type=click.Choice(["planner", "evaluator", "admin"]))
def grant(email: str, role: str):
    """Give EMAIL the ROLE (planner, evaluator, admin)."""
    from participation.auth.services import grant_role

    try:
        user = grant_role(None, email, role)
    except (Invalid, NotFound) as error:
        _fail(error)
    click.echo(f"{user.email}: {', '.join(sorted(user.roles))}")


@users.command("revoke")
@click.argument("email")
@click.argument("role", type=click.Choice(["planner", "evaluator", "admin"]))
def revoke(email: str, role: str):
    """Take the ROLE away from EMAIL."""
    from participation.auth.services import revoke_role

    try:
        user = revoke_role(None, email, role)
    except (Invalid, NotFound) as error:
        _fail(error)
    click.echo(f"{user.email}: {', '.join(sorted(user.roles))}")


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


@click.command()
def demo():
    """Upgrade the database and load the demo city (once; existing data is kept)."""
    from participation.core.demo import accounts_path, load_demo, saved_accounts

    upgrade()
    try:
        accounts = load_demo()
    except Invalid as error:
        _fail(error)
    if accounts is None:
        click.echo("The city is already loaded; existing data was kept.")
        accounts = saved_accounts()
        if not accounts:
            return
        click.echo(f"Accounts (from {accounts_path()}):")
    else:
        click.echo(f"Demo city loaded. Accounts (also in {accounts_path()}):")
    for account in accounts:
        click.echo(f"  {account.role:<9} {account.email:<28} {account.password}")


@click.group()
def outbox():
    """Emails waiting to be sent."""


@outbox.command("send")
def send_outbox():
    """Deliver queued emails through the configured transport (OUTBOX)."""
    from participation.notify.outbox import send_pending

    sent = send_pending()
    click.echo(f"Sent {sent} email(s).")
