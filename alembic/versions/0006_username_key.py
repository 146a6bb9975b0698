"""Usernames unique by their NFKC + casefold key (`ａｎａ`, `ANA` and `ana` are one name)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

The old unique index on lower(username) let Unicode compatibility forms through. Existing rows get their key
here; when two earlier users already share one, the later keeps working with `<key>#<id>` as its key ('#' is
never part of a username, so no new name can collide with it).
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEVER_REUSE_IDS = {"sqlite_autoincrement": True}  # batch mode rebuilds the SQLite table: keep AUTOINCREMENT


def _key(username: str) -> str:
    # The same rule as app.users.models.username_key, frozen here as it was when this migration was written.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).casefold())


def upgrade() -> None:
    op.add_column("users", sa.Column("username_key", sa.String(255), nullable=True))
    bind = op.get_bind()
    taken: set[str] = set()
    for user_id, username in bind.execute(sa.text("SELECT id, username FROM users ORDER BY id")).all():
        key = _key(username)
        key = key if key not in taken else f"{key}#{user_id}"
        taken.add(key)
        bind.execute(sa.text("UPDATE users SET username_key = :key WHERE id = :id"), {"key": key, "id": user_id})
    op.drop_index("uq_users_username_lower", table_name="users")
    with op.batch_alter_table("users", table_kwargs=NEVER_REUSE_IDS) as batch:
        batch.alter_column("username_key", existing_type=sa.String(255), nullable=False)
    op.create_index("uq_users_username_key", "users", ["username_key"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_users_username_key", table_name="users")
    with op.batch_alter_table("users", table_kwargs=NEVER_REUSE_IDS) as batch:
        batch.drop_column("username_key")
    op.create_index("uq_users_username_lower", "users", [sa.text("lower(username)")], unique=True)
