"""The orphan sweeper: old files without rows go; fresh ones and files with rows stay; missing files are reported."""

import asyncio
import json
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from app import cli
from app.core.config import Settings, get_settings
from app.storage.local import LocalStorage
from app.storage.s3 import S3Storage
from app.wardrobe.models import WardrobeImage
from app.wardrobe.sweeper import sweep
from tests.factories import create_user, jpeg, upload

GRACE = timedelta(minutes=10)


def backdate(path: Path, *, hours: float) -> None:
    stamp = time.time() - hours * 3600
    os.utime(path, (stamp, stamp))


async def write_orphan(storage_dir: Path, key: str, *, hours_old: float = 0) -> Path:
    await LocalStorage(storage_dir).put(key, b"orphan", content_type="image/jpeg")
    path = storage_dir / key
    if hours_old:
        backdate(path, hours=hours_old)
    return path


async def uploaded_keys(client: httpx.AsyncClient, app: FastAPI) -> tuple[int, list[str]]:
    """Upload one photo through the API; its image id and the keys of its two files."""
    ana = await create_user(client)
    image_id = (await upload(client, ana, jpeg())).json()["id"]
    async with app.state.session_factory() as session:
        image = await session.get_one(WardrobeImage, image_id)
        return image_id, [image.storage_key, image.thumbnail_key]


async def test_old_orphan_removed_fresh_orphan_and_row_files_kept(
    client: httpx.AsyncClient, app: FastAPI, storage_dir: Path
) -> None:
    _, keys = await uploaded_keys(client, app)
    for key in keys:
        backdate(storage_dir / key, hours=5)  # old files that belong to a row are never touched
    old = await write_orphan(storage_dir, "users/1/crashed.jpg", hours_old=2)
    fresh = await write_orphan(storage_dir, "users/1/in-flight.jpg")
    report = await sweep(app.state.session_factory, app.state.storage, grace=GRACE)
    assert report.orphans_removed == ["users/1/crashed.jpg"]
    assert report.orphans_kept_in_grace == ["users/1/in-flight.jpg"]
    assert report.missing_files == []
    assert (report.files_checked, report.rows_checked) == (5, 1)  # the row has a photo, thumbnail and cut-out
    assert not old.exists() and fresh.exists()
    assert all((storage_dir / key).exists() for key in keys)


async def test_row_without_file_is_reported_not_deleted(
    client: httpx.AsyncClient, app: FastAPI, storage_dir: Path
) -> None:
    image_id, keys = await uploaded_keys(client, app)
    (storage_dir / keys[0]).unlink()
    report = await sweep(app.state.session_factory, app.state.storage, grace=GRACE)
    assert [(m.image_id, m.key) for m in report.missing_files] == [(image_id, keys[0])]
    async with app.state.session_factory() as session:
        assert await session.scalar(select(func.count()).select_from(WardrobeImage)) == 1


async def test_a_missing_cutout_is_not_lost_data(client: httpx.AsyncClient, app: FastAPI, storage_dir: Path) -> None:
    """A cut-out is made from the photo on its first read (and right after an upload it may not be written yet)."""
    await uploaded_keys(client, app)
    [cutout] = storage_dir.rglob("*.cutout.webp")
    cutout.unlink()
    report = await sweep(app.state.session_factory, app.state.storage, grace=GRACE)
    assert report.missing_files == [] and report.orphans_removed == []


async def test_dry_run_deletes_nothing(app: FastAPI, storage_dir: Path) -> None:
    old = await write_orphan(storage_dir, "users/7/crashed.jpg", hours_old=2)
    report = await sweep(app.state.session_factory, app.state.storage, grace=GRACE, dry_run=True)
    assert report.orphans_removed == ["users/7/crashed.jpg"]
    assert old.exists()


async def test_s3_orphans_by_last_modified(app: FastAPI, s3_endpoint: str, s3_bucket: str, settings: Settings) -> None:
    storage = S3Storage(bucket=s3_bucket, prefix="app/", endpoint_url=s3_endpoint, region="us-east-1")
    await storage.put("users/3/crashed.jpg", b"x", content_type="image/jpeg")
    now_report = await sweep(app.state.session_factory, storage, grace=GRACE)
    assert now_report.orphans_kept_in_grace == ["users/3/crashed.jpg"]
    # S3 cannot backdate an object; the sweep is told it is later instead.
    later = datetime.now(UTC) + 2 * GRACE
    later_report = await sweep(app.state.session_factory, storage, grace=GRACE, now=later)
    assert later_report.orphans_removed == ["users/3/crashed.jpg"]
    assert await storage.list_keys() == []


async def test_cli_prints_the_report(
    app: FastAPI,
    settings: Settings,
    storage_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await write_orphan(storage_dir, "users/9/crashed.jpg", hours_old=2)
    monkeypatch.setenv("STYLIST_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("STYLIST_STORAGE_DIR", str(storage_dir))
    get_settings.cache_clear()
    try:
        assert await _run_cli(["sweep", "--grace-minutes", "30"]) == 0
    finally:
        get_settings.cache_clear()
    report = json.loads(capsys.readouterr().out)
    assert report["orphans_removed"] == ["users/9/crashed.jpg"]
    assert not (storage_dir / "users/9/crashed.jpg").exists()


async def _run_cli(argv: list[str]) -> int:
    # The CLI runs its own event loop, so it runs in a thread beside the test's loop.
    return await asyncio.to_thread(cli.main, argv)
