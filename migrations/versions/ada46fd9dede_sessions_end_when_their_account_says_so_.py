"""sessions end when their account says so, and the office can make a user change the password

Revision ID: ada46fd9dede
Revises: a9d4e2f7c1b3
Create Date: 2026-12-07 21:21:39.048410

"""
import secrets

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'ada46fd9dede'
down_revision = 'a9d4e2f7c1b3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))
    # Each existing account gets a token of its own; the sessions opened before this end.
    users = sa.table('users', sa.column('id', sa.Integer()), sa.column('session_token', sa.String()))
    connection = op.get_bind()
    tokens = [{'user_id': user_id, 'token': secrets.token_urlsafe(32)}
              for user_id in connection.scalars(sa.select(users.c.id))]
    if tokens:
        connection.execute(users.update().where(users.c.id == sa.bindparam('user_id'))
                           .values(session_token=sa.bindparam('token')), tokens)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('session_token', existing_type=sa.String(length=64), nullable=False)


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
        batch_op.drop_column('session_token')
