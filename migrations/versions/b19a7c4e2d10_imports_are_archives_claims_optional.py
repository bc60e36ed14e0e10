"""imports are archives until attached; a claimed rung is optional

Revision ID: b19a7c4e2d10
Revises: a19d7e3c5b21
Create Date: 2026-12-07 17:10:00.000000

"""
from alembic import op
import sqlalchemy as sa

import participation.types


# revision identifiers, used by Alembic.
revision = 'b19a7c4e2d10'
down_revision = 'a19d7e3c5b21'
branch_labels = None
depends_on = None

# Processes imported before this revision: recorded by the audit log, claimed 7 by
# the importer (no planner made that claim).
IMPORTED = (
    "SELECT target_id FROM audit_entry WHERE action = 'budget.import' "
    "AND target_type = 'engagement'"
)


def upgrade():
    with op.batch_alter_table('engagement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claim_words', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('imported_from', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('attached_at', participation.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.alter_column('claimed_rung', existing_type=sa.Integer(), nullable=True)
    op.execute(
        "UPDATE engagement SET imported_from = 'Pabulib', claimed_rung = NULL "
        f"WHERE id IN ({IMPORTED})"
    )


def downgrade():
    op.execute("UPDATE engagement SET claimed_rung = 7 WHERE claimed_rung IS NULL "
               "AND imported_from IS NOT NULL")
    op.execute("UPDATE engagement SET claimed_rung = 1 WHERE claimed_rung IS NULL")
    with op.batch_alter_table('engagement', schema=None) as batch_op:
        batch_op.alter_column('claimed_rung', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('attached_at')
        batch_op.drop_column('imported_from')
        batch_op.drop_column('claim_words')
