"""conversation intent and referenced items

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.alter_column("backend", existing_type=sa.String(length=32), type_=sa.String(length=64))
        batch_op.add_column(sa.Column("intent", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("referenced_item_ids", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_column("referenced_item_ids")
        batch_op.drop_column("intent")
        batch_op.alter_column("backend", existing_type=sa.String(length=64), type_=sa.String(length=32))
