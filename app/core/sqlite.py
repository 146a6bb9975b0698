"""SQLite as a serious embedded database for an async web server.

aiosqlite runs every call (cursor, execute, fetch, commit) on the connection's own thread: three thread hops
per query, each a GIL hand-over that cost more than the query itself (about 2 ms of a 4 ms request). Here:
- statements run inline on the event loop: in WAL mode a reader never waits for a writer, and one process
  lets one transaction write at a time (an asyncio lock, first come first served), so a write never waits
  for another of ours and concurrent sign-ups queue instead of polling SQLite's busy handler (which sleeps
  up to 100 ms per try). SQLite's busy timeout is 20 ms on the loop; only when another process (a CLI
  import, a second worker) holds a lock longer does the statement move to the connection's thread and wait;
- WAL with synchronous=NORMAL by default: a commit survives a crash of the process (not a power cut,
  STYLIST_SQLITE_SYNCHRONOUS=FULL for that); busy_timeout still guards against other processes;
- with NORMAL a commit only appends to the WAL (no fsync), so it runs inline too, and a whole write
  transaction (a sign-up) runs without giving up the loop: no other request waits for our writer lock.
  Only checkpoints fsync, so the automatic one is off and every CHECKPOINT_EVERY commits one runs on the
  committing connection's thread (PASSIVE: it never blocks readers or writers), after the lock is released;
- with FULL every commit fsyncs the WAL, so COMMIT (and SQLite's automatic checkpoint) runs on the thread.
"""

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Callable
from typing import Any

import aiosqlite

logger = logging.getLogger(__name__)

INLINE_BUSY_S = 0.02
CHECKPOINT_EVERY = 200  # commits between checkpoints (SQLite's own default is about every 1000 WAL pages)
_READ_ONLY_SQL = ("SELECT", "WITH")  # statements that never take SQLite's write lock (no CTE here writes)


def _writes(function: Callable[..., Any], args: tuple[Any, ...], in_transaction: bool) -> bool:
    """Whether this call may write or wait for SQLite's write lock (then it goes to the connection's thread)."""
    name = getattr(function, "__name__", "")
    if name in ("execute", "executemany") and args:
        return not str(args[0]).lstrip()[:6].upper().startswith(_READ_ONLY_SQL)
    if name == "commit":
        return in_transaction  # committing a read-only session is a no-op: no hop for it
    return name == "executescript"


def _waiting(connection: sqlite3.Connection, timeout_ms: int, fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn` with SQLite's full busy timeout (the connection keeps a short one, so inline calls barely sleep)."""

    def call(*args: Any, **kwargs: Any) -> Any:
        connection.execute(f"PRAGMA busy_timeout={timeout_ms}")
        try:
            return fn(*args, **kwargs)
        finally:
            connection.execute(f"PRAGMA busy_timeout={round(INLINE_BUSY_S * 1000)}")

    return call


def _run_checkpoint(connection: sqlite3.Connection) -> None:
    # Read to the end: a statement left open would make the next COMMIT fail ("SQL statements in progress").
    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()


class Checkpoints:
    """Commits since the last checkpoint, shared by the connections of one engine."""

    def __init__(self) -> None:
        self.commits = 0
        self.running = False

    def due(self) -> bool:
        self.commits += 1
        if self.running or self.commits < CHECKPOINT_EVERY:
            return False
        self.commits, self.running = 0, True
        return True


class SqliteConnection(aiosqlite.Connection):
    """aiosqlite with inline reads and one writing transaction at a time per process."""

    def __init__(
        self,
        connector: Callable[[], sqlite3.Connection],
        writer: asyncio.Lock,
        wait_s: float,
        checkpoints: Checkpoints | None = None,
    ) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._writer = writer
        self._wait_s = wait_s
        self._holds_writer = False
        self._checkpoints = checkpoints  # None: commits fsync and run on the thread (synchronous=FULL)

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        name = getattr(fn, "__name__", "")
        if not _writes(fn, args, self._connection.in_transaction):
            try:
                return await self._inline_or_wait(fn, args, kwargs)
            finally:
                if name in ("rollback", "close"):
                    self._release_if_idle()
        await self._acquire_writer()
        try:
            if name == "commit" and self._checkpoints is None:  # synchronous=FULL: an fsync, off the loop
                return await self._on_thread(fn, args, kwargs)
            # Holding this process's writer lock, a statement waits only if another process writes.
            return await self._inline_or_wait(fn, args, kwargs)
        finally:
            self._release_if_idle()
            if name == "commit" and self._checkpoints is not None and self._checkpoints.due():
                await self._checkpoint(self._checkpoints)

    async def _checkpoint(self, checkpoints: Checkpoints) -> None:
        """Copy the WAL into the database file (fsyncs both) on this connection's thread, never on the loop."""
        try:
            await self._on_thread(_run_checkpoint, (self._conn,), {})
        except sqlite3.Error as exc:  # the commit before it stands; the next checkpoint catches up
            logger.warning("WAL checkpoint failed: %s", exc)
        finally:
            checkpoints.running = False

    async def _inline_or_wait(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Run on the loop with a short busy timeout; if another process holds a lock, wait on the thread."""
        try:
            return fn(*args, **kwargs)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        return await self._on_thread(fn, args, kwargs)

    async def _on_thread(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        wait = _waiting(self._conn, round(self._wait_s * 1000), fn)
        return await super()._execute(wait, *args, **kwargs)  # type: ignore[no-untyped-call]

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
    inline_commits = synchronous == "NORMAL"

    def connect() -> sqlite3.Connection:
        # check_same_thread=False: reads run on the event loop's thread, writes on the connection's own;
        # never both at once, because SQLAlchemy awaits each call before the next.
        # Opening runs on the connection's thread, so these pragmas may wait the full timeout (journal_mode
        # needs a lock a committing writer may hold for a moment).
        connection = sqlite3.connect(path, timeout=busy_timeout_s, check_same_thread=False)
        connection.execute("PRAGMA foreign_keys=ON")
        # WAL is a property of the file (set once in async_creator). Asking for it again needs a lock that SQLite
        # refuses at once, without its busy handler, while another connection writes: a sign-up arriving as a
        # new pooled connection opened was answered 503. Reading the mode takes no lock.
        if connection.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(f"PRAGMA synchronous={synchronous}")
        if inline_commits:  # checkpoints are run by SqliteConnection, off the loop
            connection.execute("PRAGMA wal_autocheckpoint=0")
        # From here a statement run on the loop sleeps at most INLINE_BUSY_S in SQLite's busy handler (WAL's
        # own brief locks); past that it moves to the connection's thread and waits there (see _waiting).
        connection.execute(f"PRAGMA busy_timeout={round(INLINE_BUSY_S * 1000)}")
        return connection

    return connect


def async_creator(path: str, *, busy_timeout_s: float, synchronous: str) -> Callable[[], Any]:
    """What `create_async_engine(async_creator=...)` calls for each new pooled connection."""
    writer = asyncio.Lock()  # one per engine, i.e. per process
    if path != ":memory:":  # before any pooled connection exists, so the switch to WAL never meets a writer
        with contextlib.closing(sqlite3.connect(path, timeout=busy_timeout_s)) as first:
            first.execute("PRAGMA journal_mode=WAL")
    checkpoints = Checkpoints() if synchronous == "NORMAL" else None
    connect = connector(path, busy_timeout_s=busy_timeout_s, synchronous=synchronous)

    async def create() -> SqliteConnection:
        connection = SqliteConnection(connect, writer, wait_s=busy_timeout_s, checkpoints=checkpoints)
        connection._thread.daemon = True  # as SQLAlchemy does for aiosqlite: never block interpreter exit
        await connection  # starts its thread and opens the database there
        return connection

    return create
