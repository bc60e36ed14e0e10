"""JSON API v1: the data behind the map, for anyone to reuse."""

import json
import logging

from flask import Blueprint, current_app, jsonify, request, url_for
from flask_babel import gettext as _

from participation.api.params import json_value
from participation.errors import Invalid, NotFound
from participation.events import log_event
from participation.extensions import csrf
from participation.issues import cells, search
from participation.issues import services as issues
from participation.issues.filters import report_filters
from participation.params import int_arg
from participation.urls import external_url

log = logging.getLogger(__name__)

bp = Blueprint("api", __name__)

# Close up, at most this many points (the newest); "total" says how many there are.
MAX_POINTS = 500


def _errors(http_status: int, errors: dict[str, str]):
    body = {"errors": [{"field": f, "message": m} for f, m in errors.items()]}
    return jsonify(body), http_status


def _geojson(body: dict):
    """A GeoJSON response, compact and in insertion order (the map reads hundreds of
    features per move; sorting their keys would cost a third of the encoding)."""
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    return current_app.response_class(text, mimetype="application/geo+json")


def _can_cluster(zoom: int | None, filters: dict) -> bool:
    """Pre-counted clusters serve wide views whose filters the counts know about."""
    return (
        zoom is not None
        and zoom <= cells.MAX_CLUSTER_ZOOM
        and "bbox" in filters
        and filters.get("status") in (None, "open", "closed")
        and "since" not in filters
        and "until" not in filters
    )


def _point_features(rows) -> list[dict]:
    """GeoJSON points from light rows (no ORM objects: thousands per street view)."""
    flow = issues.workflow()
    statuses = {key: (_(s.name), s.is_open) for key, s in flow.statuses.items()}
    report_url = url_for("issues.report", report_id=0)[: -len("0")]
    # Unpacked as tuples: attribute access on a row costs more than the rest together.
    return [
        {
            "type": "Feature",
            "id": id_,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "title": title,
                "language": language,
                "status": status,
                "status_name": statuses[status][0],
                "open": statuses[status][1],
                "category": category,
                "supporters": supporters,
                "created_at": created_at.isoformat(),
                "url": f"{report_url}{id_}",
            },
        }
        for id_, title, language, status, lat, lon, category, supporters, created_at in rows
    ]


@bp.get("/issues.geojson")
def issues_geojson():
    """Visible reports as a GeoJSON FeatureCollection, for the map."""
    try:
        filters = report_filters(request.args)
    except Invalid as error:
        return _errors(400, error.errors)
    zoom = int_arg(request.args, "zoom")
    features = None
    if _can_cluster(zoom, filters):
        found = cells.clusters(
            zoom,
            filters["bbox"],
            category=filters.get("category"),
            status=filters.get("status"),
            district=filters.get("district"),
        )
        total = sum(c.count for c in found)
        # A view with few reports shows them as pins (the browser groups close ones);
        # the counted clusters are for views with more than a page of points.
        if total > MAX_POINTS:
            features = [
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [c.lon, c.lat]},
                    "properties": {"cluster": True, "count": c.count},
                }
                for c in found
            ]
    if features is None:
        rows, total = search.search_map_points(**filters, limit=MAX_POINTS)
        features = _point_features(rows)
    return _geojson({"type": "FeatureCollection", "features": features, "total": total})


def _detail(report, flow, with_history: bool) -> dict:
    data = {
        "id": report.id,
        "title": report.title,
        "description": report.description,
        "language": report.language,
        "status": report.status,
        "status_name": _(flow[report.status].name),
        "open": flow[report.status].is_open,
        "category": {"code": report.category.code, "name": report.category.name},
        "department": report.category.department.name,
        "district": report.district.name if report.district else None,
        "lat": report.lat,
        "lon": report.lon,
        "location": report.location_text,
        "supporters": report.support_count,
        "reported_by": report.reporter.display_name
        if report.show_name and report.reporter
        else None,
        "photo_url": external_url("issues.photo", report_id=report.id)
        if report.photo
        else None,
        "duplicate_of": report.duplicate_of_id,
        "created_at": report.created_at.isoformat(),
        "updated_at": report.updated_at.isoformat(),
        "url": external_url("issues.report", report_id=report.id),
    }
    if with_history:
        data["history"] = [
            {
                "status": change.to_status,
                "note": change.note,
                "language": change.language,
                "official": change.official,
                "at": change.created_at.isoformat(),
            }
            for change in report.changes
        ]
    return data


@bp.get("/issues")
def issues_list():
    """Visible reports as JSON, newest first, with the map's filters and paging."""
    try:
        filters = report_filters(request.args)
    except Invalid as error:
        return _errors(400, error.errors)
    page = int_arg(request.args, "page", 1, minimum=1)
    size = int_arg(request.args, "page_size", 50, minimum=1, maximum=500)
    reports = search.search_reports(**filters, offset=(page - 1) * size, limit=size + 1)
    flow = issues.workflow()
    return jsonify(
        {
            "page": page,
            "page_size": size,
            "has_more": len(reports) > size,
            "items": [_detail(r, flow, with_history=False) for r in reports[:size]],
        }
    )


@bp.get("/issues/<int:report_id>")
def issue_detail(report_id: int):
    """One visible report with its public history."""
    try:
        report = issues.get_report(report_id)
    except NotFound:
        return _errors(404, {"id": _("There is no report with this number.")})
    return jsonify(_detail(report, issues.workflow(), with_history=True))


@bp.get("/districts.geojson")
def districts_geojson():
    """The districts' boundaries, names and populations."""
    from participation.core.services import list_districts

    features = [
        {
            "type": "Feature",
            "id": d.id,
            "geometry": d.boundary,
            "properties": {"name": d.name, "population": d.population},
        }
        for d in list_districts()
    ]
    return _geojson({"type": "FeatureCollection", "features": features})


@bp.post("/ladder/assess")
@csrf.exempt  # a pure computation on the posted document; nothing is stored
def ladder_assess():
    """Assess a facts document run anywhere (JSON in, JSON out)."""
    from participation.ladder.document import as_json, assess_document, problems
    from participation.ladder.wording import line_text, problem_message

    if not request.is_json:
        return _errors(415, {None: _("Send the facts document as application/json.")})
    try:
        # UnicodeDecodeError is a ValueError too.
        document = json_value(request.get_data())
    except ValueError:
        return _errors(400, {None: _("Send a JSON facts document.")})
    found = problems(document)
    if found:
        log_event(
            log,
            "facts_document.refused",
            problems=len(found),
            fields=sorted({str(field) for field, _code, _values in found}),
        )
        body = {
            "errors": [
                {"field": field, "message": problem_message(code, values)}
                for field, code, values in found
            ]
        }
        return jsonify(body), 422
    from participation.core.services import get_city

    assessment = assess_document(document, timezone=get_city().timezone)
    return jsonify(as_json(assessment, word=line_text))


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI document of this API."""
    from participation.api.openapi import document

    server_url = external_url("api.openapi").rsplit("/", 1)[0]
    return jsonify(document(server_url, issues.workflow().statuses))
