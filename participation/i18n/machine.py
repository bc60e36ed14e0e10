"""The machine-translation engine: argos-translate, offline, behind a small adapter.

argostranslate is the optional `[translate]` extra and heavy to import, so it is imported
only when a translation is actually needed (by the worker and the CLI, never by a page).
"""

import importlib.util
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ENGINE = "argos-translate"


class EngineUnavailable(RuntimeError):
    """argos-translate is not installed, or a language pack cannot be had."""


@cache
def is_installed() -> bool:
    """Whether the argostranslate package can be imported here."""
    return importlib.util.find_spec("argostranslate") is not None


def _argos():
    if not is_installed():
        raise EngineUnavailable(
            "argos-translate is not installed: pip install -e '.[translate]'"
        )
    from argostranslate import package, translate

    return package, translate


@dataclass(frozen=True)
class Pack:
    source: str
    target: str
    version: str
    name: str


def installed_packs() -> list[Pack]:
    """The language packs installed for this server."""
    package, _ = _argos()
    return sorted(
        (
            Pack(
                p.from_code,
                p.to_code,
                str(p.package_version),
                f"{p.from_name} → {p.to_name}",
            )
            for p in package.get_installed_packages()
        ),
        key=lambda p: (p.source, p.target),
    )


def _route(source: str, target: str, packs: list[Pack]) -> list[Pack] | None:
    """The packs a translation goes through: direct, else pivoting through English."""
    by_pair = {(p.source, p.target): p for p in packs}
    if (source, target) in by_pair:
        return [by_pair[source, target]]
    if (source, "en") in by_pair and ("en", target) in by_pair:
        return [by_pair[source, "en"], by_pair["en", target]]
    return None


def can_translate(source: str, target: str) -> bool:
    """Whether the installed packs cover this pair (directly or through English)."""
    return is_installed() and _route(source, target, installed_packs()) is not None


class Translator:
    """Translates texts of one language pair with the installed packs."""

    def __init__(self, source: str, target: str):
        package, translate = _argos()
        self.route = _route(source, target, installed_packs())
        if self.route is None:
            raise EngineUnavailable(f"no language pack covers {source} → {target}")
        languages = {lang.code: lang for lang in translate.get_installed_languages()}
        self._steps = [
            languages[step.source].get_translation(languages[step.target])
            for step in self.route
        ]
        self.engine = "{} {}; {}".format(
            ENGINE,
            _engine_version(),
            ", ".join(f"{p.source}→{p.target} {p.version}" for p in self.route),
        )

    def translate(self, text: str) -> str:
        """The text in the target language, paragraph by paragraph."""
        paragraphs = text.split("\n")
        return "\n".join(self._translate_paragraph(p) for p in paragraphs)

    def _translate_paragraph(self, paragraph: str) -> str:
        if not paragraph.strip():
            return paragraph
        for step in self._steps:
            paragraph = step.translate(paragraph)
        return paragraph


def _engine_version() -> str:
    try:
        return version("argostranslate")
    except PackageNotFoundError:  # pragma: no cover - only without the package
        return "unknown"


def install_pack_file(path: Path) -> Pack:
    """Install a language pack from a local .argosmodel file."""
    package, translate = _argos()
    if not path.is_file():
        raise EngineUnavailable(f"{path}: no such file")
    before = set(installed_packs())
    try:
        package.install_from_path(str(path))
    except Exception as error:  # argos raises plain exceptions for bad archives
        raise EngineUnavailable(
            f"{path} is not a valid language pack: {error}"
        ) from error
    new = set(installed_packs()) - before
    return next(iter(new)) if new else _pack_named_in(path)


def _pack_named_in(path: Path) -> Pack:
    import json
    import zipfile

    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith("metadata.json"))
        meta = json.loads(archive.read(name))
    return Pack(meta["from_code"], meta["to_code"], str(meta["package_version"]), "")


def install_pack_pair(source: str, target: str) -> Pack:
    """Download and install the pack for a pair from the argos index (needs network)."""
    import urllib.request

    from argostranslate import settings

    package, _ = _argos()
    index_url = settings.remote_package_index
    try:
        # argos swallows download errors, so reach the index ourselves first.
        with urllib.request.urlopen(index_url, timeout=20) as response:
            response.read(1)
    except Exception as error:
        raise EngineUnavailable(
            f"the language pack index ({index_url}) cannot be reached from this "
            f"server: {error}. Copy a .argosmodel file here and run "
            "'flask translations install FILE' instead."
        ) from error
    package.update_package_index()
    match = next(
        (
            p
            for p in package.get_available_packages()
            if (p.from_code, p.to_code) == (source, target)
        ),
        None,
    )
    if match is None:
        raise EngineUnavailable(
            f"the index has no language pack for {source} → {target}"
        )
    try:
        path = match.download()
    except Exception as error:
        raise EngineUnavailable(f"the download failed: {error}") from error
    return install_pack_file(Path(path))
