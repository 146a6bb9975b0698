"""A process that dies mid-upload leaves files without a row; the sweeper removes them once they are old.

Cancellation and exceptions are cleaned up inline (tests/wardrobe/test_upload.py); a SIGKILL or a store that
refuses the clean-up cannot be, which is what the sweeper is for.
"""

import os
import time
from pathlib import Path

import httpx
from fastapi import FastAPI

from app.storage.base import StorageError
from app.storage.local import LocalStorage
from app.wardrobe.sweeper import sweep
from tests.factories import create_user, jpeg, upload


def backdate_all(folder: Path, *, hours: float) -> None:
    stamp = time.time() - hours * 3600
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (stamp, stamp))


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


class DiesAfterFirstFile(LocalStorage):
    """Writes the photo, then "dies": the thumbnail fails and so does every clean-up."""

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        if key.endswith(".thumb.jpg"):
            raise StorageError("process gone")
        await super().put(key, data, content_type=content_type)

    async def delete(self, keys: list[str]) -> None:
        raise StorageError("process gone")


async def test_files_left_by_a_dead_upload_are_swept(
    client: httpx.AsyncClient, app: FastAPI, storage_dir: Path
) -> None:
    ana = await create_user(client)
    kept = await upload(client, ana, jpeg((200, 30, 30)))
    assert kept.status_code == 200
    healthy_storage = app.state.storage
    app.state.storage = DiesAfterFirstFile(storage_dir)
    assert (await upload(client, ana, jpeg((30, 200, 30)))).status_code == 503
    app.state.storage = healthy_storage
    assert len(files_in(storage_dir)) == 4  # three of the kept item, one left behind by the dead upload

    first = await sweep(app.state.session_factory, app.state.storage)
    assert first.orphans_removed == [] and len(first.orphans_kept_in_grace) == 1  # might still be in flight
    backdate_all(storage_dir, hours=2)
    second = await sweep(app.state.session_factory, app.state.storage)
    assert second.orphans_removed == first.orphans_kept_in_grace
    assert len(files_in(storage_dir)) == 3
    file = await client.get(kept.json()["file_url"], headers=ana.headers)
    assert file.status_code == 200
