"""outfit feedback and wear log

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 16:35:31.113220
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outfit_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("item_ids", sa.JSON(), nullable=False),
        sa.Column("signal", sa.String(length=16), nullable=False),
        sa.Column("occasion", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_outfit_feedback_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outfit_feedback")),
    )
    with op.batch_alter_table("outfit_feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outfit_feedback_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outfit_feedback_user_id"), ["user_id"], unique=False)

    op.create_table(
        "wear_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("worn_on", sa.Date(), nullable=False),
        sa.Column("feedback_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["feedback_id"],
            ["outfit_feedback.id"],
            name=op.f("fk_wear_log_feedback_id_outfit_feedback"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["wardrobe_images.id"], name=op.f("fk_wear_log_item_id_wardrobe_images"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_wear_log_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wear_log")),
    )
    with op.batch_alter_table("wear_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wear_log_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_wear_log_item_id"), ["item_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_wear_log_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("wear_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wear_log_user_id"))
        batch_op.drop_index(batch_op.f("ix_wear_log_item_id"))
        batch_op.drop_index(batch_op.f("ix_wear_log_created_at"))

    op.drop_table("wear_log")
    with op.batch_alter_table("outfit_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outfit_feedback_user_id"))
        batch_op.drop_index(batch_op.f("ix_outfit_feedback_created_at"))

    op.drop_table("outfit_feedback")
