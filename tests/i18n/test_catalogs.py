"""Every catalog is complete, and every string in the code and templates is extracted."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from participation.config import Defaults

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "N_": None,
    "lazy_gettext": None,
}


def extracted_ids() -> set[str]:
    ids = set()
    method_map = [("participation/**.py", "python"), ("templates/**.html", "jinja2")]
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=KEYWORDS
    ):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


def catalog(locale: str):
    with open(
        ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", "rb"
    ) as f:
        return read_po(f)


@pytest.fixture(scope="module")
def source_ids():
    return extracted_ids()


@pytest.mark.parametrize("locale", Defaults.LOCALES)
def test_catalog_has_every_string_of_the_code(locale, source_ids):
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(locale) if m.id}
    missing = sorted(source_ids - ids)
    assert not missing, (
        f"not in the {locale} catalog (run make translations-update): {missing}"
    )


@pytest.mark.parametrize("locale", Defaults.LOCALES)
def test_catalog_is_complete_and_not_fuzzy(locale):
    problems = [
        m.id
        for m in catalog(locale)
        if m.id
        and (m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string)))
    ]
    assert not problems, f"untranslated or fuzzy in {locale}: {problems}"


@pytest.mark.parametrize("locale", Defaults.LOCALES)
def test_catalog_placeholders_match(locale):
    errors = [(m.id, [str(e) for e in errs]) for m, errs in catalog(locale).check()]
    assert not errors


def test_template_is_current(source_ids):
    with open(ROOT / "translations" / "messages.pot", "rb") as f:
        pot_ids = {
            m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id
        }
    assert source_ids == pot_ids, "run make translations-extract"
