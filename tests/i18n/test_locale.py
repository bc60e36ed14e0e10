"""Which language a page is served in, and the switcher."""

import pytest

from tests.conftest import PASSWORD


def lang_of(response) -> str:
    html = response.get_data(as_text=True)
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def test_accept_language_picks_a_supported_locale(client):
    assert (
        lang_of(client.get("/", headers={"Accept-Language": "es-ES,es;q=0.9"})) == "es"
    )
    assert lang_of(client.get("/", headers={"Accept-Language": "ja, ko;q=0.5"})) == "en"


def test_spanish_page_is_really_translated(client):
    html = client.get("/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "Proyectos" in html and "Iniciar sesión" in html
    assert ">Projects<" not in html


def test_switcher_sets_cookie_and_redirects_back(client):
    response = client.post_form("/language", {"locale": "es", "next": "/signup"})
    assert response.status_code == 302 and response.headers["Location"] == "/signup"
    assert "locale=es" in response.headers["Set-Cookie"]
    assert lang_of(client.get("/signup", headers={"Accept-Language": "en"})) == "es"


def test_switcher_ignores_unknown_locale_and_foreign_next(client):
    response = client.post_form(
        "/language", {"locale": "xx", "next": "https://evil.example"}
    )
    assert response.headers["Location"] == "/"
    assert (
        "Set-Cookie" not in response.headers
        or "locale=" not in response.headers["Set-Cookie"]
    )


def test_switcher_needs_csrf(client):
    assert client.post("/language", data={"locale": "es"}).status_code == 400


def test_account_preference_beats_cookie_and_header(client, make_user, db):
    user = make_user(locale="es")
    client.post_form("/language", {"locale": "en"})
    # Signing in with a stored preference: it wins over the cookie.
    from participation.auth.services import set_preferred_locale

    set_preferred_locale(user, "es")
    client.post_form("/signin", {"email": user.email, "password": PASSWORD})
    assert lang_of(client.get("/", headers={"Accept-Language": "en"})) == "es"


def test_switching_while_signed_in_updates_the_preference(client, login_as, db):
    user = login_as()
    client.post_form("/language", {"locale": "es"})
    db.session.expire_all()
    assert db.session.get(type(user), user.id).locale == "es"


def test_city_default_applies_without_any_hint(client, make_city):
    make_city(default_locale="es")
    assert lang_of(client.get("/")) == "es"


@pytest.mark.parametrize("url", ["/", "/signin", "/signup", "/nowhere"])
def test_every_page_has_the_switcher(client, url):
    html = client.get(url).get_data(as_text=True)
    assert 'id="language-select"' in html and 'action="/language"' in html


def test_error_page_in_spanish(client):
    html = client.get("/projects/999", headers={"Accept-Language": "es"}).get_data(
        as_text=True
    )
    assert "Page not found" not in html
