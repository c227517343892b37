"""proposals from problem groups and job locks

Revision ID: 52ced11467cb
Revises: 728af8217e4c
Create Date: 2026-11-28 16:12:57.826275

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '52ced11467cb'
down_revision = '728af8217e4c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('job_locks',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('taken_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_job_locks'))
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('problem_group_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_cases_problem_group_id'), ['problem_group_id'])
        batch_op.create_foreign_key(batch_op.f('fk_cases_problem_group_id_problem_groups'), 'problem_groups', ['problem_group_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cases_problem_group_id_problem_groups'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_cases_problem_group_id'), type_='unique')
        batch_op.drop_column('problem_group_id')

    op.drop_table('job_locks')
