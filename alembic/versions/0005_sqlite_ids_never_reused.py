"""SQLite: AUTOINCREMENT on every table, so a deleted row's id is never handed out again

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

SQLite cannot add AUTOINCREMENT to an existing table, so each table is rebuilt (batch mode copies the rows,
keeping their ids; sqlite_sequence then starts after the largest). PostgreSQL sequences never reuse a
number already: nothing to do there.
"""

import warnings
from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Parents before children, as the rows were created.
TABLES = ("users", "api_tokens", "conversations", "wardrobe_images", "outfit_feedback", "wear_log")


def _index_definitions(bind: sa.Connection) -> dict[str, str]:
    rows = bind.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    return {name: sql for name, sql in rows}


def _rebuild_sqlite_tables(*, autoincrement: bool) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    # With foreign keys on, dropping the old `users` would cascade-delete every child row.
    if bind.exec_driver_sql("PRAGMA foreign_keys").scalar():
        raise RuntimeError("run this migration with PRAGMA foreign_keys=OFF (Alembic's own connection is)")
    indexes = _index_definitions(bind)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index")
        for table in TABLES:
            with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}):
                pass
    # Reflection skips expression indexes (lower(username)), so the rebuild dropped them: put them back as they were.
    rebuilt = set(_index_definitions(bind))
    for name, sql in indexes.items():
        if name not in rebuilt:
            bind.exec_driver_sql(sql)
    broken = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")


def upgrade() -> None:
    _rebuild_sqlite_tables(autoincrement=True)


def downgrade() -> None:
    _rebuild_sqlite_tables(autoincrement=False)
