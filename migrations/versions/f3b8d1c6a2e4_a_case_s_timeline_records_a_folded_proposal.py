"""a case's timeline records a proposal of the same problem folded into it

Revision ID: f3b8d1c6a2e4
Revises: e7a9c3d5b1f2
Create Date: 2026-12-07 19:00:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f3b8d1c6a2e4'
down_revision = 'e7a9c3d5b1f2'
branch_labels = None
depends_on = None

STEPS = ('accept', 'reject', 'coordinate', 'assign', 'report_back', 'close', 'rework', 'follow_up', 'archive',
         'escalate', 'instruct', 'ask_extension', 'grant_extension', 'refuse_extension')


def _action(*values):
    return sa.Enum(*values, name='caseaction', native_enum=False, create_constraint=True, length=20)


def upgrade():
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.alter_column('action', existing_type=_action(*STEPS), type_=_action(*STEPS, 'fold'),
                              existing_nullable=False)


def downgrade():
    op.execute("DELETE FROM case_events WHERE action = 'fold'")
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.alter_column('action', existing_type=_action(*STEPS, 'fold'), type_=_action(*STEPS),
                              existing_nullable=False)
