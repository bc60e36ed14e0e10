"""Friendly error pages and the security headers every response carries."""

from participation.extensions import db as _db
from tests.conftest import make_app


def test_unexpected_error_shows_a_friendly_page_without_a_trace(migrated, tmp_path):
    # An app of its own: the shared one has served requests, so takes no new route.
    server = make_app(migrated, tmp_path / "instance")

    @server.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = server.test_client().get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "secret internals" not in html and "Traceback" not in html
    with server.app_context():
        _db.engine.dispose()


def test_method_not_allowed_is_a_page(client):
    response = client.get("/signout")
    assert response.status_code == 405
    assert "Something went wrong" in response.get_data(as_text=True)


def test_security_headers(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_load_nothing_from_other_sites(client):
    html = client.get("/").get_data(as_text=True)
    assert "http://" not in html.replace('xmlns="http://www.w3.org', "")
    assert "https://" not in html
