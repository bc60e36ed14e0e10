"""Configuration sources, the secret key and the database choice."""

import os
import stat

import pytest

from participation import create_app


@pytest.fixture
def clean_env(monkeypatch):
    for name in list(os.environ):
        if name.startswith("PARTICIPATION_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    return monkeypatch


def test_defaults_use_sqlite_in_instance_and_generate_a_secret(clean_env, tmp_path):
    clean_env.setenv("PARTICIPATION_INSTANCE_PATH", str(tmp_path / "inst"))
    app = create_app()
    assert app.instance_path == str(tmp_path / "inst")
    assert app.config["SQLALCHEMY_DATABASE_URI"] == (
        f"sqlite:///{tmp_path / 'inst' / 'participation.sqlite3'}"
    )
    key_file = tmp_path / "inst" / "secret_key"
    assert (
        key_file.read_text() == app.config["SECRET_KEY"]
        and len(app.config["SECRET_KEY"]) > 40
    )
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    # The same key on the next start: sessions survive restarts.
    assert create_app().config["SECRET_KEY"] == app.config["SECRET_KEY"]


def test_instance_config_then_env_override(clean_env, tmp_path):
    inst = tmp_path / "inst"
    inst.mkdir()
    (inst / "config.py").write_text(
        'CITY_NAME = "Riverford"\nLOGIN_RATE_LIMIT = "3 per minute"\nSECRET_KEY = "from-file"\n'
    )
    clean_env.setenv("PARTICIPATION_INSTANCE_PATH", str(inst))
    clean_env.setenv("PARTICIPATION_LOGIN_RATE_LIMIT", "5 per minute")
    clean_env.setenv("PARTICIPATION_PROXY_COUNT", "1")
    app = create_app()
    assert app.config["CITY_NAME"] == "Riverford"
    assert app.config["LOGIN_RATE_LIMIT"] == "5 per minute"
    assert app.config["PROXY_COUNT"] == 1
    assert app.config["SECRET_KEY"] == "from-file"
    assert not (inst / "secret_key").exists()


@pytest.mark.parametrize(
    ("variable", "url", "expected"),
    [
        ("DATABASE_URL", "postgres://u:p@db/city", "postgresql+psycopg://u:p@db/city"),
        ("DATABASE_URL", "postgresql://u@db/city", "postgresql+psycopg://u@db/city"),
        (
            "PARTICIPATION_DATABASE_URL",
            "postgresql+psycopg://x@h/d",
            "postgresql+psycopg://x@h/d",
        ),
    ],
)
def test_database_url_from_environment(clean_env, tmp_path, variable, url, expected):
    clean_env.setenv("PARTICIPATION_INSTANCE_PATH", str(tmp_path))
    clean_env.setenv(variable, url)
    assert create_app().config["SQLALCHEMY_DATABASE_URI"] == expected


def test_participation_database_url_wins(clean_env, tmp_path):
    clean_env.setenv("PARTICIPATION_INSTANCE_PATH", str(tmp_path))
    clean_env.setenv("DATABASE_URL", "postgres://a@h/one")
    clean_env.setenv("PARTICIPATION_DATABASE_URL", "postgres://a@h/two")
    assert create_app().config["SQLALCHEMY_DATABASE_URI"].endswith("/two")


def test_proxy_fix_makes_https_cookies_secure(clean_env, tmp_path, migrated):
    clean_env.setenv("PARTICIPATION_INSTANCE_PATH", str(tmp_path))
    app = create_app({"SQLALCHEMY_DATABASE_URI": migrated, "PROXY_COUNT": 1})
    client = app.test_client()
    response = client.get("/signin", headers={"X-Forwarded-Proto": "https"})
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie
    response = client.get("/signin")
    assert "Secure" not in response.headers["Set-Cookie"]
