"""The Alembic scripts are the schema: they match the models and run both ways."""

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, create_engine, inspect
from sqlalchemy.exc import IntegrityError

from app.core import migrations
from app.models import metadata


def diff_against_models(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"render_as_batch": True})
    return list(compare_metadata(context, metadata))


def test_migrated_schema_matches_the_models(sqlite_template: Path) -> None:
    engine = create_engine(f"sqlite:///{sqlite_template}")
    with engine.connect() as connection:
        assert diff_against_models(connection) == []
    engine.dispose()


def test_downgrade_to_base_and_back(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'round-trip.db'}"
    migrations.upgrade(url)
    from alembic import command

    command.downgrade(migrations.alembic_config(url), "base")
    engine = create_engine(f"sqlite:///{tmp_path / 'round-trip.db'}")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrations.upgrade(url)
    assert {"users", "api_tokens", "conversations", "wardrobe_images"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_fresh_folder_is_created(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'new' / 'folder' / 'stylist.db'}"
    migrations.upgrade(url)
    assert (tmp_path / "new" / "folder" / "stylist.db").exists()


def test_sqlite_never_reuses_ids(sqlite_template: Path) -> None:
    """Every table's integer key is AUTOINCREMENT on SQLite: a deleted row's id is never handed out again."""
    engine = create_engine(f"sqlite:///{sqlite_template}")
    with engine.connect() as connection:
        schemas: dict[str, str] = dict(
            connection.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all()
        )
    engine.dispose()
    model_tables = {table.name for table in metadata.sorted_tables}
    assert model_tables <= schemas.keys()
    assert [name for name in sorted(model_tables) if "AUTOINCREMENT" not in schemas[name]] == []
    assert all(table.dialect_options["sqlite"]["autoincrement"] for table in metadata.sorted_tables)


def test_autoincrement_rebuild_keeps_rows_links_and_indexes(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    migrations.upgrade(url, "0004")
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO users (id, username, created_at) VALUES (1, 'ana', '2026-01-01'), (7, 'bo', '2026-01-01')"
        )
        connection.exec_driver_sql(
            "INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (7, 'hash', '2026-01-01')"
        )
    migrations.upgrade(url, "0005")
    with engine.begin() as connection:
        assert connection.exec_driver_sql("SELECT id, username FROM users ORDER BY id").all() == [(1, "ana"), (7, "bo")]
        assert connection.exec_driver_sql("SELECT user_id FROM api_tokens").all() == [(7,)]
        assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        connection.exec_driver_sql("DELETE FROM users WHERE id = 7")
        connection.exec_driver_sql("INSERT INTO users (username, created_at) VALUES ('cy', '2026-01-01')")
        assert connection.exec_driver_sql("SELECT id FROM users WHERE username = 'cy'").scalar() == 8
        with pytest.raises(IntegrityError):  # the case-insensitive unique index survived the rebuild
            connection.exec_driver_sql("INSERT INTO users (username, created_at) VALUES ('ANA', '2026-01-01')")
    engine.dispose()


def test_username_keys_are_backfilled_and_unique(tmp_path: Path) -> None:
    """Issue 11, item 12: names that were two users under lower() keep working; new look-alikes are refused."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'names.db'}"
    migrations.upgrade(url, "0005")
    engine = create_engine(f"sqlite:///{tmp_path / 'names.db'}")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO users (id, username, created_at) VALUES "
            "(1, 'ana', '2026-01-01'), (2, 'ａｎａ', '2026-01-01'), (3, 'Straße', '2026-01-01')"
        )
    migrations.upgrade(url)
    with engine.begin() as connection:
        keys = connection.exec_driver_sql("SELECT id, username_key FROM users ORDER BY id").all()
        assert keys == [(1, "ana"), (2, "ana#2"), (3, "strasse")]
        with pytest.raises(IntegrityError):
            connection.exec_driver_sql(
                "INSERT INTO users (username, username_key, created_at) VALUES ('STRASSE', 'strasse', '2026-01-01')"
            )
        schema = connection.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'users'").scalar()
        assert "AUTOINCREMENT" in str(schema)
    engine.dispose()
