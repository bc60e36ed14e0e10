"""reopened status, staff of departments, notification choices

Revision ID: b98eb28c8d9e
Revises: d0dcdbb6e9b9
Create Date: 2026-12-08 00:41:33.509126

"""
from alembic import op
import sqlalchemy as sa

import participation.types


# revision identifiers, used by Alembic.
revision = 'b98eb28c8d9e'
down_revision = 'd0dcdbb6e9b9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('department_staff',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_department_staff_department_id_department'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_department_staff_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'department_id', name=op.f('pk_department_staff'))
    )
    with op.batch_alter_table('department_staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_department_staff_department_id'), ['department_id'], unique=False)
    op.create_table('notification_choice',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('choice', sa.String(length=16), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_notification_choice_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'kind', name=op.f('pk_notification_choice'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('emailed_at', participation.types.UTCDateTime(timezone=True), nullable=True))
    # A reporter's reopen was stored as "in_progress": it is "reopened" now, in the
    # history and, where nothing happened since, as the report's status.
    op.execute(
        "UPDATE report SET status = 'reopened' WHERE status = 'in_progress' AND "
        "(SELECT official FROM status_change c WHERE c.report_id = report.id "
        "ORDER BY c.id DESC LIMIT 1) = false"
    )
    op.execute(
        "UPDATE status_change SET to_status = 'reopened' "
        "WHERE official = false AND to_status = 'in_progress'"
    )


def downgrade():
    op.execute(
        "UPDATE status_change SET to_status = 'in_progress' "
        "WHERE official = false AND to_status = 'reopened'"
    )
    op.execute("UPDATE report SET status = 'in_progress' WHERE status = 'reopened'")
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_column('emailed_at')
        batch_op.drop_column('kind')
    op.drop_table('notification_choice')
    with op.batch_alter_table('department_staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_department_staff_department_id'))
    op.drop_table('department_staff')
