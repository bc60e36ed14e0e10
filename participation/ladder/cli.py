"""`flask --app participation ladder …`."""

import json
import logging
import sys

import click
from flask.cli import AppGroup

from participation.events import job_run

log = logging.getLogger(__name__)


@click.group(cls=AppGroup)
def ladder():
    """The participation ladder."""


@ladder.command("assess")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
def assess_file(path: str):
    """Assess a facts document (JSON; `-` reads standard input) and print the
    assessment as JSON."""
    from participation.ladder.document import as_json, assess_document, problems
    from participation.ladder.wording import problem_message

    with click.open_file(path, encoding="utf-8") as handle:
        try:
            document = json.load(handle)
        except json.JSONDecodeError as error:
            raise click.ClickException(f"not JSON: {error}") from None
    found = problems(document)
    if found:
        for field, code, values in found:
            click.echo(
                f"{field or '(document)'}: {problem_message(code, values)}", err=True
            )
        sys.exit(1)
    assessment = assess_document(document, timezone=_city_timezone())
    click.echo(json.dumps(as_json(assessment), indent=2, ensure_ascii=False))


def _city_timezone() -> str:
    """The city's timezone (its settings, else the configured one: a document can be
    assessed before any database exists)."""
    from flask import current_app
    from sqlalchemy.exc import SQLAlchemyError

    from participation.core.services import get_city
    from participation.extensions import db

    try:
        return str(get_city().timezone)
    except SQLAlchemyError:
        db.session.rollback()
        return str(current_app.config["CITY_TIMEZONE"])


@ladder.command("refresh")
@click.option("--all", "all_of_them", is_flag=True, help="Recompute every engagement.")
def refresh(all_of_them: bool):
    """Recompute the evidenced rungs and recount the people marked stale (or all of
    them); cron keeps the city report quick even after a busy day."""
    from participation.ladder import people
    from participation.ladder.services import refresh as run

    with job_run(log, "ladder.refresh", all=all_of_them) as counts:
        counts["assessments"] = run(all_of_them)
        counts["people"] = people.refresh(all_of_them)
    click.echo(f"Recomputed {counts['assessments']} assessment(s).")
    click.echo(f"Recounted the people of {counts['people']} engagement(s).")
