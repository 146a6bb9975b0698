"""SQLite as a serious embedded database for an async web server.

aiosqlite runs every call (cursor, execute, fetch, commit) on the connection's own thread: three thread hops
per query, each a GIL hand-over that cost more than the query itself (about 2 ms of a 4 ms request). Here:
- reads run inline on the event loop: in WAL mode a reader never waits for a writer, and reading a few
  indexed rows takes microseconds;
- writes (and COMMIT, which may checkpoint and fsync) still run on the connection's thread, and one process
  lets one transaction write at a time (an asyncio lock, first come first served), so concurrent sign-ups
  queue instead of polling SQLite's busy handler (which sleeps up to 100 ms per try);
- WAL with synchronous=NORMAL by default: a commit survives a crash of the process (not a power cut,
  STYLIST_SQLITE_SYNCHRONOUS=FULL for that); busy_timeout still guards against other processes.
"""

import asyncio
import sqlite3
from collections.abc import Callable
from typing import Any

import aiosqlite

_READ_ONLY_SQL = ("SELECT", "WITH")  # statements that never take SQLite's write lock (no CTE here writes)


def _writes(function: Callable[..., Any], args: tuple[Any, ...], in_transaction: bool) -> bool:
    """Whether this call may write or wait for SQLite's write lock (then it goes to the connection's thread)."""
    name = getattr(function, "__name__", "")
    if name in ("execute", "executemany") and args:
        return not str(args[0]).lstrip()[:6].upper().startswith(_READ_ONLY_SQL)
    if name == "commit":
        return in_transaction  # committing a read-only session is a no-op: no hop for it
    return name == "executescript"


class SqliteConnection(aiosqlite.Connection):
    """aiosqlite with inline reads and one writing transaction at a time per process."""

    def __init__(self, connector: Callable[[], sqlite3.Connection], writer: asyncio.Lock, wait_s: float) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._writer = writer
        self._wait_s = wait_s
        self._holds_writer = False

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        if not _writes(fn, args, self._connection.in_transaction):
            try:
                return fn(*args, **kwargs)
            finally:
                if getattr(fn, "__name__", "") in ("rollback", "close"):
                    self._release_if_idle()
        await self._acquire_writer()
        try:
            return await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]
        finally:
            self._release_if_idle()

    async def _acquire_writer(self) -> None:
        if self._holds_writer:
            return
        try:
            await asyncio.wait_for(self._writer.acquire(), timeout=self._wait_s)
        except TimeoutError:
            raise sqlite3.OperationalError("database is locked") from None
        self._holds_writer = True

    def _release_if_idle(self) -> None:
        connection = self._connection
        if self._holds_writer and (connection is None or not connection.in_transaction):
            self._holds_writer = False
            self._writer.release()

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            self._release_if_idle()


def connector(path: str, *, busy_timeout_s: float, synchronous: str) -> Callable[[], sqlite3.Connection]:
    def connect() -> sqlite3.Connection:
        # check_same_thread=False: reads run on the event loop's thread, writes on the connection's own;
        # never both at once, because SQLAlchemy awaits each call before the next.
        connection = sqlite3.connect(path, timeout=busy_timeout_s, check_same_thread=False)
        connection.execute("PRAGMA foreign_keys=ON")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(f"PRAGMA synchronous={synchronous}")
        return connection

    return connect


def async_creator(path: str, *, busy_timeout_s: float, synchronous: str) -> Callable[[], Any]:
    """What `create_async_engine(async_creator=...)` calls for each new pooled connection."""
    writer = asyncio.Lock()  # one per engine, i.e. per process
    connect = connector(path, busy_timeout_s=busy_timeout_s, synchronous=synchronous)

    async def create() -> SqliteConnection:
        connection = SqliteConnection(connect, writer, wait_s=busy_timeout_s)
        connection._thread.daemon = True  # as SQLAlchemy does for aiosqlite: never block interpreter exit
        await connection  # starts its thread and opens the database there
        return connection

    return create
