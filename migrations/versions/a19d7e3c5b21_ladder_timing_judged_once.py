"""ladder: the timing judged once, stored beside the assessment

Revision ID: a19d7e3c5b21
Revises: ec0be32d2a3e
Create Date: 2026-12-07 17:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a19d7e3c5b21'
down_revision = 'ec0be32d2a3e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('ladder_assessment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decided_before_opening', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('closed_before_decision', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('lead_days', sa.Double(), nullable=True))

    # Stored assessments recompute on their next read, judging dates as LADDER.md
    # says now (a day without a time is the whole city day) and filling the columns.
    op.execute(sa.text('UPDATE ladder_assessment SET stale = true'))


def downgrade():
    with op.batch_alter_table('ladder_assessment', schema=None) as batch_op:
        batch_op.drop_column('lead_days')
        batch_op.drop_column('closed_before_decision')
        batch_op.drop_column('decided_before_opening')
