"""`flask outbox …`: the emails waiting to be sent."""

import time

import click
from flask.cli import AppGroup


@click.group(cls=AppGroup)
def outbox():
    """Emails waiting to be sent."""


@outbox.command("send")
@click.option(
    "--every",
    type=click.FloatRange(min=0.1),
    default=None,
    help="Keep running, sending what is due every this many seconds.",
)
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
def send_outbox(every: float | None, limit: int):
    """Deliver the queued emails that are due through the configured transport
    (OUTBOX); failures are retried later. Any number of senders may run at once."""
    from participation.extensions import db
    from participation.notify.outbox import send_pending

    while True:
        batch = send_pending(limit)
        click.echo(
            f"Sent {batch.sent} email(s); {batch.retried} to retry, "
            f"{batch.failed} failed."
        )
        if every is None:
            return
        db.session.remove()
        if batch.sent + batch.retried + batch.failed < limit:
            time.sleep(every)


@outbox.command("bounced")
@click.argument("address")
@click.option("--reason", default="reported bounced", show_default=True)
def bounced(address: str, reason: str):
    """Record that mail to ADDRESS bounces for good (from a bounce report read
    elsewhere): nothing more is sent to it, and its account says so."""
    from participation.notify.outbox import record_bounce

    record_bounce(address, reason)
    click.echo(f"{address} is marked as bouncing.")


@outbox.command("retry")
@click.argument("message_id", type=int)
def retry(message_id: int):
    """Send a failed message again."""
    from participation.notify.outbox import retry as retry_message

    if not retry_message(message_id):
        raise click.ClickException(f"Message {message_id} is not a failed message.")
    click.echo(f"Message {message_id} will be sent again.")
