"""Database plumbing: declarative base, async engine factory, and the per-request session."""

import contextlib
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import ColumnElement, DateTime, Executable, MetaData, Select, bindparam, make_url, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from app.core import sqlite
from app.core.config import Settings
from app.core.responses import loads

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Integer primary keys fit in 32 bits on every backend; a larger id cannot exist, so it is "not found".
MAX_ID = 2**31 - 1


def storable_id(value: int) -> bool:
    return 1 <= value <= MAX_ID


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware timestamps on every backend (SQLite drops the offset; we put UTC back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


# SQLite otherwise hands a deleted row's id to the next row, and a client holding the old id reads another item.
# A model that sets its own __table_args__ must repeat this (tests/test_migrations.py checks every table).
SQLITE_NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    __table_args__: Any = SQLITE_NEVER_REUSE_IDS


class CreatedAtMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


SQLITE_POOL_SIZE = 64


def create_engine(settings: Settings) -> AsyncEngine:
    # hide_parameters: errors and tracebacks name the statement, never the values (questions, preferences).
    if settings.is_sqlite:
        # Inline reads, one writer at a time, WAL: see app/core/sqlite.py.
        creator = sqlite.async_creator(
            make_url(settings.database_url).database or ":memory:",
            busy_timeout_s=settings.sqlite_busy_timeout_s,
            synchronous=settings.sqlite_synchronous,
        )
        # Connections are cheap (a file handle and an idle thread); enough that requests queue for the writer
        # lock, where they are served in order, rather than for the pool. All of them are kept: SQLAlchemy
        # returns a connection from a task of its own (a shielded close), so at 64 concurrent requests about
        # 64 are checked out at once, and overflow connections beyond the pool were opened and closed (a
        # thread and a file each) for nearly every request, doubling its cost.
        return create_async_engine(
            settings.database_url,
            async_creator=creator,
            hide_parameters=True,
            pool_size=SQLITE_POOL_SIZE,
            max_overflow=SQLITE_POOL_SIZE,
            json_deserializer=loads,
        )
    return create_async_engine(
        settings.database_url,
        hide_parameters=True,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        # No ping before every checkout (BEGIN, the ping and ROLLBACK: three of a list read's six statements): a
        # connection found dead invalidates every older one in the pool, a read is retried once on a fresh
        # one (`read_rows`), and a write in flight answers 503 with Retry-After (docs/deploy.md).
        pool_pre_ping=False,
        pool_timeout=settings.db_connect_timeout_s,
        connect_args={"timeout": settings.db_connect_timeout_s},
        json_deserializer=loads,
    )


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request: committed when the route returns, rolled back when it raises."""
    factory: async_sessionmaker[AsyncSession] = request.app.state.session_factory
    async with factory() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


# scope="function": commit before the response is sent, so a failed commit is an error, not a lie.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


async def get_engine(request: Request) -> AsyncEngine:
    engine: AsyncEngine = request.app.state.db_engine
    return engine


# For reads that need no ORM session (a list): `read_rows` runs one prepared statement.
EngineDep = Annotated[AsyncEngine, Depends(get_engine)]


def user_page(model: Any, *columns: Any) -> Select[Any]:
    """A user's rows of `model`, newest first, built once: `user_id`, `limit` and `offset` are bound per call
    (a prebuilt statement skips SQLAlchemy's per-call construction and cache-key work)."""
    return (
        select(*columns)
        .where(model.user_id == bindparam("user_id"))
        .order_by(model.created_at.desc(), model.id.desc())
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


async def read_rows(engine: AsyncEngine, statement: Executable, **params: Any) -> Sequence[Any]:
    """All rows of one read on a plain connection: no ORM session, nothing to commit.

    A pooled connection the database has dropped (a restart, a failover) fails on first use and takes every
    older pooled connection with it; the read, which changes nothing, is then retried once on a new one.
    """
    try:
        return await _read_once(engine, statement, params)
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
        return await _read_once(engine, statement, params)


async def _read_once(engine: AsyncEngine, statement: Executable, params: dict[str, Any]) -> Sequence[Any]:
    # Closed directly, not by `async with` (which closes from a task of its own): the connection is back in the
    # pool before anything else runs, so a request holds it only for its query; with `async with`, 64 requests
    # in flight held one each, and on SQLite the query cost twice as much.
    connection = await engine.connect()
    try:
        if engine.dialect.name != "sqlite":
            # One statement is its own snapshot: BEGIN and ROLLBACK around it were two of its three round trips.
            await connection.execution_options(isolation_level="AUTOCOMMIT")
        rows: Sequence[Any] = (await connection.execute(statement, params)).all()
    finally:
        await connection.close()
    return rows


@contextlib.asynccontextmanager
async def write_transaction(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A plain connection in one transaction, for a route's few Core statements (a sign-up's two INSERTs):
    committed when the block ends, rolled back when it raises. No ORM session: its execution and commit
    machinery cost a sign-up more CPU than the statements (docs/benchmarks.md, "Session 6")."""
    connection = await engine.connect()
    try:
        async with connection.begin():
            yield connection
    finally:
        await connection.close()  # closed here, not from a task of its own (see read_rows)


async def release_connection(session: AsyncSession) -> None:
    """End a session's read-only transaction so its connection goes back to the pool before slow work (an
    image analysis, the outfit engine, a remote model): the session stays usable and begins again when next
    used. Connections idling in a transaction while requests queued for the CPU starved the pool under load."""
    await session.commit()


async def lock_rows(session: AsyncSession, model: type[Base], *criteria: ColumnElement[bool]) -> int:
    """Write-lock the matching rows until the transaction ends, on both backends; returns how many matched.

    A no-op UPDATE, because SQLite silently ignores `SELECT ... FOR UPDATE`: the UPDATE takes PostgreSQL's row
    lock and SQLite's database write lock alike, so a read-modify-write after it cannot interleave with another.
    """
    key = model.__mapper__.primary_key[0]
    claimed = await session.execute(
        update(model).where(*criteria).values({key.name: key}).execution_options(synchronize_session=False)
    )
    return int(getattr(claimed, "rowcount", 0))
