"""Wiring of extensions, blueprints, input guards, template helpers and security
headers into the app (the error pages: participation.error_pages)."""

from datetime import date
from pathlib import Path

from flask import Flask, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from participation import errors
from participation.extensions import babel, csrf, db, limiter, login_manager, migrate


def init_extensions(app: Flask) -> None:
    from participation.auth.sessions import load_signed_in
    from participation.i18n.locale import select_locale, select_timezone

    db.init_app(app)
    with app.app_context():
        _tune_sqlite(db.engine)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    babel.init_app(
        app, locale_selector=select_locale, timezone_selector=select_timezone
    )
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.signin"
    login_manager.login_message = _l("Please sign in to continue.")
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(key: str):
        return load_signed_in(key)


def _tune_sqlite(engine) -> None:
    """SQLite as a server database: readers never block the writer (WAL), writers
    wait for each other instead of failing, and commits don't fsync every time."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return

    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


def register_blueprints(app: Flask) -> None:
    """Plug in every package (participation.features): its blueprints, what it
    declares to the shared registries, and what it sets up on the app."""
    from participation.features import plugs

    for plug in plugs():
        for mount in plug.blueprints:
            app.register_blueprint(mount.blueprint, url_prefix=mount.url_prefix)
        for set_up in plug.on_app:
            set_up()


def register_input_guards(app: Flask) -> None:
    """Refuse, before any view reads them, parameters no text column can store."""

    @app.before_request
    def refuse_nul_characters():
        # PostgreSQL cannot store U+0000 in text, and no person types it: a request
        # carrying one in its path, query or form is refused whatever the view.
        if "\x00" in request.path:
            raise errors.Invalid(
                {"path": _("The address contains a character that is not allowed.")}
            )
        for source in (request.args, request.form):
            for name, value in source.items(multi=True):
                # A multipart part's unreadable name (or value) comes as None.
                if "\x00" in (name or "") or "\x00" in (value or ""):
                    raise errors.Invalid(
                        {
                            name.replace("\x00", ""): _(
                                "This contains a character that is not allowed."
                            )
                        }
                    )


def register_template_helpers(app: Flask) -> None:
    from flask_babel import get_locale

    from participation.auth.models import GRANTABLE_ROLES, ROLE_NAMES
    from participation.auth.permissions import can
    from participation.consultations.models import AUDIENCES, COMMITMENTS
    from participation.consultations.survey_models import QUESTION_KINDS
    from participation.core.models import ENGAGEMENT_KINDS, PROJECT_STATUSES, THEMES
    from participation.core.rungs import IAP2_LEVELS, IAP2_NAMES, RUNGS, rung
    from participation.core.services import get_city
    from participation.core.text import render_markdown
    from participation.core.timeline import GROUPS
    from participation.i18n.content import originals_requested, show_field
    from participation.issues.city_workflow import workflow as issue_workflow
    from participation.ladder.labels import (
        FACT_NAMES,
        FLAG_NAMES,
        PROVENANCE_NAMES,
        VALUE_NAMES,
    )
    from participation.ladder.wording import fact_name, fact_value, line_text
    from participation.languages import (
        language_name,
        supported_locales,
        text_direction,
    )
    from participation.notify.services import unread_count
    from participation.projects.models import DIGEST_FREQUENCIES, MILESTONE_STATES
    from participation.types import utcnow

    app.jinja_env.globals.update(
        can=can,
        rung=rung,
        RUNGS=RUNGS,
        IAP2_LEVELS=IAP2_LEVELS,
        IAP2_NAMES=IAP2_NAMES,
        THEMES=THEMES,
        PROJECT_STATUSES=PROJECT_STATUSES,
        ENGAGEMENT_KINDS=ENGAGEMENT_KINDS,
        AUDIENCES=AUDIENCES,
        COMMITMENTS=COMMITMENTS,
        QUESTION_KINDS=QUESTION_KINDS,
        ROLE_NAMES=ROLE_NAMES,
        MILESTONE_STATES=MILESTONE_STATES,
        FACT_NAMES=FACT_NAMES,
        FLAG_NAMES=FLAG_NAMES,
        PROVENANCE_NAMES=PROVENANCE_NAMES,
        VALUE_NAMES=VALUE_NAMES,
        line_text=line_text,
        fact_value=fact_value,
        DIGEST_FREQUENCIES=DIGEST_FREQUENCIES,
        GRANTABLE_ROLES=GRANTABLE_ROLES,
        language_name=language_name,
        show_field=show_field,
        unread_notifications=unread_count,
        issue_workflow=issue_workflow,
        text_direction=text_direction,
        originals_requested=originals_requested,
        supported_locales=supported_locales,
    )
    app.jinja_env.globals["timeline_url"] = timeline_url
    app.jinja_env.globals["now"] = utcnow
    app.jinja_env.globals["timeline_groups"] = GROUPS
    app.jinja_env.filters["facts_name"] = fact_name
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["bdi"] = isolate
    app.jinja_env.filters["when"] = format_when
    app.jinja_env.filters["ago"] = format_ago
    app.jinja_env.filters["dateformat"] = format_day
    app.jinja_env.filters["money"] = format_money
    app.jinja_env.filters["number"] = format_number
    app.jinja_env.filters["percent"] = format_share
    app.jinja_env.filters["quarter"] = format_quarter
    app.jinja_env.filters["people"] = format_people

    @app.context_processor
    def page_context():
        locale = str(get_locale() or app.config["BABEL_DEFAULT_LOCALE"])
        return {
            "city": get_city(),
            "current_locale": locale,
            "html_lang": locale.replace("_", "-"),
            "text_dir": text_direction(locale),
            "map_config": {
                "tiles": app.config["MAP_TILE_URL"],
                "attribution": app.config["MAP_TILE_ATTRIBUTION"],
            },
        }


def isolate(value) -> Markup:
    """`value` in a <bdi> (escaped, unless it is markup already): a name, a date or a
    number keeps its own direction inside text of the other one (an English name in an
    Arabic sentence), and does not drag the text around it along."""
    return Markup("<bdi>{}</bdi>").format(value)


def format_when(moment) -> Markup:
    """A date and time to the minute, in the reader's locale and the city's timezone;
    isolated (<bdi>), as every date a page shows."""
    from flask_babel import format_date, format_time

    return isolate(f"{format_date(moment, 'medium')}, {format_time(moment, 'short')}")


def format_day(moment, format: str | None = None) -> Markup:
    """Flask-Babel's `dateformat` filter, isolated (<bdi>) like `when`."""
    from flask_babel import format_date

    return isolate(format_date(moment, format))


def timeline_url(groups, before: str | None = None) -> str:
    """This page's address showing these timeline filters, from `before` on."""
    from flask import url_for

    return url_for(
        request.endpoint,
        **(request.view_args or {}),
        show=sorted(groups),
        before=before,
    )


def format_ago(moment) -> Markup:
    """How long ago (or how far ahead) a moment is, in words: "3 weeks ago";
    isolated (<bdi>)."""
    from flask_babel import format_timedelta

    from participation.types import utcnow

    return isolate(
        format_timedelta(moment - utcnow(), add_direction=True, threshold=1.1)
    )


def format_money(amount, currency: str | None = None) -> str:
    """An amount in the city's currency (or `currency`), in the reader's locale."""
    from flask_babel import format_currency

    from participation.core.services import get_city

    return format_currency(amount, currency or get_city().currency)


def format_number(value, digits: int | None = None) -> str:
    """A number with the reader's locale's separators, rounded to `digits` decimals
    if given ("—" when unknown)."""
    from flask_babel import format_decimal

    if value is None:
        return "—"
    return format_decimal(round(value, digits) if digits is not None else value)


def format_quarter(label: str) -> str:
    """A quarter of the report ("2026-Q2") as the reader's locale names it ("Q2 2026",
    "T2 2026", "الربع الثاني 2026")."""
    from babel.dates import format_skeleton
    from flask_babel import get_locale

    year, quarter = label.split("-Q")
    first_day = date(int(year), 3 * int(quarter) - 2, 1)
    return format_skeleton("yQQQ", first_day, locale=get_locale())


def format_people(count: int | None) -> str:
    """A number of people in a report: "< 10" for a small group (not shown, or
    already hidden: None)."""
    from participation.ladder.indicators import MIN_GROUP, shown_people

    shown = None if count is None else shown_people(count)
    return f"< {format_number(MIN_GROUP)}" if shown is None else format_number(shown)


def format_share(value) -> str:
    """A share (0–1) as a percentage in the reader's locale ("—" when unknown)."""
    from flask_babel import format_percent

    return "—" if value is None else format_percent(value)


def register_security_headers(app: Flask) -> None:
    """Everything is served from this site (map tiles aside): say so to the browser."""
    from urllib.parse import urlsplit

    tile = urlsplit(app.config["MAP_TILE_URL"])
    tile_origin = f"{tile.scheme}://{tile.netloc}" if tile.netloc else ""

    @app.after_request
    def headers(response):
        response.headers.setdefault(
            "Content-Security-Policy",
            f"default-src 'self'; img-src 'self' data: {tile_origin}; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; "
            "frame-ancestors 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
