"""Verified tokens are cached per process; rotation and deletion still stop a token at once, on every replica."""

import asyncio
import os
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import event

from app.core.config import Settings
from tests.factories import create_user

REDIS_URL = os.environ.get("STYLIST_TEST_REDIS_URL")
Replicas = Callable[..., Awaitable[httpx.AsyncClient]]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The cache on for both databases (by default PostgreSQL without Redis has none: tests/test_settings.py)."""
    return settings.model_copy(update={"token_cache_ttl_s": 5.0})


@contextmanager
def statements(app: FastAPI) -> Iterator[list[str]]:
    """Every SQL statement the app's engine runs inside the block."""
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    engine = app.state.db_engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def touching_tokens(seen: list[str]) -> list[str]:
    return [s for s in seen if "api_tokens" in s]


async def test_a_verified_token_is_not_read_again_from_the_database(client: httpx.AsyncClient, app: FastAPI) -> None:
    ana = await create_user(client)
    assert (await client.get(f"/api/images/{ana.id}", headers=ana.headers)).status_code == 200
    with statements(app) as seen:
        for _ in range(5):
            assert (await client.get(f"/api/images/{ana.id}", headers=ana.headers)).status_code == 200
            assert (await client.get(f"/api/conversations/{ana.id}", headers=ana.headers)).status_code == 200
    assert touching_tokens(seen) == []
    assert not [s for s in seen if "FROM users" in s]  # the list routes need the id only, not the user row


async def test_token_use_is_written_once_per_resolution_outside_the_request(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    ana = await create_user(client)
    with statements(app) as seen:
        answers = await asyncio.gather(*(client.get("/api/users/me", headers=ana.headers) for _ in range(10)))
        answers += [await client.get(f"/api/images/{ana.id}", headers=ana.headers) for _ in range(5)]
    assert {r.status_code for r in answers} == {200}
    updates = [s for s in seen if s.lstrip().upper().startswith("UPDATE API_TOKENS")]
    assert len(updates) == 1, updates


async def test_a_rotated_token_is_refused_at_once_with_a_warm_cache(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    for _ in range(3):
        assert (await client.get(f"/api/images/{ana.id}", headers=ana.headers)).status_code == 200
    rotated = await client.post(f"/api/users/{ana.id}/token", headers=ana.headers)
    assert rotated.status_code == 200
    assert (await client.get(f"/api/images/{ana.id}", headers=ana.headers)).status_code == 401
    fresh = {"Authorization": f"Bearer {rotated.json()['api_token']}"}
    assert (await client.get(f"/api/images/{ana.id}", headers=fresh)).status_code == 200


async def test_a_deleted_users_token_is_refused_at_once_with_a_warm_cache(client: httpx.AsyncClient) -> None:
    ana = await create_user(client)
    for _ in range(3):
        assert (await client.get(f"/api/conversations/{ana.id}", headers=ana.headers)).status_code == 200
    assert (await client.delete(f"/api/users/{ana.id}", headers=ana.headers)).status_code == 204
    assert (await client.get(f"/api/conversations/{ana.id}", headers=ana.headers)).status_code == 401
    assert (await client.get(f"/api/images/{ana.id}", headers=ana.headers)).status_code == 401


@pytest.mark.skipif(not REDIS_URL, reason="STYLIST_TEST_REDIS_URL is not set")
@pytest.mark.parametrize("revoke", ["rotate", "delete"])
async def test_two_replicas_sharing_redis_refuse_a_revoked_token_at_once(client_with: Replicas, revoke: str) -> None:
    first = await client_with(redis_url=REDIS_URL, token_cache_ttl_s=300)
    second = await client_with(redis_url=REDIS_URL, token_cache_ttl_s=300)
    ana = await create_user(first, f"ana-{revoke}-{os.urandom(4).hex()}")
    for _ in range(3):  # the second replica has verified and cached the token
        assert (await second.get(f"/api/images/{ana.id}", headers=ana.headers)).status_code == 200
    if revoke == "rotate":
        assert (await first.post(f"/api/users/{ana.id}/token", headers=ana.headers)).status_code == 200
    else:
        assert (await first.delete(f"/api/users/{ana.id}", headers=ana.headers)).status_code == 204
    assert (await second.get(f"/api/images/{ana.id}", headers=ana.headers)).status_code == 401
    assert (await second.get(f"/api/conversations/{ana.id}", headers=ana.headers)).status_code == 401


async def test_without_redis_another_process_sees_a_revocation_within_the_ttl(client_with: Replicas) -> None:
    """The documented limit of a cache without Redis: other processes trust their entry until it expires."""
    first = await client_with(token_cache_ttl_s=0.5)
    second = await client_with(token_cache_ttl_s=0.5)
    ana = await create_user(first, "ana-ttl")
    assert (await second.get(f"/api/images/{ana.id}", headers=ana.headers)).status_code == 200
    assert (await first.post(f"/api/users/{ana.id}/token", headers=ana.headers)).status_code == 200
    assert (await first.get(f"/api/images/{ana.id}", headers=ana.headers)).status_code == 401  # this process: at once
    await asyncio.sleep(0.6)
    assert (await second.get(f"/api/images/{ana.id}", headers=ana.headers)).status_code == 401
