"""Friendly error pages and the security headers every response carries."""


def test_unexpected_error_shows_a_friendly_page_without_a_trace(server, client):
    @server.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert "secret internals" not in html and "Traceback" not in html


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
