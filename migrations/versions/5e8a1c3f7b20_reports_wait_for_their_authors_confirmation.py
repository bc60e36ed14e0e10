"""reports wait for their author's confirmation: waiting_since, the map index public only

Revision ID: 5e8a1c3f7b20
Revises: b98eb28c8d9e
Create Date: 2026-12-08 00:20:00

"""
from alembic import op
import sqlalchemy as sa

import participation.types


# revision identifiers, used by Alembic.
revision = '5e8a1c3f7b20'
down_revision = 'b98eb28c8d9e'
branch_labels = None
depends_on = None

VISIBLE = sa.text("hidden_reason IS NULL")
PUBLIC = sa.text("hidden_reason IS NULL AND waiting_since IS NULL")
MAP_COLUMNS = ['map_band', 'lon', 'lat', 'created_at', 'id', 'category_id',
               'district_id', 'status']


def upgrade():
    # Every report made before stays published (waiting_since NULL).
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.add_column(sa.Column('waiting_since', participation.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_report_waiting_since'), ['waiting_since'], unique=False)
        batch_op.drop_index('ix_report_map', sqlite_where=VISIBLE,
                            postgresql_where=VISIBLE)
        batch_op.create_index('ix_report_map', MAP_COLUMNS, unique=False,
                              sqlite_where=PUBLIC, postgresql_where=PUBLIC)


def downgrade():
    op.execute("DELETE FROM status_change WHERE report_id IN "
               "(SELECT id FROM report WHERE waiting_since IS NOT NULL)")
    op.execute("DELETE FROM report WHERE waiting_since IS NOT NULL")
    with op.batch_alter_table('report', schema=None) as batch_op:
        batch_op.drop_index('ix_report_map', sqlite_where=PUBLIC,
                            postgresql_where=PUBLIC)
        batch_op.create_index('ix_report_map', MAP_COLUMNS, unique=False,
                              sqlite_where=VISIBLE, postgresql_where=VISIBLE)
        batch_op.drop_index(batch_op.f('ix_report_waiting_since'))
        batch_op.drop_column('waiting_since')
