"""The tiny argos package of ``tiny_argos`` works through the real argos pipeline.

argostranslate reads its settings (where packages live, which sentence splitter)
once, when first imported, and pytest may already have imported it for another
test. So the pipeline check runs in a fresh interpreter, configured before the
import, with $HOME pointed at an empty folder and sockets disabled: it must not
write outside its folders or reach the network.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.i18n.argos_environment import require_translate_extra

# Looked up, not imported: importing argostranslate here would read its settings
# (and create its folders under $HOME) in the pytest process. Without the
# [translate] extra the module skips (fails under CI, where make test installs it).
require_translate_extra()

from tests.i18n.tiny_argos import build_package, configure_argos_environment  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

# Runs in the subprocess; prints one JSON line of results for the test to check.
CHECK_SCRIPT = r"""
import json
import socket
import sys
import time
from pathlib import Path


def no_network(*args, **kwargs):
    raise OSError("network access attempted during an offline test")


# A tripwire, not a stand-in: any connection or DNS lookup fails loudly.
socket.socket.connect = no_network
socket.socket.connect_ex = no_network
socket.getaddrinfo = no_network
socket.create_connection = no_network

from tests.i18n.tiny_argos import build_package, configure_argos_environment

base = Path(sys.argv[1])
configure_argos_environment(base / "argos")

# Only now may argostranslate be imported: its settings module reads the
# environment at import.
import argostranslate.package
import argostranslate.settings
import argostranslate.translate as translate

started = time.perf_counter()
packages = [
    build_package(base / "built", "en", "es"),
    build_package(base / "built", "fr", "en"),
]
build_seconds = time.perf_counter() - started
for path in packages:
    argostranslate.package.install_from_path(path)

languages = translate.get_installed_languages()
by_code = {language.code: language for language in languages}
fr_to_es = by_code["fr"].get_translation(by_code["es"])
es_to_en = by_code["es"].get_translation(by_code["en"])

text = "Hello world. The park is open."
french = "Bonjour le monde. Le parc est ouvert."
en_es = translate.translate(text, "en", "es")
fr_en = translate.translate(french, "fr", "en")
fr_es = translate.translate(french, "fr", "es")
# The same two steps by hand: what the composite must equal.
chained = translate.translate(fr_en, "en", "es")

subjects = ["The park", "Bus 27", "The library", "Our street", "The council",
            "The school", "A bench", "The market", "The pool", "Your proposal"]
predicates = ["is open.", "needs repairs.", "stops here at 08:45.",
              "was cleaned today.", "closes at 19:00."]
sentences = [f"{s} {p}" for s in subjects for p in predicates]
assert len(sentences) == 50
started = time.perf_counter()
outputs = [translate.translate(sentence, "en", "es") for sentence in sentences]
seconds = time.perf_counter() - started
# The same 50 sentences as one text: argos splits it and translates one batch.
started = time.perf_counter()
translate.translate(" ".join(sentences), "en", "es")
one_text_seconds = time.perf_counter() - started

print(json.dumps({
    "packages_dir": str(argostranslate.settings.package_data_dir),
    "installed": sorted(
        f"{p.from_code}-{p.to_code}"
        for p in argostranslate.package.get_installed_packages()
    ),
    "available": len(argostranslate.package.get_available_packages()),
    "languages": {
        language.code: sorted(t.to_lang.code for t in language.translations_from)
        for language in languages
    },
    "fr_es_type": type(fr_to_es).__name__,
    "fr_es_steps": [
        [step.from_lang.code, step.to_lang.code]
        for step in (fr_to_es.t1, fr_to_es.t2)
    ] if hasattr(fr_to_es, "t1") else None,
    "es_en_exists": es_to_en is not None,
    "en_es": en_es,
    "en_es_again": translate.translate(text, "en", "es"),
    "fr_en": fr_en,
    "fr_es": fr_es,
    "chained": chained,
    "build_seconds": build_seconds,
    "batch_seconds": seconds,
    "one_text_seconds": one_text_seconds,
    "batch_empty": sum(1 for output in outputs if not output.strip()),
    "batch_distinct": len(set(outputs)),
}))
"""


def run_check(tmp_path: Path) -> dict:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
        ),
        # Anything written to $HOME (or found there, like a developer's
        # ~/.config/argos-translate/settings.json) would show up here.
        "HOME": str(home),
    }
    script = tmp_path / "check_argos.py"
    script.write_text(CHECK_SCRIPT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "work")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert not list(home.iterdir()), "argos wrote to $HOME"
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_translates_offline_through_the_real_pipeline(tmp_path):
    report = run_check(tmp_path)

    assert report["packages_dir"] == str(tmp_path / "work/argos/argos-packages")
    assert report["installed"] == ["en-es", "fr-en"]
    assert report["available"] == 0  # the local, empty index; no download tried

    assert report["en_es"].strip()
    assert report["en_es"] != "Hello world. The park is open."
    assert report["en_es_again"] == report["en_es"]  # deterministic
    assert report["fr_en"].strip()

    # Pivoting: argos chains fr→en and en→es into a CompositeTranslation itself
    # (argostranslate.translate.get_installed_languages), but never reverses a pair.
    assert report["languages"] == {
        "en": ["en", "es"],
        "es": ["es"],
        "fr": ["en", "es", "fr"],
    }
    assert report["fr_es_type"] == "CompositeTranslation"
    assert report["fr_es_steps"] == [["fr", "en"], ["en", "es"]]
    assert not report["es_en_exists"]
    assert report["fr_es"].strip()
    assert report["fr_es"] == report["chained"]

    assert report["batch_empty"] == 0
    assert report["batch_distinct"] >= 5  # the output depends on the input
    seconds, one_text = report["batch_seconds"], report["one_text_seconds"]
    print(
        f"\ntiny argos model, 50 short sentences: {seconds:.3f} s "
        f"({50 / seconds:.0f} sentences/s) in 50 translate() calls, "
        f"{one_text:.3f} s ({50 / one_text:.0f} sentences/s) as one text; "
        f"2 packages built in {report['build_seconds']:.3f} s"
    )


def test_package_is_deterministic_and_shaped_like_argos_expects(tmp_path):
    first = build_package(tmp_path / "a", "en", "es")
    second = build_package(tmp_path / "b", "en", "es")
    assert first.name == "translate-en_es-1_0.argosmodel"
    assert first.read_bytes() == second.read_bytes()
    assert first.stat().st_size < 500_000

    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        metadata = json.loads(archive.read("translate-en_es-1_0/metadata.json"))
    assert {name.split("/", 1)[0] for name in names} == {"translate-en_es-1_0"}
    assert {name.split("/", 1)[1] for name in names} >= {
        "metadata.json",
        "sentencepiece.model",
        "model/model.bin",
        "model/config.json",
        "minisbd/en.onnx",
    }
    assert metadata == {
        "package_version": "1.0",
        "argos_version": "1.11.0",
        "from_code": "en",
        "from_name": "English",
        "to_code": "es",
        "to_name": "Spanish",
        "type": "translate",
        "links": [],
    }

    other = build_package(tmp_path / "a", "fr", "en", package_version="2.1")
    assert other.name == "translate-fr_en-2_1.argosmodel"
    assert other.read_bytes() != first.read_bytes()


def test_configuring_after_argos_was_imported_is_refused(tmp_path, monkeypatch):
    # Too late: settings were read at import. Failing beats silently using $HOME.
    monkeypatch.setitem(sys.modules, "argostranslate.settings", object())
    with pytest.raises(RuntimeError, match="before the first import"):
        configure_argos_environment(tmp_path)
