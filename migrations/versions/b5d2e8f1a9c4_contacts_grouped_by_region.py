"""contacts carry the region whose part of the nightly regroup takes them

A contact whose problem names no county is regrouped with the county its place, things and caller
and address point to (grouping.assign_regions), not cut off in a part of its own.  The address's
county is read by `recalc --rekey`.

Revision ID: b5d2e8f1a9c4
Revises: ada46fd9dede
Create Date: 2026-12-08 01:00:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b5d2e8f1a9c4'
down_revision = 'ada46fd9dede'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address_county', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('region', sa.String(length=20), nullable=True))
        batch_op.drop_index('ix_contacts_county')
    op.execute('UPDATE contacts SET region = county')
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.create_index('ix_contacts_region', ['region'], unique=False)


def downgrade():
    with op.batch_alter_table('contacts', schema=None) as batch_op:
        batch_op.drop_index('ix_contacts_region')
        batch_op.create_index('ix_contacts_county', ['county'], unique=False)
        batch_op.drop_column('region')
        batch_op.drop_column('address_county')
