"""`flask reports …`: housekeeping of issue reports; `flask staff-alerts …`: the daily
summary of reports for department staff."""

import click
from flask.cli import AppGroup

reports = AppGroup("reports", help="Issue reports.")


@reports.command("delete-unconfirmed")
@click.option(
    "--days", type=int, default=None, help="Override UNCONFIRMED_REPORT_DAYS."
)
def delete_unconfirmed_command(days: int | None) -> None:
    """Delete reports never confirmed by their author, with their photos."""
    from participation.issues.visitors import delete_unconfirmed

    click.echo(f"deleted {delete_unconfirmed(days)} unconfirmed report(s)")


@click.group("staff-alerts", cls=AppGroup)
def staff_alerts():
    """Alerts for the staff of departments."""


@staff_alerts.command("summary")
def summary():
    """Queue one email per staff member who chose a daily summary (run daily)."""
    from participation.issues.staff_alerts import send_summaries

    click.echo(f"Queued {send_summaries()} summary email(s).")
