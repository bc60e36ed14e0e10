"""`flask --app participation projects …`: the jobs cron runs for project threads."""

import click
from flask.cli import AppGroup


@click.group(cls=AppGroup)
def projects():
    """Project threads: scheduled updates and digests."""


@projects.command("publish-due")
def publish_due():
    """Tell followers of scheduled updates whose time has come (run every few minutes)."""
    from participation.projects.posts import publish_due_updates

    click.echo(f"Published {publish_due_updates()} scheduled update(s).")


@projects.command("digest")
@click.argument("frequency", type=click.Choice(["daily", "weekly"]))
def digest(frequency: str):
    """Queue the daily or weekly digest emails (then `outbox send` delivers them)."""
    from participation.projects.follows import send_digests
    from participation.projects.posts import publish_due_updates

    publish_due_updates()
    click.echo(f"Queued {send_digests(frequency)} {frequency} digest(s).")
