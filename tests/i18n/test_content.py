"""User content in the reader's language: the cache, the queue and the marks.

These tests fill the cache the way the worker does (rows with status done); the worker
itself, with the real argos-translate, is tested in test_worker.py.
"""

import pytest
from sqlalchemy import event, func, select

from participation.i18n import content
from participation.i18n.models import DONE, PENDING, UNAVAILABLE, ContentTranslation

SPANISH_SUMMARY = "Cruces más seguros cerca de los colegios."


def cache(db, text, source, target, translated, status=DONE, **extra):
    row = ContentTranslation(
        text_hash=content.text_hash(text),
        source=source,
        target=target,
        original=text,
        translated=translated,
        status=status,
        engine="argos-translate test",
        **extra,
    )
    db.session.add(row)
    db.session.commit()
    return row


@pytest.fixture
def spanish_project(make_project):
    return make_project(
        title="Cruces seguros", summary=SPANISH_SUMMARY, theme="mobility", language="es"
    )


def rows(db):
    return db.session.scalars(
        select(ContentTranslation).order_by(ContentTranslation.id)
    ).all()


def test_reader_of_another_language_queues_each_text_once(client, db, spanish_project):
    client.get(f"/projects/{spanish_project.id}", headers={"Accept-Language": "en"})
    client.get(f"/projects/{spanish_project.id}", headers={"Accept-Language": "en"})
    queued = rows(db)
    assert sorted(r.original for r in queued) == sorted(
        ["Cruces seguros", SPANISH_SUMMARY]
    )
    assert {(r.source, r.target, r.status) for r in queued} == {("es", "en", PENDING)}


def test_reader_of_the_same_language_queues_nothing(client, db, spanish_project):
    html = client.get(
        f"/projects/{spanish_project.id}", headers={"Accept-Language": "es"}
    ).get_data(as_text=True)
    assert SPANISH_SUMMARY in html and 'lang="es"' in html
    assert rows(db) == []


def test_pending_translation_shows_the_original_with_a_note(
    client, db, spanish_project
):
    html = client.get(
        f"/projects/{spanish_project.id}", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert SPANISH_SUMMARY in html
    assert "Shown in the original Español: a translation is on its way." in html


def test_cached_translation_is_shown_marked_with_the_original_one_click_away(
    client, db, spanish_project
):
    cache(db, SPANISH_SUMMARY, "es", "en", "Safer crossings near the schools.")
    html = client.get(
        f"/projects/{spanish_project.id}", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert (
        '<div class="content" lang="en" dir="ltr"><p>Safer crossings near the schools.</p>'
        in html
    )
    assert "Machine-translated from Español" in html
    # The original sits in a <details>: one click, no JavaScript needed.
    details = html.split('<details class="translation-note">', 1)[1].split(
        "</details>"
    )[0]
    assert "Show original" in details and SPANISH_SUMMARY in details
    assert 'lang="es"' in details
    assert "Show every text in its original language" in html


def test_whole_page_in_the_original(client, db, spanish_project):
    cache(db, SPANISH_SUMMARY, "es", "en", "Safer crossings near the schools.")
    html = client.get(
        f"/projects/{spanish_project.id}?original=1", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert "Safer crossings near the schools." not in html
    assert SPANISH_SUMMARY in html
    assert "Show texts translated into my language" in html


def test_titles_carry_a_machine_translation_mark(client, db, spanish_project):
    cache(db, "Cruces seguros", "es", "en", "Safe crossings")
    html = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<span lang="en" dir="ltr">Safe crossings</span>' in html
    assert "machine-translated</small>" in html


def test_no_pack_for_the_pair_shows_the_original_with_a_note(
    client, db, spanish_project
):
    cache(db, SPANISH_SUMMARY, "es", "en", None, status=UNAVAILABLE)
    html = client.get(
        f"/projects/{spanish_project.id}", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert SPANISH_SUMMARY in html
    assert "no machine translation is available for this language" in html


def test_without_the_engine_nothing_is_queued(app, db, spanish_project):
    app.config["CONTENT_TRANSLATION"] = False
    with app.test_request_context(headers={"Accept-Language": "en"}):
        shown = content.show(SPANISH_SUMMARY, "es")
    assert shown.state == content.NO_ENGINE and shown.text == SPANISH_SUMMARY
    assert rows(db) == []


def test_without_the_engine_the_page_says_translation_is_unavailable(
    server, client, db, spanish_project
):
    server.config["CONTENT_TRANSLATION"] = False
    html = client.get(
        f"/projects/{spanish_project.id}", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert SPANISH_SUMMARY in html
    assert "content translation is unavailable on this server" in html
    assert rows(db) == []


def test_a_page_costs_one_select_and_one_insert_whatever_the_texts(app, db):
    texts = [(f"Texto número {i}.", "es") for i in range(200)]
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement.split()[0].upper())

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with app.test_request_context(headers={"Accept-Language": "en"}):
            content.prefetch(texts)
            for text, language in texts:
                assert content.show(text, language).state == content.WAITING
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert statements.count("SELECT") == 1
    assert statements.count("INSERT") == 1
    assert (
        db.session.scalar(select(func.count()).select_from(ContentTranslation)) == 200
    )


def test_planner_publishes_a_reviewed_translation(
    client, db, login_as, spanish_project
):
    row = cache(db, SPANISH_SUMMARY, "es", "en", "Safer crossings next to schools.")
    login_as("planner")
    page = client.get(
        f"/projects/{spanish_project.id}", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert f"/translations/{row.id}/review" in page
    response = client.post_form(
        f"/translations/{row.id}/review?next=/projects/{spanish_project.id}",
        {"text": "Safer crossings near schools."},
    )
    assert response.status_code == 302
    html = client.get(
        f"/projects/{spanish_project.id}", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert "Safer crossings near schools." in html
    assert "Translated from Español and reviewed by the city" in html
    db.session.expire_all()
    assert db.session.get(ContentTranslation, row.id).reviewed_by_id is not None


def test_review_refuses_empty_text_and_residents(client, db, login_as, spanish_project):
    row = cache(db, SPANISH_SUMMARY, "es", "en", "Machine text.")
    login_as("planner")
    response = client.post_form(f"/translations/{row.id}/review", {"text": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(ContentTranslation, row.id).translated == "Machine text."


def test_content_language_is_stored_from_the_form(client, db, login_as):
    login_as("planner")
    page = client.get("/projects/new", headers={"Accept-Language": "es"}).get_data(
        as_text=True
    )
    assert '<option selected value="es">' in page or 'value="es" selected' in page
    client.post_form(
        "/projects/new",
        {
            "title": "Árboles",
            "summary": "Más sombra.",
            "theme": "parks",
            "status": "planning",
            "district_id": "",
            "language": "es",
        },
    )
    from participation.core.models import Project

    assert db.session.scalars(select(Project)).one().language == "es"


def test_unknown_content_language_is_refused(client, db, login_as):
    login_as("planner")
    response = client.post_form(
        "/projects/new",
        {
            "title": "T",
            "summary": "S",
            "theme": "parks",
            "status": "planning",
            "language": "tlh",
        },
    )
    assert response.status_code == 200
    assert 'id="language-error"' in response.get_data(as_text=True)
