"""Reads on PostgreSQL: autocommit, no ping per checkout, and a dropped pooled connection costs no failed read."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import bindparam, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from app.core.config import Settings
from app.core.db import create_engine, read_rows
from app.users.models import User

pytestmark = pytest.mark.postgres

ONE_USER = select(User.id).where(User.id == bindparam("user_id"))


@pytest.fixture
async def engine(postgres_url: str) -> AsyncIterator[AsyncEngine]:
    created = create_engine(Settings(_env_file=None, database_url=postgres_url, auto_migrate=False))
    yield created
    await created.dispose()


async def backend_pid(engine: AsyncEngine) -> int:
    """The server process of the one connection the pool holds (every read here reuses it)."""
    rows = await read_rows(engine, select(text("pg_backend_pid()")))
    return int(rows[0][0])


async def terminate(postgres_url: str, pid: int) -> None:
    admin = create_engine(Settings(_env_file=None, database_url=postgres_url, auto_migrate=False))
    async with admin.connect() as connection:
        await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    await admin.dispose()


async def test_a_read_after_the_server_dropped_its_connection_is_retried_on_a_new_one(
    engine: AsyncEngine, postgres_url: str
) -> None:
    dropped = await backend_pid(engine)
    await terminate(postgres_url, dropped)

    assert await read_rows(engine, ONE_USER, user_id=1) == []
    assert await backend_pid(engine) != dropped


async def test_a_read_that_fails_for_another_reason_is_not_retried(engine: AsyncEngine) -> None:
    with pytest.raises(DBAPIError) as raised:
        await read_rows(engine, select(text("1 / 0")))
    assert not raised.value.connection_invalidated


async def test_a_read_sends_the_server_nothing_but_its_statement(engine: AsyncEngine) -> None:
    # Each of these was a round trip per list request: a ping, and BEGIN / ROLLBACK around the ping and the read.
    sent: list[str] = []
    async with engine.connect() as connection:
        driver = (await connection.get_raw_connection()).driver_connection
        assert driver is not None
        driver.add_query_logger(lambda record: sent.append(record.query))  # the pool's only connection so far
    sent.clear()

    assert await read_rows(engine, ONE_USER, user_id=1) == []
    assert await read_rows(engine, ONE_USER, user_id=1) == []

    assert sent == []  # the prepared read itself is not logged: only statements sent as text are
