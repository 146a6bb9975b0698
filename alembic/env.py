"""Alembic environment: async engine, batch mode so SQLite can alter tables."""

import asyncio
from logging.config import fileConfig
from typing import Any, Literal

from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from alembic import context
from app.core.config import Settings
from app.core.db import UTCDateTime
from app.core.migrations import ensure_sqlite_folder
from app.models import metadata

config = context.config
if config.config_file_name and config.attributes.get("configure_logging", True):
    fileConfig(config.config_file_name)


def database_url() -> str:
    return config.get_main_option("sqlalchemy.url") or Settings().database_url


def render_item(kind: str, item: Any, autogen_context: Any) -> str | Literal[False]:
    """Write our UTC column type as the plain timezone-aware DateTime it is in the database."""
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, render_item=render_item)
    with context.begin_transaction():
        context.run_migrations()


async def run_async() -> None:
    url = database_url()
    ensure_sqlite_folder(url)
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(run_migrations)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=database_url(), target_metadata=metadata, render_as_batch=True, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(run_async())
