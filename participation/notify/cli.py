"""`flask outbox …`: the emails waiting to be sent."""

import click
from flask.cli import AppGroup


@click.group(cls=AppGroup)
def outbox():
    """Emails waiting to be sent."""


@outbox.command("send")
def send_outbox():
    """Deliver queued emails through the configured transport (OUTBOX)."""
    from participation.notify.outbox import send_pending

    sent = send_pending()
    click.echo(f"Sent {sent} email(s).")
