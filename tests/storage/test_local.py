from pathlib import Path

import pytest

from app.storage.base import ObjectNotFound, StorageError
from app.storage.local import LocalStorage


async def test_round_trip_and_prune(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "store")
    await storage.check()
    await storage.put("users/1/a.jpg", b"data", content_type="image/jpeg")
    assert await storage.get("users/1/a.jpg") == b"data"
    assert await storage.list_keys("users/") == ["users/1/a.jpg"]
    await storage.delete(["users/1/a.jpg"])
    assert not (tmp_path / "store" / "users").exists()  # empty folders go with the last file
    with pytest.raises(ObjectNotFound):
        await storage.get("users/1/a.jpg")


@pytest.mark.parametrize("key", ["../escape.jpg", "users/../../escape.jpg", "/etc/passwd", ""])
async def test_keys_cannot_escape_the_root(tmp_path: Path, key: str) -> None:
    storage = LocalStorage(tmp_path / "store")
    with pytest.raises(StorageError):
        await storage.put(key, b"x", content_type="image/jpeg")
    assert not (tmp_path / "escape.jpg").exists()


async def test_unwritable_root_fails_the_check(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError):
        await LocalStorage(blocker / "store").check()
