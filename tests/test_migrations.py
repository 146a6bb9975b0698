"""The Alembic scripts are the schema: they match the models and run both ways."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, create_engine, inspect

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
