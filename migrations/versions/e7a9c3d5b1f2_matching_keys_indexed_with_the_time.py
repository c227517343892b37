"""matching keys indexed with the time, so new contacts read only the latest contacts and groups under a key

Revision ID: e7a9c3d5b1f2
Revises: c4e1f0a2b7d3
Create Date: 2026-12-01 18:30:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e7a9c3d5b1f2'
down_revision = 'c4e1f0a2b7d3'
branch_labels = None
depends_on = None

KEYS = ('phone_hash', 'place_key', 'thing')


def upgrade():
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        for key in KEYS:
            batch_op.drop_index(f'ix_contacts_{key}')
            batch_op.create_index(f'ix_contacts_{key}_received_at', [key, 'received_at'], unique=False)
    with op.batch_alter_table('problem_groups', schema=None) as batch_op:
        batch_op.drop_index('ix_problem_groups_place_key')
        batch_op.create_index('ix_problem_groups_place_key_last_at', ['place_key', 'last_at'], unique=False)


def downgrade():
    with op.batch_alter_table('problem_groups', schema=None) as batch_op:
        batch_op.drop_index('ix_problem_groups_place_key_last_at')
        batch_op.create_index('ix_problem_groups_place_key', ['place_key'], unique=False)
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        for key in KEYS:
            batch_op.drop_index(f'ix_contacts_{key}_received_at')
            batch_op.create_index(f'ix_contacts_{key}', [key], unique=False)
