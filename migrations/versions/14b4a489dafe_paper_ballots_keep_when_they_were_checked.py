"""paper ballots: when they were checked, kept apart from who checked them

A checked paper ballot counts; it must still count once the account that checked it
is deleted (checked_by_id is then cleared), so the check gets its own column, filled in
for the ballots already checked.

Revision ID: 14b4a489dafe
Revises: 777f3aa55c8d
Create Date: 2026-12-10 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

import participation.types


# revision identifiers, used by Alembic.
revision = '14b4a489dafe'
down_revision = '777f3aa55c8d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('ballot', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checked_at', participation.types.UTCDateTime(timezone=True), nullable=True))
    moment = participation.types.UTCDateTime(timezone=True)
    ballot = sa.table(
        'ballot',
        sa.column('id', sa.Integer),
        sa.column('checked_by_id', sa.Integer),
        sa.column('checked_at', moment),
        sa.column('updated_at', moment),
    )
    audit = sa.table(
        'audit_entry',
        sa.column('action', sa.String),
        sa.column('target_type', sa.String),
        sa.column('target_id', sa.Integer),
        sa.column('created_at', moment),
    )
    # The audit log has the moment of each check; the ballot's last change otherwise.
    checked = (
        sa.select(sa.func.max(audit.c.created_at))
        .where(
            audit.c.action == 'ballot.paper.check',
            audit.c.target_type == 'ballot',
            audit.c.target_id == ballot.c.id,
        )
        .scalar_subquery()
    )
    op.execute(
        ballot.update()
        .where(ballot.c.checked_by_id.is_not(None))
        .values(checked_at=sa.func.coalesce(checked, ballot.c.updated_at))
    )


def downgrade():
    with op.batch_alter_table('ballot', schema=None) as batch_op:
        batch_op.drop_column('checked_at')
