"""participation: a city's participation platform (Flask application factory)."""

import os
from pathlib import Path

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from participation.config import load_config
from participation.events import configure_logging, install_request_log

ROOT = Path(__file__).resolve().parent.parent


class SessionInterface(SecureCookieSessionInterface):
    """Marks the session cookie Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)


def create_app(test_config: dict | None = None) -> Flask:
    """Build the application: config, extensions, blueprints, errors, CLI."""
    instance_path = os.environ.get("PARTICIPATION_INSTANCE_PATH") or str(
        ROOT / "instance"
    )
    if test_config and test_config.get("INSTANCE_PATH"):
        instance_path = test_config["INSTANCE_PATH"]
    app = Flask(
        __name__,
        instance_path=os.path.abspath(instance_path),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    os.makedirs(app.instance_path, exist_ok=True)
    load_config(app, test_config)
    configure_logging(app)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))
    app.session_interface = SessionInterface()
    if app.config["PROXY_COUNT"]:
        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    from participation import error_pages, web
    from participation.params import IdConverter

    # Before any route is added: every <int:…> in a path holds a database id.
    app.url_map.converters["int"] = IdConverter
    web.init_extensions(app)
    web.register_blueprints(app)
    error_pages.register_errors(app)
    web.register_input_guards(app)
    web.register_template_helpers(app)
    web.register_security_headers(app)

    from participation.cli import register_commands

    register_commands(app)
    install_request_log(app)
    return app
