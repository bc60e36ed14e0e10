"""`flask budgeting …`: tally a Pabulib file with a published rule."""

import json
from pathlib import Path

import click
from flask.cli import AppGroup

from participation.budgeting import pabulib
from participation.budgeting.rules import RULES, election_from, tally


@click.group(cls=AppGroup)
def budgeting():
    """Participatory budgeting."""


@budgeting.command("tally")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--rule",
    type=click.Choice(sorted(RULES)),
    help="Default: the rule the file's META names.",
)
@click.option(
    "--seed", type=int, help="Break Equal Shares ties by a lot with this seed."
)
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
def tally_command(path: Path, rule: str | None, seed: int | None, as_json: bool):
    """Print the winners of FILE.pb under RULE and their total cost."""
    try:
        instance = pabulib.read(path)
    except (pabulib.PabulibError, UnicodeDecodeError) as error:
        raise click.ClickException(f"{path.name}: {error}") from None
    rule = rule or instance.meta.get("rule")
    if rule not in RULES:
        raise click.ClickException(
            f"{path.name} names no rule this tool knows ({rule!r}): choose one with "
            f"--rule ({', '.join(sorted(RULES))})."
        )
    options = {"seed": seed} if seed is not None and rule.startswith("equal") else {}
    outcome = tally(election_from(instance), rule, **options)
    if as_json:
        click.echo(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=2))
        return
    names = {p.id: p.fields.get("name", "") for p in instance.projects.values()}
    click.echo(f"{rule}: {len(outcome.selected)} projects, total cost {outcome.cost}")
    for project in outcome.selected:
        cost = instance.projects[project].cost
        click.echo(f"  {project}\t{cost}\t{names[project]}")
