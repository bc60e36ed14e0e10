"""a theme of "what we heard, what we did" names the decision it led to

Revision ID: b7d41c2e9a10
Revises: b19a7c4e2d10
Create Date: 2026-12-07 17:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7d41c2e9a10'
down_revision = 'b19a7c4e2d10'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consultation_theme', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decision_id', sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f('ix_consultation_theme_decision_id'), ['decision_id'], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_consultation_theme_decision_id_decision'),
            'decision',
            ['decision_id'],
            ['id'],
            ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('consultation_theme', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_consultation_theme_decision_id_decision'), type_='foreignkey'
        )
        batch_op.drop_index(batch_op.f('ix_consultation_theme_decision_id'))
        batch_op.drop_column('decision_id')
