"""GeoReport v2 endpoints under /open311/v2: each resource in .xml and .json.

Whatever goes wrong under /open311/v2 is answered with a GeoReport v2 error list in the
format the URL asks for, never with the site's HTML pages.
"""

import hashlib
import logging

from flask import Blueprint, current_app, request
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import HTTPException, MethodNotAllowed, default_exceptions
from werkzeug.exceptions import NotFound as RouteNotFound

from participation.errors import Invalid, NotAllowed, NotFound
from participation.events import log_event
from participation.extensions import csrf, db, limiter
from participation.open311 import formats, posting, services
from participation.urls import external_url

log = logging.getLogger(__name__)

bp = Blueprint("open311", __name__, url_prefix="/open311/v2")
# Clients authenticate with api_key, never with a browser session: no CSRF token.
csrf.exempt(bp)

FMT = "<any(xml, json):fmt>"
NOT_FOUND = {
    "jurisdiction": "jurisdiction_id not found: this server serves one jurisdiction.",
    "service": "service_code not found.",
    "request": "service_request_id not found.",
    "token": "token not found.",
}
FORBIDDEN = "api_key is missing, unknown or revoked."
NO_RESOURCE = "No such resource: see discovery.xml."
TOO_MANY = "Too many requests with this api_key: slow down."
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _format() -> str:
    """The format the URL asks for."""
    fmt = (request.view_args or {}).get("fmt")
    if fmt in formats.CONTENT_TYPES:
        return fmt
    # An address no route matched: its extension if it has one, else XML, the one
    # format GeoReport v2 makes mandatory.
    return "json" if request.path.endswith(".json") else "xml"


def _errors(code: int, descriptions: list[str]):
    return formats.render_errors(_format(), [(code, text) for text in descriptions])


@bp.errorhandler(NotFound)
def not_found(error: NotFound):
    what = error.args[0] if error.args else ""
    return _errors(404, [NOT_FOUND.get(what, "Not found.")])


@bp.errorhandler(NotAllowed)
def not_allowed(error: NotAllowed):
    return _errors(403, [FORBIDDEN])


@bp.errorhandler(Invalid)
def invalid(error: Invalid):
    return _errors(400, [f"{field}: {text}" for field, text in error.errors.items()])


def http_error(error: HTTPException):
    """Any HTTP error (405, 413, 429, a malformed body …) as a GeoReport error list."""
    code = error.code or 500
    if code == 404:
        text = NO_RESOURCE
    elif code == 405:
        allowed = sorted(set(error.valid_methods or ()) - {"HEAD", "OPTIONS"})
        text = f"Use {' or '.join(allowed) or 'another method'} for this resource."
    elif code == 429:
        text = TOO_MANY
    else:
        text = f"{error.name}: {error.description or ''}".strip(": ")
    response = _errors(code, [text])
    # What the exception says in its headers stays (Allow on a 405, Retry-After …).
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


# The app has handlers for some codes (404, 403, 429): Flask prefers a handler of the
# code to one of the class, so this blueprint names every code to keep its own.
for _code in default_exceptions:
    bp.register_error_handler(_code, http_error)
bp.register_error_handler(HTTPException, http_error)


@bp.errorhandler(Exception)
def unexpected(error: Exception):
    # A bug, not the client's fault: logged, and still answered in the spec's format.
    log_event(
        log,
        "unhandled_error",
        logging.ERROR,
        exc_info=True,
        endpoint=request.endpoint,
        path=request.path,
    )
    db.session.rollback()
    return _errors(500, ["The server failed to answer; the error is logged."])


def _routing_error() -> HTTPException:
    """What the address deserves when only `unknown` takes it: a 405 naming the
    methods its resource answers, or a 404 when no resource is there."""
    adapter = current_app.url_map.bind_to_environ(request.environ)
    allowed = []
    for method in ("GET", "POST"):
        try:
            endpoint, _ = adapter.match(method=method)
        except HTTPException:
            continue
        if endpoint != f"{bp.name}.unknown":
            allowed.append(method)
    return MethodNotAllowed(valid_methods=allowed) if allowed else RouteNotFound()


@bp.before_app_request
def unrouted():
    """A method no route under /open311/v2 takes (TRACE, PROPFIND …) fails in the
    router, outside this blueprint: answer it here, in the spec's format."""
    error = request.routing_exception
    path = request.path
    if error is None or not (path + "/").startswith(bp.url_prefix + "/"):
        return None
    if not isinstance(error, HTTPException) or (error.code or 0) < 400:
        return None  # a redirect (a missing trailing slash) is no error
    return http_error(_routing_error())


@bp.before_request
def check_jurisdiction():
    services.check_jurisdiction(request.values.get("jurisdiction_id"))


@bp.after_request
def public_data(response):
    # What GET serves is public: dashboards on other sites may read it.
    if request.method == "GET":
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get(f"/discovery.{FMT}")
def discovery(fmt: str):
    base = external_url("open311.discovery", fmt=fmt).rsplit("/", 1)[0] + "/"
    return formats.render(fmt, "discovery", formats.discovery_record(base))


@bp.get(f"/services.{FMT}")
def service_list(fmt: str):
    records = [formats.service_record(c) for c in services.list_services()]
    return formats.render(fmt, "services", records)


@bp.get(f"/services/<service_code>.{FMT}")
def service_definition(fmt: str, service_code: str):
    category = services.get_service(service_code)
    return formats.render(
        fmt, "service_definition", formats.definition_record(category)
    )


@bp.get(f"/requests.{FMT}")
def request_list(fmt: str):
    query = services.parse_request_query(request.args)
    reports = services.find_requests(query)
    notes = services.latest_notes(reports)
    records = [formats.request_record(r, notes.get(r.id)) for r in reports]
    return formats.render(fmt, "service_requests", records)


@bp.get(f"/requests/<request_id>.{FMT}")
def request_detail(fmt: str, request_id: str):
    report = services.get_request(request_id)
    notes = services.latest_notes([report])
    record = formats.request_record(report, notes.get(report.id))
    return formats.render(fmt, "service_requests", [record])


@bp.get(f"/servicerequestupdates.{FMT}")
def request_updates(fmt: str):
    """Extension: the public steps of reports in a window (start_date, end_date)."""
    records = [formats.update_record(c) for c in services.find_updates(request.args)]
    return formats.render(fmt, "service_requests_updates", records)


def _client_key() -> str:
    """Rate limits count per API key (hashed: secrets never reach the limiter's store)."""
    secret = request.values.get("api_key")
    if not secret:
        return get_remote_address()
    return "open311:" + hashlib.sha256(secret.encode()).hexdigest()[:32]


def _post_limit() -> str:
    return services.setting("OPEN311_RATE_LIMIT")


def _check_form_body(fmt: str) -> None:
    """Invalid unless the body is in GeoReport v2's form encoding (or absent)."""
    mimetype = request.mimetype
    if mimetype in FORM_TYPES or not (mimetype or request.content_length):
        return
    raise Invalid(
        {
            "Content-Type": f"POST requests.{fmt} expects "
            "application/x-www-form-urlencoded (or multipart/form-data) as "
            f"GeoReport v2 specifies, not {mimetype or 'a body without a type'}."
        }
    )


@bp.post(f"/requests.{FMT}")
@limiter.limit(_post_limit, key_func=_client_key)
def post_request(fmt: str):
    # A JSON body would be read as no parameters at all ("api_key is missing"):
    # say what is wrong instead.
    _check_form_body(fmt)
    # Form-encoded body; the swagger document also allows the query string. A
    # multipart part whose name werkzeug cannot read (a newline in it) has none.
    form = {k: v for k, v in request.values.lists() if k is not None}
    report, token = posting.post_request(request.values.get("api_key"), form)
    record = formats.posted_record(report, token.token)
    return formats.render(fmt, "service_requests", [record])


@bp.get(f"/tokens/<token>.{FMT}")
def token_detail(fmt: str, token: str):
    found = services.resolve_token(token)
    record = formats.token_record(found.token, found.report_id)
    return formats.render(fmt, "service_requests", [record])


ANY_METHOD = ["GET", "POST", "PUT", "PATCH", "DELETE"]


@bp.route("/", defaults={"path": ""}, methods=ANY_METHOD)
@bp.route("/<path:path>", methods=ANY_METHOD)
def unknown(path: str):
    """Any other address under /open311/v2, or a resource asked with a method it does
    not answer (this route takes the common methods the others refuse)."""
    raise _routing_error()
