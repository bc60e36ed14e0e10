"""The error pages: every error a friendly, translated page (a JSON error list under
/api/), never a stack trace."""

import logging

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from participation import errors
from participation.events import log_event
from participation.extensions import db

log = logging.getLogger(__name__)


def _error_page(
    status: int,
    title: str,
    message: str,
    fields: dict[str, str] | None = None,
    headers=None,
):
    """The error as the API's JSON error list under /api/, else a page; `fields` maps
    a parameter to what is wrong with it."""
    if request.path.startswith("/api/"):
        listed = [{"field": k, "message": v} for k, v in (fields or {}).items()]
        body = {"errors": listed or [{"field": None, "message": message}]}
        return body, status, headers or {}
    page = render_template(
        "errors/error.html",
        title=title,
        message=message,
        details=list((fields or {}).values()),
    )
    return page, status, headers or {}


def register_errors(app: Flask) -> None:
    """Friendly, translated pages for every error; never a stack trace."""

    @app.errorhandler(errors.NotFound)
    @app.errorhandler(404)
    def not_found(error):
        return _error_page(
            404,
            _("Page not found"),
            _(
                "We could not find what you were looking for. It may have been moved or removed."
            ),
        )

    @app.errorhandler(errors.NotAllowed)
    @app.errorhandler(403)
    def forbidden(error):
        return _error_page(
            403,
            _("Not allowed"),
            _("Your account does not have permission to do this."),
        )

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return _error_page(
            400,
            _("The form has expired"),
            _(
                "For your security the form could not be accepted. Go back, reload the page "
                "and try again."
            ),
        )

    @app.errorhandler(429)
    def too_many(error):
        limit = getattr(error, "limit", None)
        log_event(
            log,
            "rate_limited",
            logging.WARNING,
            endpoint=request.endpoint,
            limit=str(limit.limit) if limit is not None else error.description,
        )
        # A limit with its own message (contributions) says it; others are attempts.
        own = limit is not None and limit.error_message
        return _error_page(
            429,
            _("Please slow down") if own else _("Too many attempts"),
            error.description
            if own
            else _(
                "You have tried too many times. Please wait a few minutes and try again."
            ),
            headers=[(k, v) for k, v in error.get_headers() if k != "Content-Type"],
        )

    @app.errorhandler(errors.Invalid)
    def invalid(error: errors.Invalid):
        # A parameter a view refused outright (a form's errors are shown on the form).
        return _error_page(
            400,
            _("This request cannot be answered"),
            _("Some of what was sent is not valid:"),
            fields=error.errors,
        )

    @app.errorhandler(SecurityError)
    def untrusted_host(error):
        # A Host outside TRUSTED_HOSTS: no page can be built (its links need a host).
        log_event(
            log, "host_refused", logging.WARNING, host=request.environ.get("HTTP_HOST")
        )
        return (
            _("This site does not answer to that host name."),
            400,
            {"Content-Type": "text/plain; charset=utf-8"},
        )

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        # Keep what the exception says in its headers (e.g. Allow on a 405).
        headers = [(k, v) for k, v in error.get_headers() if k != "Content-Type"]
        return _error_page(
            error.code or 500,
            _("Something went wrong"),
            _("The request could not be completed (error %(code)s).", code=error.code),
            headers=headers,
        )

    @app.errorhandler(Exception)
    def internal_error(error):
        log_event(
            log,
            "unhandled_error",
            logging.ERROR,
            exc_info=True,
            endpoint=request.endpoint,
            path=request.path,
        )
        db.session.rollback()
        return _error_page(
            500,
            _("Something went wrong"),
            _(
                "An unexpected error occurred. It has been logged; please try again later."
            ),
        )
