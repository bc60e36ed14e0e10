"""JSON API v1: the data behind the map, for anyone to reuse."""

from flask import Blueprint, jsonify, request, url_for
from flask_babel import gettext as _

from participation.issues import services as issues

bp = Blueprint("api", __name__)

MAX_FEATURES = 5000


def _errors(http_status: int, errors: dict[str, str]):
    body = {"errors": [{"field": f, "message": m} for f, m in errors.items()]}
    return jsonify(body), http_status


def _bbox(text: str | None):
    """(west, south, east, north) from "w,s,e,n", or None; ValueError when malformed."""
    if not text:
        return None
    parts = [float(p) for p in text.split(",")]
    if len(parts) != 4:
        raise ValueError
    west, south, east, north = parts
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ValueError
    return west, south, east, north


@bp.get("/issues.geojson")
def issues_geojson():
    """Visible reports as a GeoJSON FeatureCollection, for the map."""
    try:
        bbox = _bbox(request.args.get("bbox"))
    except ValueError:
        return _errors(
            400, {"bbox": _("Give bbox as west,south,east,north in degrees.")}
        )
    category = request.args.get("category", type=int)
    status = request.args.get("status") or None
    if status and status not in ("open", "closed") and status not in issues.workflow():
        return _errors(400, {"status": _("Unknown status.")})
    reports = issues.search_reports(
        category=category, status=status, bbox=bbox, limit=MAX_FEATURES
    )
    flow = issues.workflow()
    features = [
        {
            "type": "Feature",
            "id": r.id,
            "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
            "properties": {
                "title": r.title,
                "language": r.language,
                "status": r.status,
                "status_name": _(flow[r.status].name),
                "open": flow[r.status].is_open,
                "category": r.category.name,
                "supporters": r.support_count,
                "created_at": r.created_at.isoformat(),
                "url": url_for("issues.report", report_id=r.id),
            },
        }
        for r in reports
    ]
    response = jsonify({"type": "FeatureCollection", "features": features})
    response.mimetype = "application/geo+json"
    return response


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
    response = jsonify({"type": "FeatureCollection", "features": features})
    response.mimetype = "application/geo+json"
    return response
