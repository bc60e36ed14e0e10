"""`flask staff-alerts …`: the daily summary of reports for department staff."""

import click
from flask.cli import AppGroup


@click.group("staff-alerts", cls=AppGroup)
def staff_alerts():
    """Alerts for the staff of departments."""


@staff_alerts.command("summary")
def summary():
    """Queue one email per staff member who chose a daily summary (run daily)."""
    from participation.issues.staff_alerts import send_summaries

    click.echo(f"Queued {send_summaries()} summary email(s).")
