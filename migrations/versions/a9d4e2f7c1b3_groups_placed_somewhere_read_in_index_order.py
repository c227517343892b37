"""the groups placed somewhere are read in the index's own order, the latest few first

Revision ID: a9d4e2f7c1b3
Revises: f3b8d1c6a2e4
Create Date: 2026-12-07 19:35:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'a9d4e2f7c1b3'
down_revision = 'f3b8d1c6a2e4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('problem_groups', schema=None) as batch_op:
        batch_op.drop_index('ix_problem_groups_place_key_last_at')
        batch_op.create_index('ix_problem_groups_place_key_last_at_id', ['place_key', 'last_at', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('problem_groups', schema=None) as batch_op:
        batch_op.drop_index('ix_problem_groups_place_key_last_at_id')
        batch_op.create_index('ix_problem_groups_place_key_last_at', ['place_key', 'last_at'], unique=False)
