"""The whole content-translation loop with the real argos-translate and tiny packs built
here: install, queue from a page, run the worker, read the marked translation."""

import os
import subprocess
import sys

import pytest
from sqlalchemy import event, func, select

from participation.i18n import machine
from participation.i18n.models import DONE, PENDING, UNAVAILABLE, ContentTranslation
from tests.i18n.argos_environment import require_translate_extra

require_translate_extra()

from tests.i18n.tiny_argos import build_package  # noqa: E402

SUMMARY_ES = "Queremos más árboles en el parque del río."
SUMMARY_FR = "Nous voulons plus de bancs dans le parc."
SUMMARY_PL = "Chcemy więcej ławek w parku."


@pytest.fixture(scope="session")
def packs_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("packs")


@pytest.fixture(scope="session")
def installed_packs(packs_dir):
    """es→en, en→es and fr→en (so fr→es goes through English); nothing for Polish."""
    for source, target in (("es", "en"), ("en", "es"), ("fr", "en")):
        machine.install_pack_file(build_package(packs_dir, source, target))
    return {(p.source, p.target) for p in machine.installed_packs()}


@pytest.fixture
def project_in(make_project):
    def factory(language, summary):
        return make_project(
            title="Parc", summary=summary, theme="parks", language=language
        )

    return factory


def page(client, project, language):
    return client.get(
        f"/projects/{project.id}", headers={"Accept-Language": language}
    ).get_data(as_text=True)


def run_worker(app):
    result = app.test_cli_runner().invoke(args=["translations", "work", "--once"])
    assert result.exit_code == 0, result.output
    return result.output


def row_for(db, text, target):
    return db.session.scalars(
        select(ContentTranslation).where(
            ContentTranslation.original == text, ContentTranslation.target == target
        )
    ).one()


def test_queue_work_and_read_the_marked_translation(
    app, db, client, installed_packs, project_in
):
    project = project_in("es", SUMMARY_ES)
    before = page(client, project, "en")
    assert "a translation is on its way" in before
    output = run_worker(app)
    assert "translated 2, unavailable 0, failed 0" in output

    db.session.expire_all()
    row = row_for(db, SUMMARY_ES, "en")
    assert row.status == DONE and row.translated and row.translated != SUMMARY_ES
    assert row.engine.startswith("argos-translate 1.11")
    assert "es→en 1.0" in row.engine

    html = page(client, project, "en")
    assert f'<div class="content" lang="en" dir="ltr"><p>{row.translated}</p>' in html
    assert "Machine-translated from Español" in html
    assert SUMMARY_ES in html.split('<details class="translation-note">')[1]
    original = client.get(
        f"/projects/{project.id}?original=1", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert row.translated not in original and SUMMARY_ES in original


def test_second_reader_is_served_from_the_cache(
    app, server, db, client, installed_packs, project_in
):
    project = project_in("es", SUMMARY_ES)
    page(client, project, "en")
    run_worker(app)
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(" ".join(statement.split()))

    with server.app_context():
        engine = db.engine  # the engine that serves the client's requests
    event.listen(engine, "before_cursor_execute", record)
    try:
        html = page(client, project, "en")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert "Machine-translated from Español" in html
    touching = [s for s in statements if "content_translation" in s]
    assert len(touching) == 1 and touching[0].startswith("SELECT")
    assert db.session.scalar(select(func.count()).select_from(ContentTranslation)) == 2
    assert "translated 0" in run_worker(app)


def test_each_text_is_translated_once_for_many_readers(
    app, db, client, installed_packs, project_in
):
    first = project_in("es", SUMMARY_ES)
    second = project_in("es", SUMMARY_ES)  # the same words in another project
    for project in (first, second, first):
        page(client, project, "en")
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(ContentTranslation)
            .where(ContentTranslation.original == SUMMARY_ES)
        )
        == 1
    )


def test_pivot_through_english(app, db, client, installed_packs, project_in):
    project = project_in("fr", SUMMARY_FR)
    page(client, project, "es")
    run_worker(app)
    db.session.expire_all()
    row = row_for(db, SUMMARY_FR, "es")
    assert row.status == DONE and row.translated
    assert "fr→en 1.0" in row.engine and "en→es 1.0" in row.engine
    assert "Traducción automática del original en Français" in page(
        client, project, "es"
    )


def test_missing_pack_shows_the_original_then_a_new_pack_fills_the_gap(
    app, db, client, installed_packs, project_in, packs_dir
):
    project = project_in("pl", SUMMARY_PL)
    page(client, project, "en")
    assert "unavailable 2" in run_worker(app)
    db.session.expire_all()
    assert row_for(db, SUMMARY_PL, "en").status == UNAVAILABLE
    html = page(client, project, "en")
    assert SUMMARY_PL in html
    assert "no machine translation is available for this language" in html

    pack = build_package(packs_dir, "pl", "en")
    result = app.test_cli_runner().invoke(args=["translations", "install", str(pack)])
    assert result.exit_code == 0, result.output
    assert (
        "Installed pl→en" in result.output and "2 text(s) queued again" in result.output
    )
    db.session.expire_all()
    assert row_for(db, SUMMARY_PL, "en").status == PENDING
    assert "translated 2" in run_worker(app)
    assert "Machine-translated from Polski" in page(client, project, "en")


def test_packs_command_lists_installed_pairs(app, installed_packs):
    result = app.test_cli_runner().invoke(args=["translations", "packs"])
    assert result.exit_code == 0
    for source, target in (("es", "en"), ("en", "es"), ("fr", "en")):
        assert f"{source}→{target}  version 1.0" in result.output


def test_install_rejects_a_file_that_is_not_a_pack(app, tmp_path):
    bogus = tmp_path / "bogus.argosmodel"
    bogus.write_bytes(b"not a zip")
    result = app.test_cli_runner().invoke(args=["translations", "install", str(bogus)])
    assert result.exit_code != 0
    assert "is not a valid language pack" in result.output


def test_install_by_pair_fails_clearly_without_network(tmp_path, migrated):
    env = {
        **os.environ,
        # A closed port on this machine: what an offline server meets.
        "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",
        "PARTICIPATION_INSTANCE_PATH": str(tmp_path),
        "PARTICIPATION_DATABASE_URL": migrated,
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "participation",
            "translations",
            "install",
            "--pair",
            "en:de",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "cannot be reached from this server" in result.stderr
    assert "flask translations install FILE" in result.stderr


def test_planner_reads_consultation_inputs_in_their_language(
    app, client, db, installed_packs, login_as, make_consultation, make_user
):
    """A Spanish comment and a Spanish free-text answer, read by an English planner:
    queued by the inputs page, translated by the worker, marked, original at hand;
    the staff figures count both as read in machine translation."""
    from participation.consultations import comments, responses
    from participation.consultations.responses import AnswerData

    planner = login_as("planner", locale="en")
    consultation = make_consultation(actor=planner)
    text_question = next(q for q in consultation.questions if q.kind == "text")
    single = next(q for q in consultation.questions if q.kind == "single")
    resident = make_user()
    responses.submit_response(
        resident,
        consultation.id,
        {
            single.id: AnswerData(choices=[single.options[0].id]),
            text_question.id: AnswerData(text=SUMMARY_ES),
        },
        "es",
    )
    comments.post_comment(
        resident, consultation.sections[0].id, "Queremos más bancos en el parque.", "es"
    )
    url = f"/consultations/{consultation.id}/inputs"
    before = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "a translation is on its way" in before
    assert "translated 2" in run_worker(app)
    html = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert html.count("Machine-translated from Español") == 2
    translated = row_for(db, SUMMARY_ES, "en").translated
    assert translated in html and SUMMARY_ES in html  # the original one click away
    page = client.get(f"/consultations/{consultation.id}").get_data(as_text=True)
    assert "Inputs across languages" in page
    assert "2 inputs so far." in page and "2 of them (100%)" in page
