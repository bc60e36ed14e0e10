"""Point argos-translate at a throwaway folder: no heavy imports, so the suite's
conftest can call it before anything imports argostranslate (or ctranslate2)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def configure_argos_environment(base: Path) -> None:
    """Point argostranslate (and what it uses) at folders under ``base``, offline.

    Call this BEFORE ``argostranslate`` is first imported in the process:
    ``argostranslate.settings`` reads these variables once, at import, creates
    its data, config and cache directories there and computes the list of package
    directories; ``argostranslate.sbd`` then points MiniSBD's model cache at the
    data directory, also at import. Setting them later has no effect, which is why
    this raises if argostranslate is already imported. In tests that means: at
    the top of ``conftest.py``, or in a fresh subprocess.

    What is set, and why (read in argostranslate 1.11.0 and minisbd 0.9.5):

    - ``ARGOS_PACKAGES_DIR``: where ``install_from_path`` unpacks packages and
      where ``get_installed_packages`` looks. Default:
      ``$XDG_DATA_HOME/argos-translate/packages``.
    - ``XDG_DATA_HOME``: ``argos-translate/`` there holds the package index
      (``index.json``) and ``minisbd/``, MiniSBD's download cache. Default:
      ``~/.local/share``.
    - ``XDG_CONFIG_HOME``: ``argos-translate/settings.json``, whose values apply
      wherever no environment variable is set (a developer's own file must not
      leak into tests). Default: ``~/.config``.
    - ``XDG_CACHE_HOME``: ``argos-translate/downloads`` (downloaded packages) and
      ``argos-translate/spacy``; default ``~/.local/cache``. ONNX Runtime (which
      MiniSBD runs on) also writes ``Microsoft/DeveloperTools/.onnxruntime/``
      here on its first session; default ``~/.cache``.
    - ``ARGOS_PACKAGE_INDEX``: the URL prefix of the package index. It is pointed
      at a local ``file://`` folder holding an empty ``index.json``, so that
      ``get_available_packages``/``update_package_index`` read a file instead of
      GitHub. (Offline with the default URL, ``get_available_packages`` recurses
      until ``RecursionError`` when no index was ever downloaded.)
    - ``ARGOS_MODEL_PROVIDER=OPENNMT``: local CTranslate2 models. The other
      providers (LIBRETRANSLATE, OPENAI) call web APIs.
    - ``ARGOS_CHUNK_TYPE=MINISBD``: sentence splitting with MiniSBD, which uses
      the ONNX model packaged in ``minisbd/`` (and would otherwise download one
      per language). This is also what the default (``DEFAULT`` =
      ``ARGOSTRANSLATE``) picks for a package with a ``minisbd/`` folder; it is
      pinned so that an inherited value cannot change it: ``SPACY`` downloads
      spaCy's ``xx_sent_ud_sm`` when ``argostranslate.sbd`` is imported,
      ``STANZA`` downloads stanza's models unless the package ships them in
      ``stanza/``, and ``NONE`` is not implemented: every package is then
      skipped, with no languages installed.
    - ``ARGOS_DEVICE_TYPE=cpu``: CTranslate2 and ONNX Runtime on the CPU (the
      default; ``cuda`` would need a GPU).
    - ``STANZA_RESOURCES_DIR``: stanza's model directory (default
      ``~/stanza_resources``). Stanza is imported by argos but only runs for
      packages shipping a ``stanza/`` folder; pinned so it never uses $HOME.
    """
    if "argostranslate.settings" in sys.modules:
        raise RuntimeError(
            "argostranslate is already imported: its settings were read at import, "
            "so configure_argos_environment must run before the first import "
            "(at the top of conftest.py, or in a fresh subprocess)."
        )
    base = Path(base)
    folders = {
        "ARGOS_PACKAGES_DIR": base / "argos-packages",
        "XDG_DATA_HOME": base / "data",
        "XDG_CONFIG_HOME": base / "config",
        "XDG_CACHE_HOME": base / "cache",
        "STANZA_RESOURCES_DIR": base / "stanza_resources",
    }
    for name, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(folder)

    index = base / "package-index"
    index.mkdir(parents=True, exist_ok=True)
    (index / "index.json").write_text("[]\n", encoding="utf-8")
    # argos appends "index.json" to this prefix, so it must end with a slash.
    os.environ["ARGOS_PACKAGE_INDEX"] = index.resolve().as_uri() + "/"

    os.environ["ARGOS_MODEL_PROVIDER"] = "OPENNMT"
    os.environ["ARGOS_CHUNK_TYPE"] = "MINISBD"
    os.environ["ARGOS_DEVICE_TYPE"] = "cpu"


def require_translate_extra() -> None:
    """Skip the calling test module when the [translate] extra (argostranslate, and
    with it ctranslate2) is not installed; under CI its absence fails instead."""
    import importlib.util

    import pytest

    if all(
        importlib.util.find_spec(name) for name in ("argostranslate", "ctranslate2")
    ):
        return
    reason = "needs the [translate] extra: pip install -e '.[translate,test]'"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(reason + "; CI must have it", pytrace=False)
    pytest.skip(reason, allow_module_level=True)
