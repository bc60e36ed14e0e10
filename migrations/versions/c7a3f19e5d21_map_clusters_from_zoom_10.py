"""map clusters from zoom 10: farther views read zoom 10's cells

Revision ID: c7a3f19e5d21
Revises: b4d1e7a2c9f0
Create Date: 2026-12-01 22:55:00

"""

import math
from collections import defaultdict

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "c7a3f19e5d21"
down_revision = "b4d1e7a2c9f0"
branch_labels = None
depends_on = None

# Derived rows (counted from the reports): the upgrade deletes the farther levels and
# the downgrade counts them again, so their number changes across this migration
# (tests/test_migration_chain.py reads this).
DERIVED_TABLES = ("report_cell",)


def upgrade():
    # Levels below 12 (map zooms below 10) are no longer kept up to date.
    op.execute("DELETE FROM report_cell WHERE level < 12")


# The open statuses as they were when this migration was written.
OPEN_STATUSES = {"new", "acknowledged", "in_progress"}


def downgrade():
    """Count the farther levels again, as revision 92ee1b86de57 first did."""
    totals = defaultdict(lambda: [0, 0.0, 0.0])
    rows = op.get_bind().execute(
        sa.text(
            "SELECT lat, lon, category_id, status, district_id FROM report "
            "WHERE hidden_reason IS NULL"
        )
    )
    for lat, lon, category_id, status, district_id in rows:
        for level in range(2, 12):
            size = 360.0 / (1 << level)
            key = (
                level,
                math.floor((lon + 180.0) / size),
                math.floor((lat + 90.0) / size),
                category_id,
                status in OPEN_STATUSES,
                district_id or 0,
            )
            totals[key][0] += 1
            totals[key][1] += lat
            totals[key][2] += lon
    table = sa.table(
        "report_cell",
        *(
            sa.column(c)
            for c in (
                "level",
                "x",
                "y",
                "category_id",
                "is_open",
                "district_id",
                "count",
                "sum_lat",
                "sum_lon",
            )
        ),
    )
    values = [
        dict(
            zip(("level", "x", "y", "category_id", "is_open", "district_id"), key),
            count=n,
            sum_lat=slat,
            sum_lon=slon,
        )
        for key, (n, slat, slon) in totals.items()
    ]
    if values:
        op.bulk_insert(table, values)
