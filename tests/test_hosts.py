"""Absolute links are built from PUBLIC_URL, whatever Host a client sends; a
deployment that names its hosts refuses the others."""

import json

import pytest

EVIL = {"Host": "evil.example"}


@pytest.fixture
def linked(make_engagement, square_city):
    engagement = make_engagement(kind="meeting")
    return engagement.project


def test_feeds_link_to_the_public_url(client, db, linked):
    from participation.core.models import District

    district = db.session.scalars(db.select(District)).first()
    for url in (
        f"/projects/{linked.id}/feed.atom",
        f"/districts/{district.id}/feed.atom",
    ):
        response = client.get(url, headers=EVIL)
        feed = response.get_data(as_text=True)
        assert response.status_code == 200 and "evil.example" not in feed
        assert "http://localhost/" in feed


def test_the_api_document_names_the_public_url(client):
    document = json.loads(client.get("/api/v1/openapi.json", headers=EVIL).data)
    assert document["servers"][0]["url"] == "http://localhost/api/v1"


def test_open311_discovery_names_the_public_url(client):
    body = client.get("/open311/v2/discovery.json", headers=EVIL).get_data(as_text=True)
    assert "evil.example" not in body and "http://localhost/open311/v2/" in body


def test_api_links_name_the_public_url(client, make_report, square_city):
    report = make_report()
    body = client.get(f"/api/v1/issues/{report.id}", headers=EVIL).get_data(
        as_text=True
    )
    assert (
        "evil.example" not in body and f"http://localhost/reports/{report.id}" in body
    )


def test_unknown_hosts_are_refused_where_hosts_are_named(server, client):
    server.config["TRUSTED_HOSTS"] = ["localhost", "participation.example"]
    assert client.get("/", headers=EVIL).status_code == 400
    assert client.get("/", headers={"Host": "participation.example"}).status_code == 200
    assert client.get("/").status_code == 200
