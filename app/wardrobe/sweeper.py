"""Reconcile stored files with wardrobe rows: remove old orphan files, report rows whose files are gone.

Uploads write files before their row commits and deletions remove the row before the files, so a crash (or a
storage error while cleaning up) can only ever leave *files without rows*; those are safe to remove once they are
older than any upload still in flight. A *row without files* is lost user data: it is logged and reported, never
deleted here, so a person decides what to do with it. A missing cut-out is not: it is made from the photo on
its first read (app/wardrobe/cutouts.py), and right after an upload it may not be written yet.
"""

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.storage.base import Storage, StorageError, StoredObject
from app.wardrobe.models import WardrobeImage

logger = logging.getLogger(__name__)

CUTOUT_SUFFIX = ".cutout.webp"  # see service._new_row and reanalysis
SWEPT_PREFIX = "users/"  # every image key starts here (see service.user_storage_prefix)
DEFAULT_GRACE = timedelta(hours=1)  # far longer than an upload's write-then-commit window


@dataclass
class MissingFile:
    image_id: int
    user_id: int
    key: str


@dataclass
class SweepReport:
    dry_run: bool
    files_checked: int = 0
    rows_checked: int = 0
    orphans_removed: list[str] = field(default_factory=list)  # or "would be removed" on a dry run
    orphans_kept_in_grace: list[str] = field(default_factory=list)
    missing_files: list[MissingFile] = field(default_factory=list)


async def _row_keys(session: AsyncSession) -> dict[str, tuple[int, int]]:
    """Every key a row refers to, with its (image id, user id)."""
    rows = await session.execute(
        select(
            WardrobeImage.id,
            WardrobeImage.user_id,
            WardrobeImage.storage_key,
            WardrobeImage.thumbnail_key,
            WardrobeImage.cutout_key,
        )
    )
    keys: dict[str, tuple[int, int]] = {}
    for image_id, user_id, storage_key, thumbnail_key, cutout_key in rows:
        keys[storage_key] = keys[thumbnail_key] = (image_id, user_id)
        if cutout_key:
            keys[cutout_key] = (image_id, user_id)
    return keys


def _split_orphans(
    objects: list[StoredObject], row_keys: dict[str, tuple[int, int]], *, cutoff: datetime
) -> tuple[list[str], list[str]]:
    orphans = [obj for obj in objects if obj.key not in row_keys]
    old = [obj.key for obj in orphans if obj.modified < cutoff]
    fresh = [obj.key for obj in orphans if obj.modified >= cutoff]
    return old, fresh


async def _missing_files(
    storage: Storage, objects: list[StoredObject], row_keys: dict[str, tuple[int, int]]
) -> list[MissingFile]:
    listed = {obj.key for obj in objects}
    missing = []
    for key, (image_id, user_id) in sorted(row_keys.items()):
        if key.endswith(CUTOUT_SUFFIX):
            continue
        # A row committed after the listing has files the listing did not see: ask again before reporting.
        if key not in listed and not await storage.exists(key):
            missing.append(MissingFile(image_id=image_id, user_id=user_id, key=key))
    return missing


async def sweep(
    session_factory: async_sessionmaker[AsyncSession],
    storage: Storage,
    *,
    grace: timedelta = DEFAULT_GRACE,
    dry_run: bool = False,
    now: datetime | None = None,
) -> SweepReport:
    """One reconciliation pass; safe to run concurrently with traffic and on several replicas at once."""
    cutoff = (now or datetime.now(UTC)) - grace
    # Files are listed before rows are read: a file whose row commits in between is then both known and fresh.
    objects = await storage.list_objects(SWEPT_PREFIX)
    async with session_factory() as session:
        row_keys = await _row_keys(session)
    old, fresh = _split_orphans(objects, row_keys, cutoff=cutoff)
    report = SweepReport(dry_run=dry_run, files_checked=len(objects), rows_checked=len(row_keys) // 2)
    report.orphans_removed, report.orphans_kept_in_grace = old, fresh
    report.missing_files = await _missing_files(storage, objects, row_keys)
    if old and not dry_run:
        await storage.delete(old)
    _log(report)
    return report


def _log(report: SweepReport) -> None:
    verb = "would remove" if report.dry_run else "removed"
    for key in report.orphans_removed:
        logger.info("sweeper %s orphan file %s", verb, key)
    for missing in report.missing_files:
        logger.error("image %s of user %s has no file %s", missing.image_id, missing.user_id, missing.key)


async def sweep_forever(
    session_factory: async_sessionmaker[AsyncSession],
    storage: Storage,
    *,
    interval_s: float,
    grace: timedelta = DEFAULT_GRACE,
) -> None:
    """Sweep every interval_s seconds until cancelled; an unreachable store or database waits for the next round."""
    while True:
        await asyncio.sleep(interval_s)
        try:
            await sweep(session_factory, storage, grace=grace)
        except (StorageError, SQLAlchemyError, OSError) as exc:
            logger.warning("orphan sweep skipped: %s", exc)


def start_periodic_sweep(
    session_factory: async_sessionmaker[AsyncSession], storage: Storage, *, interval_s: float
) -> "asyncio.Task[None] | None":
    """The lifespan's background sweeper; None when interval_s is 0 (off)."""
    if interval_s <= 0:
        return None
    return asyncio.create_task(sweep_forever(session_factory, storage, interval_s=interval_s), name="orphan-sweeper")


async def stop_periodic_sweep(task: "asyncio.Task[None] | None") -> None:
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
