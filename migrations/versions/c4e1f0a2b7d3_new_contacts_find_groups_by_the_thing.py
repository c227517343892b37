"""new contacts find the groups that name the same thing without reading every contact

Revision ID: c4e1f0a2b7d3
Revises: b9db09384a0a
Create Date: 2026-12-01 15:10:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c4e1f0a2b7d3'
down_revision = 'b9db09384a0a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index('ix_contacts_thing', ['thing'], unique=False)


def downgrade():
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index('ix_contacts_thing')
