"""Riverford's issue categories and a few reports, for the demo city."""

from participation.core.places import district_at
from participation.extensions import db
from participation.issues.models import Category, Department, Landmark
from participation.issues.services import ReportData, change_status, submit_report
from participation.plug import DemoCity

DEPARTMENTS = ["Roads and Lighting", "Parks and Environment", "Water Services"]

CATEGORIES = [
    {
        "code": "streetlight",
        "name": "Street light not working",
        "department": "Roads and Lighting",
        "group": "Streets",
        "keywords": "lamp, light, dark",
        "description": "A street light that is out, flickering or on during the day.",
    },
    {
        "code": "pothole",
        "name": "Pothole or damaged road",
        "department": "Roads and Lighting",
        "group": "Streets",
        "keywords": "road, hole, surface",
        "description": "Holes, cracks or sunken patches.",
    },
    {
        "code": "footpath",
        "name": "Broken footpath or kerb",
        "department": "Roads and Lighting",
        "group": "Streets",
        "keywords": "pavement, trip, kerb",
        "description": "Uneven or broken footpaths.",
    },
    {
        "code": "dumping",
        "name": "Illegal dumping",
        "department": "Parks and Environment",
        "group": "Cleanliness",
        "keywords": "rubbish, fly-tipping",
        "description": "Rubbish left in public places.",
    },
    {
        "code": "graffiti",
        "name": "Graffiti",
        "department": "Parks and Environment",
        "group": "Cleanliness",
        "keywords": "paint, tag",
        "description": "Graffiti on public property.",
    },
    {
        "code": "park_furniture",
        "name": "Damaged bench, bin or play equipment",
        "department": "Parks and Environment",
        "group": "Parks",
        "keywords": "bench, bin, playground",
        "description": "Broken things in parks.",
    },
    {
        "code": "drain",
        "name": "Blocked drain or flooding",
        "department": "Water Services",
        "group": "Water",
        "keywords": "drain, gully, flood",
        "description": "Water not draining away.",
    },
]

# (reporter email, category code, title, description, lat, lon, where, steps)
# steps: (status, public note) applied by the planner in order.
REPORTS = [
    (
        "resident@demo.city",
        "streetlight",
        "Three lamps out on Quay Street",
        "The lamps between the bridge and the library have been dark for a week.",
        52.8421,
        -7.3871,
        "Quay Street",
        [("acknowledged", "Thanks, a crew is scheduled for Thursday night.")],
    ),
    (
        "tomasz@demo.city",
        "pothole",
        "Deep pothole at the school entrance",
        "Cyclists swerve into traffic to avoid it.",
        52.8512,
        -7.3958,
        "Castle Road",
        [
            ("in_progress", "Temporary repair done; full resurfacing booked."),
            ("fixed", "Resurfaced on the whole school frontage."),
        ],
    ),
    (
        "amira@demo.city",
        "dumping",
        "Mattresses dumped by the river path",
        "",
        52.8377,
        -7.3793,
        "River Aven walk",
        [],
    ),
    (
        "resident@demo.city",
        "drain",
        "Flooding at the Ashgrove underpass",
        "Every time it rains the underpass fills up ankle-deep.",
        52.8331,
        -7.4052,
        "Ashgrove underpass",
        [("acknowledged", "Inspection booked with Water Services.")],
    ),
    (
        "tomasz@demo.city",
        "park_furniture",
        "Broken swing in Eastbank playground",
        "One chain has snapped.",
        52.8446,
        -7.3702,
        "Eastbank playground",
        [("fixed", "Replaced the same day. Thank you!")],
    ),
]

# Named places residents can pick instead of a map: (name, lat, lon).
LANDMARKS = [
    ("Quay Street", 52.8421, -7.3871),
    ("Aven Bridge", 52.8409, -7.3850),
    ("Central Library", 52.8430, -7.3880),
    ("Castle Road", 52.8512, -7.3958),
    ("Castlehill Primary School", 52.8520, -7.3965),
    ("Ashgrove underpass", 52.8331, -7.4052),
    ("Ashgrove Shopping Centre", 52.8470, -7.4200),
    ("Southmead Park", 52.8220, -7.3980),
    ("Eastbank playground", 52.8446, -7.3702),
    ("Eastbank Community Centre", 52.8370, -7.3500),
    ("River Aven walk", 52.8377, -7.3793),
]


def fill_reports(city: DemoCity) -> None:
    """The demo city's departments, categories, landmarks and reports, each report
    moved along its statuses by the planner."""
    users, planner = city.users, city.planner
    departments = {name: Department(name=name) for name in DEPARTMENTS}
    categories = {}
    for data in CATEGORIES:
        values = {**data, "department": departments[data["department"]]}
        categories[data["code"]] = Category(**values)
    db.session.add_all([*departments.values(), *categories.values()])
    for name, lat, lon in LANDMARKS:
        db.session.add(
            Landmark(name=name, lat=lat, lon=lon, district_id=district_at(lat, lon))
        )
    db.session.commit()
    for email, code, title, text, lat, lon, where, steps in REPORTS:
        report = submit_report(
            users[email],
            ReportData(
                categories[code].id,
                title,
                lat,
                lon,
                description=text,
                location_text=where,
            ),
        )
        for status, note in steps:
            change_status(planner, report.id, status, note, "en")
