"""GeoReport v2 endpoints under /open311/v2: each resource in .xml and .json."""

import hashlib
from functools import wraps

from flask import Blueprint, current_app, request, url_for
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.exceptions import NotFound as RouteNotFound

from participation.errors import Invalid, NotAllowed, NotFound
from participation.extensions import csrf, limiter
from participation.open311 import formats, services

bp = Blueprint("open311", __name__, url_prefix="/open311/v2")

FMT = "<any(xml, json):fmt>"
NOT_FOUND = {
    "jurisdiction": "jurisdiction_id not found: this server serves one jurisdiction.",
    "service": "service_code not found.",
    "request": "service_request_id not found.",
    "token": "token not found.",
}
FORBIDDEN = "api_key is missing, unknown or revoked."


def _errors(fmt: str, code: int, descriptions: list[str]):
    return formats.render_errors(fmt, [(code, text) for text in descriptions])


def open311_view(view):
    """Check jurisdiction_id and turn domain errors into GeoReport v2 error lists."""

    @wraps(view)
    def wrapped(fmt: str, **kwargs):
        try:
            services.check_jurisdiction(request.values.get("jurisdiction_id"))
            return view(fmt, **kwargs)
        except NotFound as error:
            what = error.args[0] if error.args else ""
            return _errors(fmt, 404, [NOT_FOUND.get(what, "Not found.")])
        except NotAllowed:
            return _errors(fmt, 403, [FORBIDDEN])
        except Invalid as error:
            return _errors(
                fmt, 400, [f"{field}: {text}" for field, text in error.errors.items()]
            )

    return wrapped


@bp.after_request
def public_data(response):
    # What GET serves is public: dashboards on other sites may read it.
    if request.method == "GET":
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get(f"/discovery.{FMT}")
@open311_view
def discovery(fmt: str):
    base = url_for(".discovery", fmt=fmt, _external=True).rsplit("/", 1)[0] + "/"
    return formats.render(fmt, "discovery", formats.discovery_record(base))


@bp.get(f"/services.{FMT}")
@open311_view
def service_list(fmt: str):
    records = [formats.service_record(c) for c in services.list_services()]
    return formats.render(fmt, "services", records)


@bp.get(f"/services/<service_code>.{FMT}")
@open311_view
def service_definition(fmt: str, service_code: str):
    category = services.get_service(service_code)
    return formats.render(
        fmt, "service_definition", formats.definition_record(category)
    )


@bp.get(f"/requests.{FMT}")
@open311_view
def request_list(fmt: str):
    query = services.parse_request_query(request.args)
    reports = services.find_requests(query)
    notes = services.latest_notes(reports)
    records = [formats.request_record(r, notes.get(r.id)) for r in reports]
    return formats.render(fmt, "service_requests", records)


@bp.get(f"/requests/<request_id>.{FMT}")
@open311_view
def request_detail(fmt: str, request_id: str):
    report = services.get_request(request_id)
    notes = services.latest_notes([report])
    record = formats.request_record(report, notes.get(report.id))
    return formats.render(fmt, "service_requests", [record])


@bp.get(f"/servicerequestupdates.{FMT}")
@open311_view
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


@bp.errorhandler(429)
def too_many(error):
    # The app's own handler would answer with an HTML page.
    fmt = "json" if request.path.endswith(".json") else "xml"
    return _errors(fmt, 429, ["Too many requests with this api_key: slow down."])


@bp.post(f"/requests.{FMT}")
@csrf.exempt
@limiter.limit(_post_limit, key_func=_client_key)
@open311_view
def post_request(fmt: str):
    # Form-encoded body; the swagger document also allows the query string.
    form = request.values.to_dict(flat=False)
    report, token = services.post_request(request.values.get("api_key"), form)
    record = formats.posted_record(report, token.token)
    return formats.render(fmt, "service_requests", [record])


@bp.get(f"/tokens/<token>.{FMT}")
@open311_view
def token_detail(fmt: str, token: str):
    found = services.resolve_token(token)
    record = formats.token_record(found.token, found.report_id)
    return formats.render(fmt, "service_requests", [record])


@bp.route("/", defaults={"path": ""}, methods=["GET", "POST", "PUT", "DELETE"])
@bp.route("/<path:path>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
@csrf.exempt
def unknown(path: str):
    """Anything else under /open311/v2: a GeoReport error list rather than a page."""
    fmt = "json" if path.endswith(".json") else "xml"
    adapter = current_app.url_map.bind_to_environ(request.environ)
    for method in ("GET", "POST"):
        if method == request.method:
            continue
        try:
            endpoint, _ = adapter.match(method=method)
        except (RouteNotFound, MethodNotAllowed):
            continue
        if endpoint != request.endpoint:
            response = _errors(fmt, 405, [f"Use {method} for this resource."])
            response.headers["Allow"] = method
            return response
    return _errors(fmt, 404, ["No such resource: see discovery.xml."])
