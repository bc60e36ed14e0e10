"""`flask reports …`: housekeeping of issue reports."""

import click
from flask.cli import AppGroup

from participation.issues.visitors import delete_unconfirmed

reports = AppGroup("reports", help="Issue reports.")


@reports.command("delete-unconfirmed")
@click.option(
    "--days", type=int, default=None, help="Override UNCONFIRMED_REPORT_DAYS."
)
def delete_unconfirmed_command(days: int | None) -> None:
    """Delete reports never confirmed by their author, with their photos."""
    click.echo(f"deleted {delete_unconfirmed(days)} unconfirmed report(s)")
