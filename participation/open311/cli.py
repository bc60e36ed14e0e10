"""`flask open311 keys …`: API keys of Open311 clients, from the command line."""

import click
from flask.cli import AppGroup

from participation.errors import Invalid, NotFound


@click.group(cls=AppGroup)
def open311():
    """The Open311 GeoReport v2 server."""


@open311.group()
def keys():
    """API keys of Open311 clients."""


@keys.command("issue")
@click.argument("name")
def issue(name: str):
    """Issue a key for the client NAME; its secret is printed once."""
    from participation.open311.keys import issue_key

    try:
        key, secret = issue_key(None, name)
    except Invalid as error:
        raise click.ClickException("; ".join(error.errors.values())) from None
    click.echo(f"Issued key {key.prefix} for {key.name}. Give the client this secret;")
    click.echo("it is shown only now and cannot be recovered:")
    click.echo(secret)


@keys.command("revoke")
@click.argument("prefix")
def revoke(prefix: str):
    """Revoke the key with this PREFIX."""
    from participation.open311.keys import revoke_key

    try:
        key = revoke_key(None, prefix)
    except NotFound:
        raise click.ClickException(f"No key with the prefix {prefix}.") from None
    except Invalid as error:
        raise click.ClickException("; ".join(error.errors.values())) from None
    click.echo(f"Revoked key {key.prefix} ({key.name}).")


@keys.command("list")
def list_keys():
    """List the keys: prefix, name, issued, revoked."""
    from participation.open311.keys import list_keys as all_keys

    found = all_keys()
    if not found:
        click.echo("No key has been issued yet.")
    for key in found:
        state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
        click.echo(f"{key.prefix}  {key.created_at:%Y-%m-%d}  {state:<18} {key.name}")
