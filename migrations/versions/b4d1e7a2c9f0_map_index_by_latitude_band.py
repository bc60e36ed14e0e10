"""map index by latitude band: street views read a few short runs of the index

Revision ID: b4d1e7a2c9f0
Revises: 92ee1b86de57
Create Date: 2026-12-01 22:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b4d1e7a2c9f0'
down_revision = '92ee1b86de57'
branch_labels = None
depends_on = None

# As in participation.core.geo when this migration was written.
BANDS_PER_DEGREE = 2048
VISIBLE = sa.text("hidden_reason IS NULL")
MAP_COLUMNS = ['map_band', 'lon', 'lat', 'created_at', 'id', 'category_id',
               'district_id', 'status']


def upgrade():
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.add_column(sa.Column('map_band', sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        band = f"floor((lat + 90.0) * {BANDS_PER_DEGREE})::integer"
    else:  # lat + 90 is never negative, so truncation is floor
        band = f"CAST((lat + 90.0) * {BANDS_PER_DEGREE} AS INTEGER)"
    op.execute(f"UPDATE report SET map_band = {band}")
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.alter_column('map_band', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_index('ix_report_lat_lon')
        batch_op.create_index('ix_report_map', MAP_COLUMNS, unique=False,
                              sqlite_where=VISIBLE, postgresql_where=VISIBLE)


def downgrade():
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index('ix_report_map', sqlite_where=VISIBLE,
                            postgresql_where=VISIBLE)
        batch_op.create_index('ix_report_lat_lon', ['lat', 'lon'], unique=False)
        batch_op.drop_column('map_band')
