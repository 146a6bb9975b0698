"""Requests that race each other end in the answer one of them would get alone: never a 500, never a lost write.

Real concurrency: every request is in flight at once (`asyncio.gather` over the app), on SQLite and PostgreSQL.
"""

import asyncio
from collections.abc import Awaitable
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, update

from app.storage.local import LocalStorage
from app.users.models import ApiToken, User
from app.wardrobe import cutouts, service
from tests.factories import Account, create_user, jpeg, upload

PUT_LATENCY_S = 0.25  # longer than one analysis on a busy machine, which the uploads queue for


class RemoteLikeStorage(LocalStorage):
    """Local files with an object store's latency (a large photo to S3), so requests overlap."""

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        await asyncio.sleep(PUT_LATENCY_S)
        await super().put(key, data, content_type=content_type)


def stored_files(storage_dir: Path, user_id: int) -> list[Path]:
    return [path for path in (storage_dir / "users" / str(user_id)).rglob("*") if path.is_file()]


async def test_the_same_photo_uploaded_at_once_is_stored_once(
    client: httpx.AsyncClient, app: FastAPI, storage_dir: Path
) -> None:
    app.state.storage = RemoteLikeStorage(storage_dir)
    ana = await create_user(client)
    # A first upload warms the model; otherwise its one-off start-up holds every analysis back until it is done.
    assert (await upload(client, ana, jpeg((30, 150, 40)))).status_code == 200
    photo = jpeg((150, 30, 40))
    answers = await asyncio.gather(*(upload(client, ana, photo) for _ in range(16)))
    assert sorted(r.status_code for r in answers) == [200] + [409] * 15, [r.text for r in answers]
    assert {r.json()["error"] for r in answers if r.status_code == 409} == {"conflict"}
    assert all("already in the wardrobe" in r.json()["detail"] for r in answers if r.status_code == 409)
    listed = await client.get(f"/api/images/{ana.id}", headers=ana.headers)
    assert len(listed.json()) == 2
    assert len(stored_files(storage_dir, ana.id)) == 6  # two photos, thumbnails, cut-outs; the losers left nothing


async def _forget_token_use(app: FastAPI) -> None:
    """Make the token look never used: its first recorded use is what deadlocked the DELETE."""
    async with app.state.session_factory() as session, session.begin():
        await session.execute(update(ApiToken).values(last_used_at=None))
    app.state.token_cache.clear()  # as a fresh process would: the next request reads and records the token


def _writes(client: httpx.AsyncClient, ana: Account, item_ids: list[int]) -> list[Awaitable[httpx.Response]]:
    uploads = [upload(client, ana, jpeg((20 * i, 200 - 20 * i, 90))) for i in range(6)]
    questions = [
        client.post("/api/conversations/", params={"user_id": ana.id, "question": q}, headers=ana.headers)
        for q in ("what goes with my jeans?", "what should I wear to work?", "is navy formal?")
    ]
    wore = [
        client.post(
            "/api/outfits/feedback",
            params={"user_id": ana.id},
            json={"item_ids": item_ids, "signal": "wore"},
            headers=ana.headers,
        )
        for _ in range(4)
    ]
    return [*uploads, *questions, *wore]


async def _delete_soon(client: httpx.AsyncClient, ana: Account, delay_s: float) -> httpx.Response:
    await asyncio.sleep(delay_s)
    return await client.delete(f"/api/users/{ana.id}", headers=ana.headers)


async def test_deleting_a_user_while_their_writes_are_in_flight(
    client: httpx.AsyncClient, app: FastAPI, storage_dir: Path
) -> None:
    app.state.storage = RemoteLikeStorage(storage_dir)
    for round_, delay_s in enumerate((0.0, 0.05, 0.2)):
        ana = await create_user(client, f"ana{round_}")
        item_ids = [(await upload(client, ana, jpeg((200, 30 * k, 40)))).json()["id"] for k in range(2)]
        await _forget_token_use(app)
        *answers, deleted = await asyncio.gather(*_writes(client, ana, item_ids), _delete_soon(client, ana, delay_s))
        assert deleted.status_code == 204, deleted.text
        # Before the delete: 200/201; after it: 401 (the token is gone) or 404 (the user went mid-request).
        statuses = {r.status_code for r in answers}
        assert statuses <= {200, 201, 401, 404, 409}, [r.text for r in answers]
        async with app.state.session_factory() as session:
            assert await session.get(User, ana.id) is None
        assert (await client.get("/api/users/me", headers=ana.headers)).status_code == 401
        assert stored_files(storage_dir, ana.id) == []  # no orphan file of an upload that lost the race


async def test_concurrent_token_rotations_leave_exactly_one_token(client: httpx.AsyncClient, app: FastAPI) -> None:
    for never_used in (True, False):
        ana = await create_user(client, f"ana{int(never_used)}")
        if never_used:
            await _forget_token_use(app)
        answers = await asyncio.gather(
            *(client.post(f"/api/users/{ana.id}/token", headers=ana.headers) for _ in range(10))
        )
        assert sorted(r.status_code for r in answers) == [200] + [401] * 9, [r.text for r in answers]
        winner = next(r.json()["api_token"] for r in answers if r.status_code == 200)
        me = await client.get("/api/users/me", headers={"Authorization": f"Bearer {winner}"})
        assert me.status_code == 200 and me.json()["id"] == ana.id
        assert (await client.get("/api/users/me", headers=ana.headers)).status_code == 401
        async with app.state.session_factory() as session:
            tokens = list(await session.scalars(select(ApiToken).where(ApiToken.user_id == ana.id)))
        assert len(tokens) == 1


CORRECTIONS = [
    {"type": "jeans", "category": "bottom"},
    {"category": "bottom"},
    {"primary_color": "navy"},
    {"secondary_color": "white"},
    {"style": "casual"},
    {"pattern": "striped"},
]


async def test_concurrent_corrections_of_different_fields_all_survive(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    image_id = (await upload(client, ana, jpeg((120, 20, 20)))).json()["id"]
    url = f"/api/images/{ana.id}/{image_id}"
    for _ in range(3):  # rounds: an interleaving that loses a write shows up in one of them
        answers = await asyncio.gather(*(client.patch(url, json=c, headers=ana.headers) for c in CORRECTIONS))
        assert [r.status_code for r in answers] == [200] * len(CORRECTIONS), [r.text for r in answers]
        corrections = (await client.get(url, headers=ana.headers)).json()["corrections"]
        expected = {key: value for change in CORRECTIONS for key, value in change.items()}
        assert corrections == expected
        await client.patch(url, json=dict.fromkeys(expected), headers=ana.headers)  # clear them for the next round


async def _batch(client: httpx.AsyncClient, account: Account, photos: list[bytes]) -> httpx.Response:
    files = [("files", (f"p{n}.jpg", photo, "image/jpeg")) for n, photo in enumerate(photos)]
    return await client.post(f"/api/images/upload/batch?user_id={account.id}", files=files, headers=account.headers)


async def test_batches_racing_for_the_same_photo_answer_per_file(
    client: httpx.AsyncClient, app: FastAPI, storage_dir: Path
) -> None:
    app.state.storage = RemoteLikeStorage(storage_dir)
    ana = await create_user(client)
    assert (await upload(client, ana, jpeg((30, 150, 40)))).status_code == 200  # warm the model
    shared = jpeg((150, 30, 40))
    answers = await asyncio.gather(*(_batch(client, ana, [shared, jpeg((10 * n, 90, 200))]) for n in range(6)))
    assert [r.status_code for r in answers] == [200] * 6, [r.text for r in answers]
    shared_statuses = sorted(r.json()["results"][0]["status"] for r in answers)
    assert shared_statuses == [200] + [409] * 5
    assert [r.json()["results"][1]["status"] for r in answers] == [200] * 6  # the other file of each batch stays
    listed = await client.get(f"/api/images/{ana.id}", headers=ana.headers)
    assert len(listed.json()) == 1 + 1 + 6
    assert len(stored_files(storage_dir, ana.id)) == 3 * 8


async def test_registering_one_name_at_once_creates_one_user(client: httpx.AsyncClient) -> None:
    answers = await asyncio.gather(
        *(client.post("/api/users/", json={"username": name}) for name in ["Ana", "ana"] * 5)
    )
    assert sorted(r.status_code for r in answers) == [200] + [409] * 9, [r.text for r in answers]
    assert all("already taken" in r.json()["detail"] for r in answers if r.status_code == 409)


class GatedCutoutStorage(LocalStorage):
    """Holds every cut-out write until released, so a deletion can land while one is being written."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.writing = asyncio.Event()
        self.release = asyncio.Event()

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        if key.endswith(".cutout.webp"):
            self.writing.set()
            await self.release.wait()
        await super().put(key, data, content_type=content_type)


async def _forget_cutouts(storage_dir: Path) -> None:
    """As right after an upload (its cut-out still encoding) or after a crash: the row names a missing file."""
    for path in storage_dir.rglob("*.cutout.webp"):
        path.unlink()


async def _when_writing(storage: GatedCutoutStorage, delete: Awaitable[httpx.Response]) -> httpx.Response:
    await storage.writing.wait()
    answer = await delete
    storage.release.set()
    return answer


@pytest.mark.parametrize("deleted", ["image", "user"])
async def test_a_cutout_written_while_its_item_or_user_is_deleted_leaves_no_file(
    client: httpx.AsyncClient, app: FastAPI, storage_dir: Path, deleted: str
) -> None:
    """Both writers of a cut-out (the upload's background task, the route making a missing one) end clean."""
    ana = await create_user(client)
    image_id = (await upload(client, ana, jpeg((40, 90, 160)))).json()["id"]
    await _forget_cutouts(storage_dir)
    storage = app.state.storage = GatedCutoutStorage(storage_dir)
    url = f"/api/images/{ana.id}/{image_id}" if deleted == "image" else f"/api/users/{ana.id}"
    read, gone = await asyncio.gather(
        client.get(f"/api/images/{ana.id}/{image_id}/cutout", headers=ana.headers),
        _when_writing(storage, client.delete(url, headers=ana.headers)),
    )
    assert gone.status_code == 204, gone.text
    assert read.status_code == 404, read.text  # the item went while its cut-out was made: not a 500
    assert stored_files(storage_dir, ana.id) == []

    bo = await create_user(client, "bo")
    storage.writing.clear()
    storage.release.clear()
    async with (
        app.state.session_factory() as session,
        service.adding_image(
            session, storage, app.state.settings, app.state.analyzer, user_id=bo.id, data=jpeg(), filename=None
        ) as added,
    ):
        pass
    assert added.cutout is not None and not list(storage_dir.rglob("*.cutout.webp"))  # not on the critical path
    url = f"/api/images/{bo.id}/{added.row.id}" if deleted == "image" else f"/api/users/{bo.id}"
    await asyncio.gather(
        cutouts.store_cutout(app.state.session_factory, storage, added.cutout),
        _when_writing(storage, client.delete(url, headers=bo.headers)),
    )
    assert stored_files(storage_dir, bo.id) == []
