"""The `flask --app participation …` commands."""

import click
from flask import Flask
from flask_migrate import upgrade

from participation.errors import Invalid


def register_commands(app: Flask) -> None:
    """`flask demo`, and every package's command groups (declared in its plug)."""
    from participation.features import plugs

    app.cli.add_command(demo)
    for plug in plugs():
        for command in plug.commands:
            app.cli.add_command(command)


def _fail(error: Exception) -> None:
    if isinstance(error, Invalid):
        raise click.ClickException("; ".join(error.errors.values()))
    raise click.ClickException("No account with this email address.")


@click.command()
def demo():
    """Upgrade the database and load the demo city (once; existing data is kept)."""
    from participation.demo import accounts_path, load_demo, saved_accounts

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
