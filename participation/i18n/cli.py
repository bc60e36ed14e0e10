"""`flask translations …`: language packs and the translation worker."""

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from participation.extensions import db
from participation.i18n import machine


@click.group(cls=AppGroup)
def translations():
    """Machine translation of user content (argos-translate)."""


def _require_engine() -> None:
    if not machine.is_installed():
        raise click.ClickException(
            "Content translation is unavailable: argos-translate is not installed "
            "(pip install -e '.[translate]')."
        )


@translations.command("packs")
def packs():
    """List the installed language packs (pairs)."""
    _require_engine()
    installed = machine.installed_packs()
    if not installed:
        click.echo("No language pack is installed: flask translations install FILE")
    for pack in installed:
        click.echo(f"{pack.source}→{pack.target}  version {pack.version}  {pack.name}")


@translations.command("install")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--pair", help="Download the pack for SOURCE:TARGET, e.g. en:es.")
def install(file: Path | None, pair: str | None):
    """Install a language pack from FILE (.argosmodel), or download one with --pair."""
    from participation.i18n.worker import retry_unavailable

    _require_engine()
    if bool(file) == bool(pair):
        raise click.UsageError("give either FILE or --pair SOURCE:TARGET")
    try:
        if file:
            pack = machine.install_pack_file(file)
        else:
            source, _, target = pair.partition(":")
            if not source or not target:
                raise click.UsageError("--pair takes SOURCE:TARGET, e.g. en:es")
            pack = machine.install_pack_pair(source, target)
    except machine.EngineUnavailable as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Installed {pack.source}→{pack.target} (version {pack.version}).")
    queued = retry_unavailable()
    if queued:
        click.echo(f"{queued} text(s) queued again for translation.")


@translations.command("work")
@click.option("--once", is_flag=True, help="Translate one batch, then stop.")
@click.option("--batch", "batch_size", default=50, show_default=True)
@click.option(
    "--idle", default=5.0, show_default=True, help="Seconds to rest when idle."
)
def work(once: bool, batch_size: int, idle: float):
    """Translate the queued texts (a loop; --once for cron and tests)."""
    from participation.i18n.worker import work as work_forever
    from participation.i18n.worker import work_once

    _require_engine()
    if not once:
        work_forever(batch_size, idle, report=click.echo)
        return
    batch = work_once(batch_size)
    click.echo(
        f"translated {batch.translated}, unavailable {batch.unavailable}, "
        f"failed {batch.failed} in {batch.seconds:.2f} s"
    )
    for engine in sorted(batch.engines):
        click.echo(f"  engine: {engine}")


@translations.command("status")
def status():
    """Count the queued, done and impossible translations."""
    from participation.i18n.models import ContentTranslation

    rows = db.session.execute(
        select(ContentTranslation.status, func.count()).group_by(
            ContentTranslation.status
        )
    )
    counts = dict(rows.all())
    for name in ("pending", "done", "unavailable", "failed"):
        click.echo(f"{name:<12} {counts.get(name, 0)}")
