from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from app.storage.base import StorageError
from app.storage.local import LocalStorage
from tests.factories import create_user, jpeg, upload


async def test_batch_reports_each_file_and_keeps_the_good_ones(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    first = jpeg((200, 20, 40))
    files = [
        ("files", ("red.jpg", first, "image/jpeg")),
        ("files", ("notes.txt", b"not an image", "text/plain")),
        ("files", ("red-again.jpg", first, "image/jpeg")),
        ("files", ("green.jpg", jpeg((20, 120, 40)), "image/jpeg")),
    ]
    response = await client.post(f"/api/images/upload/batch?user_id={ana.id}", files=files, headers=ana.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["created"], body["failed"]) == (2, 2)
    assert [r["status"] for r in body["results"]] == [200, 415, 409, 200]
    assert [r["filename"] for r in body["results"]] == ["red.jpg", "notes.txt", "red-again.jpg", "green.jpg"]
    assert body["results"][1]["error"]["error"] == "unsupported_media_type"
    listed = await client.get(f"/api/images/{ana.id}", headers=ana.headers)
    assert len(listed.json()) == 2


async def test_too_many_files_is_413(client_with) -> None:
    client = await client_with(max_batch_files=2)
    ana = await create_user(client)
    files = [("files", (f"{i}.jpg", jpeg((10 * i, 20, 40)), "image/jpeg")) for i in range(3)]
    response = await client.post(f"/api/images/upload/batch?user_id={ana.id}", files=files, headers=ana.headers)
    assert response.status_code == 413
    assert "at most 2" in response.json()["detail"]


async def test_exact_duplicates_are_refused_before_decoding(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11, item 10: copies in the batch and photos already stored are known by their bytes' hash alone."""
    from app.wardrobe import service

    ana = await create_user(client)
    stored, fresh = jpeg((200, 20, 40)), jpeg((20, 120, 40))
    assert (await upload(client, ana, stored)).status_code == 200
    decoded: list[int] = []
    real_prepare = service.prepare_upload  # type: ignore[attr-defined]

    def counting_prepare(data: bytes, **kwargs: Any) -> Any:
        decoded.append(len(data))
        return real_prepare(data, **kwargs)

    monkeypatch.setattr(service, "prepare_upload", counting_prepare)
    files = [("files", (f"{n}.jpg", fresh, "image/jpeg")) for n in range(4)]
    files.append(("files", ("old.jpg", stored, "image/jpeg")))
    response = await client.post(f"/api/images/upload/batch?user_id={ana.id}", files=files, headers=ana.headers)
    body = response.json()
    assert [r["status"] for r in body["results"]] == [200, 409, 409, 409, 409]
    assert "number 1 of this batch" in body["results"][1]["error"]["detail"]
    assert "already in the wardrobe" in body["results"][4]["error"]["detail"]
    assert decoded == [len(fresh)]  # one decode for five files
    assert (await upload(client, ana, fresh)).status_code == 409
    assert decoded == [len(fresh)]  # a single upload of a stored photo is not decoded either


class SecondFileStorageFails(LocalStorage):
    """Storage that fails while writing the second file of a batch (its first put), then recovers."""

    puts = 0

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        self.puts += 1
        if self.puts == 4:  # photo, thumbnail and cut-out of the first file, then the second file's photo
            raise StorageError("disk full")
        await super().put(key, data, content_type=content_type)


async def test_storage_failure_mid_batch_is_one_503_and_the_rest_are_stored(
    client: httpx.AsyncClient, app: FastAPI, storage_dir: Path
) -> None:
    """Issue 11, item 10: each file has its own transaction, so the files after a failed one are not 500s."""
    ana = await create_user(client)
    app.state.storage = SecondFileStorageFails(storage_dir)
    colours = [(200, 20, 40), (20, 120, 40), (20, 40, 160), (220, 200, 30)]
    files = [("files", (f"{n}.jpg", jpeg(c), "image/jpeg")) for n, c in enumerate(colours)]
    response = await client.post(f"/api/images/upload/batch?user_id={ana.id}", files=files, headers=ana.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert [r["status"] for r in body["results"]] == [200, 503, 200, 200]
    assert body["results"][1]["error"]["error"] == "storage_unavailable"
    listed = (await client.get(f"/api/images/{ana.id}", headers=ana.headers)).json()
    assert sorted(i["filename"] for i in listed) == ["0.jpg", "2.jpg", "3.jpg"]
    stored = sorted(p.name for p in storage_dir.rglob("*.jpg"))
    assert len(stored) == 6  # three photos and their thumbnails; nothing of the failed file
