"""Requests that race each other end in the answer one of them would get alone: never a 500, never a lost write.

Real concurrency: every request is in flight at once (`asyncio.gather` over the app), on SQLite and PostgreSQL.
"""

import asyncio
from collections.abc import Awaitable
from pathlib import Path

import httpx
from fastapi import FastAPI
from sqlalchemy import update

from app.users.models import ApiToken, User
from tests.factories import Account, create_user, jpeg, upload


def stored_files(storage_dir: Path, user_id: int) -> list[Path]:
    return [path for path in (storage_dir / "users" / str(user_id)).rglob("*") if path.is_file()]


async def test_the_same_photo_uploaded_at_once_is_stored_once(client: httpx.AsyncClient, storage_dir: Path) -> None:
    ana = await create_user(client)
    photo = jpeg((150, 30, 40))
    answers = await asyncio.gather(*(upload(client, ana, photo) for _ in range(16)))
    assert sorted(r.status_code for r in answers) == [200] + [409] * 15, [r.text for r in answers]
    assert {r.json()["error"] for r in answers if r.status_code == 409} == {"conflict"}
    assert all("already in the wardrobe" in r.json()["detail"] for r in answers if r.status_code == 409)
    listed = await client.get(f"/api/images/{ana.id}", headers=ana.headers)
    assert len(listed.json()) == 1
    assert len(stored_files(storage_dir, ana.id)) == 2  # the one photo and its thumbnail; the losers left nothing


async def _forget_token_use(app: FastAPI) -> None:
    """Make the token look never used: its first recorded use is what deadlocked the DELETE."""
    async with app.state.session_factory() as session, session.begin():
        await session.execute(update(ApiToken).values(last_used_at=None))


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
