"""email that leaves: outbox retries and claims, bounces, confirmed addresses, spent links

Revision ID: d0dcdbb6e9b9
Revises: b7d41c2e9a10
Create Date: 2026-12-07 23:54:58.987592

"""
from alembic import op
import sqlalchemy as sa

import participation.types


# revision identifiers, used by Alembic.
revision = 'd0dcdbb6e9b9'
down_revision = 'b7d41c2e9a10'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('bounced_address',
    sa.Column('address', sa.String(length=254), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('bounced_at', participation.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('address', name=op.f('pk_bounced_address'))
    )
    op.create_table('spent_token',
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('spent_at', participation.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', participation.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('digest', name=op.f('pk_spent_token'))
    )
    with op.batch_alter_table('spent_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spent_token_expires_at'), ['expires_at'], unique=False)

    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('html', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('locale', sa.String(length=16), nullable=False, server_default='en'))
        batch_op.add_column(sa.Column('kind', sa.String(length=40), nullable=False, server_default='notice'))
        batch_op.add_column(sa.Column('message_id', sa.String(length=250), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('next_attempt_at', participation.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claimed_until', participation.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('last_error', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('failed_at', participation.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_outbox_message_due', ['sent_at', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_message_failed_at'), ['failed_at'], unique=False)

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_confirmed_at', participation.types.UTCDateTime(timezone=True), nullable=True))
    # The accounts made before addresses were confirmed keep working as they did: they
    # count as confirmed since they were made (new ones confirm by the emailed link).
    op.execute('UPDATE "user" SET email_confirmed_at = created_at')



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('email_confirmed_at')

    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_message_failed_at'))
        batch_op.drop_index('ix_outbox_message_due')
        batch_op.drop_column('failed_at')
        batch_op.drop_column('last_error')
        batch_op.drop_column('claimed_until')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('attempts')
        batch_op.drop_column('message_id')
        batch_op.drop_column('kind')
        batch_op.drop_column('locale')
        batch_op.drop_column('html')

    with op.batch_alter_table('spent_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_spent_token_expires_at'))

    op.drop_table('spent_token')
    op.drop_table('bounced_address')
