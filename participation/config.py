"""Configuration: these defaults, then instance/config.py, then PARTICIPATION_* env vars."""

import os
import secrets
from pathlib import Path

from flask import Flask


class Defaults:
    """Settings every deployment starts from."""

    # The `participation` loggers write one JSON line per event on stderr from here up.
    LOG_LEVEL = "INFO"

    # Locales whose catalogs ship with the platform (first is the source language).
    LOCALES = ["en", "es", "fr", "de", "pl", "ar"]
    # Machine translation of user content (needs the [translate] extra and language packs).
    CONTENT_TRANSLATION = True
    # Where argos-translate keeps its language packs; default: instance/argos-packages.
    ARGOS_PACKAGES_DIR = None
    RTL_LOCALES = ["ar", "fa", "he", "ur"]
    BABEL_DEFAULT_LOCALE = "en"
    LOCALE_COOKIE = "locale"

    # The city shown before an administrator has stored its settings.
    CITY_NAME = "Our City"
    CITY_TIMEZONE = "UTC"
    CITY_CURRENCY = "EUR"

    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    SESSION_COOKIE_NAME = "participation_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Secure is also set per request whenever the request arrived over HTTPS.
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Seconds a sign-in may stay idle: without "keep me signed in", then with it (the
    # remember-me cookie's life). Either ends at once on sign-out (auth/sessions.py).
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 14
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 365

    # Number of proxies in front of the app whose X-Forwarded-* headers are trusted.
    PROXY_COUNT = 0

    WTF_CSRF_TIME_LIMIT = 60 * 60 * 8

    # Stated here, not left to Flask-Limiter: its one extension object keeps the last
    # app's choice as the default for the next app (tests make many apps).
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = "10 per minute;50 per hour"
    # Survey answers without an account (where a consultation allows them), per address.
    CONSULTATION_ANONYMOUS_RATE_LIMIT = "5 per hour;20 per day"

    # How long a process may keep its copy of the city's settings, districts, report
    # categories and issue channels before reading them again (seconds). A process's
    # own changes show at once; other processes' within this time.
    REFERENCE_TTL = 10

    # Issue reporting: how near an open report of the same category must be to be offered
    # as "is it one of these?", and how long after a fix its reporter may reopen it.
    ISSUE_NEARBY_METRES = 50
    ISSUE_REOPEN_DAYS = 30
    # A visitor's report waits this many days for its confirmation, then is deleted
    # with its photo (`flask reports delete-unconfirmed`).
    UNCONFIRMED_REPORT_DAYS = 7
    # The visitor's report form sends an email: per target address and per client.
    VISITOR_REPORT_EMAIL_RATE_LIMIT = "3 per hour;10 per day"
    VISITOR_REPORT_CLIENT_RATE_LIMIT = "10 per hour;30 per day"
    # Photos: where they are kept (default instance/uploads), the largest upload
    # accepted, and the longest side they are stored at.
    UPLOAD_PATH = None
    MAX_PHOTO_BYTES = 8 * 1024 * 1024
    # Width × height a photo may have: checked from its header, before decoding (a
    # small file can hold a huge image). 50 megapixels: any phone's usual photo.
    MAX_PHOTO_PIXELS = 50_000_000
    PHOTO_MAX_SIDE = 2048

    # Map tiles (the map still shows pins and clusters when tiles cannot load).
    MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    MAP_TILE_ATTRIBUTION = "© OpenStreetMap contributors"

    # Project threads: a project the city has not spoken in or asked anything for this
    # many days is on the planners' nudge list, and so is one with a question left
    # unanswered for longer than QUESTION_ANSWER_DAYS. Timeline items per page; entries
    # per Atom feed; questions and comments a person may post.
    PROJECT_SILENCE_DAYS = 90
    QUESTION_ANSWER_DAYS = 14
    TIMELINE_PAGE_SIZE = 20
    FEED_ENTRIES = 50
    QUESTION_RATE_LIMIT = "10 per hour;30 per day"
    # Contributions per account (participation/limits.py): reports, proposals,
    # comments on a text, survey answers (each change of an answer counts).
    REPORT_RATE_LIMIT = "5 per minute;30 per hour;100 per day"
    PROPOSAL_RATE_LIMIT = "3 per minute;10 per hour;30 per day"
    COMMENT_RATE_LIMIT = "5 per minute;30 per hour;100 per day"
    ANSWER_RATE_LIMIT = "10 per minute;60 per hour;200 per day"
    # All contributions from one client address together (offices and schools share
    # one: generous).
    ADDRESS_RATE_LIMIT = "60 per minute;600 per hour;3000 per day"

    # Email: how the outbox sends ("smtp"; "file" writes .eml files under
    # instance/outbox/ or OUTBOX_PATH, "log" only logs: both for development).
    OUTBOX = "file"
    OUTBOX_PATH = None
    MAIL_FROM = "participation@localhost"
    MAIL_SERVER = "localhost"
    MAIL_PORT = 587
    # "starttls" (port 587), "tls" (implicit TLS, port 465) or "none" (a local relay).
    MAIL_SECURITY = "starttls"
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_TIMEOUT = 20
    # A CA bundle to trust besides the system's (a city's own relay certificate).
    MAIL_CA_FILE = ""
    # A failed try is retried after OUTBOX_RETRY_SECONDS, each wait OUTBOX_RETRY_FACTOR
    # times the previous one (1, 3, 9 … minutes); after OUTBOX_MAX_ATTEMPTS tries the
    # message is shown to admins as failed. A sender holds a message it is sending for
    # OUTBOX_CLAIM_SECONDS: one that dies leaves it to the next sender after that.
    OUTBOX_RETRY_SECONDS = 60
    OUTBOX_RETRY_FACTOR = 3
    OUTBOX_MAX_ATTEMPTS = 7
    OUTBOX_CLAIM_SECONDS = 300
    # How long the links sent by email live, in seconds.
    CONFIRM_LINK_MAX_AGE = 7 * 24 * 3600
    RESET_LINK_MAX_AGE = 3600
    EMAIL_CHANGE_LINK_MAX_AGE = 24 * 3600
    SIGN_IN_LINK_MAX_AGE = 7 * 24 * 3600
    # The forms that send account mail (sign-up, a new confirmation link, a forgotten
    # password, a new address, trying a bounced address again): how often per target
    # address, and how often per client address for all of them together.
    ACCOUNT_MAIL_ADDRESS_RATE_LIMIT = "3 per 10 minutes;10 per day"
    ACCOUNT_MAIL_CLIENT_RATE_LIMIT = "10 per 10 minutes;50 per day"
    # Every absolute link (emails, feeds, the API's and Open311's documents) is built on
    # this address, never on the Host header a client sends.
    PUBLIC_URL = "http://127.0.0.1:5000"
    # The host names this deployment answers to, e.g. ["participation.city.example"]
    # (Flask's TRUSTED_HOSTS): any other Host header gets a 400. None: any host.
    TRUSTED_HOSTS = None

    # Open311 GeoReport v2 (see participation/open311/README.md). Empty jurisdiction:
    # the host of PUBLIC_URL; empty contact: MAIL_FROM.
    OPEN311_JURISDICTION_ID = ""
    OPEN311_CONTACT = ""
    OPEN311_ENDPOINT_TYPE = "production"
    OPEN311_RATE_LIMIT = "30 per minute;1000 per day"

    PASSWORD_MIN_LENGTH = 10
    PASSWORD_HASH_METHOD = "scrypt"
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024


def database_url(app: Flask, test_config: dict | None = None) -> str:
    """Pick the database: PARTICIPATION_DATABASE_URL, DATABASE_URL, else SQLite in instance/.

    A URL given to create_app directly (tests) wins over the environment.
    """
    url = (
        (test_config or {}).get("SQLALCHEMY_DATABASE_URI")
        or os.environ.get("PARTICIPATION_DATABASE_URL")
        or os.environ.get("DATABASE_URL")
        or app.config.get("DATABASE_URL")
        or app.config.get("SQLALCHEMY_DATABASE_URI")
    )
    if not url:
        return "sqlite:///" + str(Path(app.instance_path) / "participation.sqlite3")
    # Hosting platforms hand out postgres:// URLs; the driver is psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def secret_key(app: Flask) -> str:
    """Read the secret key from instance/secret_key, generating it on first run."""
    path = Path(app.instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def load_config(app: Flask, test_config: dict | None) -> None:
    """Apply defaults, instance/config.py, PARTICIPATION_* env vars and test overrides."""
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env(prefix="PARTICIPATION")
    if test_config:
        app.config.update(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app, test_config)
    packs = app.config.get("ARGOS_PACKAGES_DIR") or str(
        Path(app.instance_path) / "argos-packages"
    )
    # argos reads this when first imported, which happens after the app is built.
    os.environ.setdefault("ARGOS_PACKAGES_DIR", packs)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(app)
