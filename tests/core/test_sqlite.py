"""SQLite as the embedded default: WAL, readers beside a writer, one writer at a time, no busy-handler stalls."""

import asyncio
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.core.config import Settings
from app.core.db import create_engine, create_session_factory


@pytest.fixture
def sqlite_settings(tmp_path: Path, sqlite_template: Path) -> Settings:
    path = tmp_path / "stylist.db"
    path.write_bytes(sqlite_template.read_bytes())
    return Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{path}", auto_migrate=False)


async def test_connections_use_wal_normal_and_foreign_keys(sqlite_settings: Settings) -> None:
    engine = create_engine(sqlite_settings)
    async with engine.connect() as connection:
        assert (await connection.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await connection.execute(text("PRAGMA synchronous"))).scalar() == 1  # NORMAL
        assert (await connection.execute(text("PRAGMA foreign_keys"))).scalar() == 1
    await engine.dispose()
    full = create_engine(sqlite_settings.model_copy(update={"sqlite_synchronous": "FULL"}))
    async with full.connect() as connection:
        assert (await connection.execute(text("PRAGMA synchronous"))).scalar() == 2
    await full.dispose()


async def test_a_reader_is_not_held_up_by_an_open_write_and_a_second_writer_waits(sqlite_settings: Settings) -> None:
    engine = create_engine(sqlite_settings)
    factory = create_session_factory(engine)
    insert = text("INSERT INTO users (username, username_key, created_at) VALUES (:name, :name, '2026-01-01 00:00:00')")
    async with factory() as writer:
        await writer.execute(insert, {"name": "first"})  # the write lock is held until commit
        async with factory() as reader:
            count = await asyncio.wait_for(reader.scalar(text("SELECT count(*) FROM users")), timeout=1)
            assert count == 0  # WAL: the reader sees the last commit, at once

        async def second_write() -> None:
            async with factory() as other, other.begin():
                await other.execute(insert, {"name": "second"})

        waiting = asyncio.create_task(second_write())
        await asyncio.sleep(0.2)
        assert not waiting.done()  # queued behind the open write, not failed with "database is locked"
        await writer.commit()
        await asyncio.wait_for(waiting, timeout=2)
    async with factory() as reader:
        assert await reader.scalar(text("SELECT count(*) FROM users")) == 2
    await engine.dispose()


async def test_a_failed_write_releases_the_writer_for_the_next_one(sqlite_settings: Settings) -> None:
    engine = create_engine(sqlite_settings.model_copy(update={"sqlite_busy_timeout_s": 1}))
    factory = create_session_factory(engine)
    insert = text("INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (999, 'x', '2026-01-01')")
    async with factory() as session:
        with pytest.raises(IntegrityError):  # no user 999: the foreign key refuses it
            await session.execute(insert)
        await session.rollback()
    async with factory() as session, session.begin():  # would time out if the lock had leaked
        await session.execute(
            text("INSERT INTO users (username, username_key, created_at) VALUES ('ok', 'ok', '2026-01-01')")
        )
    await engine.dispose()


async def test_a_writer_waiting_longer_than_the_busy_timeout_gets_database_is_locked(sqlite_settings: Settings) -> None:
    engine = create_engine(sqlite_settings.model_copy(update={"sqlite_busy_timeout_s": 0.3}))
    factory = create_session_factory(engine)
    insert = text("INSERT INTO users (username, username_key, created_at) VALUES (:name, :name, '2026-01-01')")
    async with factory() as holder:
        await holder.execute(insert, {"name": "holder"})
        async with factory() as late:
            with pytest.raises(Exception, match="database is locked"):
                await late.execute(insert, {"name": "late"})
        await holder.rollback()
    await engine.dispose()


async def test_sign_ups_at_concurrency_64_all_succeed(client: httpx.AsyncClient) -> None:
    async def sign_up(n: int) -> int:
        response = await client.post("/api/users/", json={"username": f"crowd-{n}"})
        return response.status_code

    statuses = await asyncio.gather(*(sign_up(n) for n in range(64)))
    assert statuses == [200] * 64


async def test_commits_run_on_the_loop_and_the_wal_is_checkpointed_every_so_often(sqlite_settings: Settings) -> None:
    """With NORMAL a commit does not fsync, so it runs inline; checkpoints (which do) still happen, off the loop."""
    from app.core.sqlite import CHECKPOINT_EVERY

    database = Path(sqlite_settings.database_url.removeprefix("sqlite+aiosqlite:///"))
    engine = create_engine(sqlite_settings)
    factory = create_session_factory(engine)
    async with engine.connect() as connection:
        assert (await connection.execute(text("PRAGMA wal_autocheckpoint"))).scalar() == 0  # ours, not SQLite's
    size_before = database.stat().st_size
    insert = text("INSERT INTO users (username, username_key, created_at) VALUES (:name, :name, '2026-01-01')")
    for n in range(CHECKPOINT_EVERY + 1):
        async with factory() as session, session.begin():
            await session.execute(insert, {"name": f"user-{n}-" + "x" * 200})
    assert database.stat().st_size > size_before  # pages reached the database file: a checkpoint ran
    async with factory() as session:
        assert await session.scalar(text("SELECT count(*) FROM users")) == CHECKPOINT_EVERY + 1
    await engine.dispose()
