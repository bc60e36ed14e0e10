"""status change created_at index: the Open311 updates feed reads windows of time

Revision ID: d2e8b6f4a1c3
Revises: c7a3f19e5d21
Create Date: 2026-12-01 23:45:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd2e8b6f4a1c3'
down_revision = 'c7a3f19e5d21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_status_change_created_at'), ['created_at'], unique=False
        )


def downgrade():
    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_change_created_at'))
