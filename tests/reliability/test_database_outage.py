"""The database goes away and comes back: requests fail fast with 503, then succeed again, nothing acknowledged lost.

The shared PostgreSQL server is never stopped: the application reaches it through a proxy that the test cuts.
"""

import time
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.engine import make_url

from app.core.config import Settings
from app.main import create_app
from tests.factories import create_user
from tests.reliability.proxy import CuttableProxy

pytestmark = pytest.mark.postgres
FAIL_FAST_S = 4.0  # the connect timeout below is 2 s; a hang would be the request timeout (30 s)


@pytest.fixture
async def proxy(postgres_url: str) -> AsyncIterator[CuttableProxy]:
    url = make_url(postgres_url)
    running = await CuttableProxy(url.host or "127.0.0.1", url.port or 5432).start()
    yield running
    await running.cut()


@pytest.fixture
async def client(postgres_url: str, proxy: CuttableProxy, tmp_path) -> AsyncIterator[httpx.AsyncClient]:
    proxied = make_url(postgres_url).set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    settings = Settings(
        _env_file=None, database_url=proxied, auto_migrate=False, storage_dir=tmp_path, db_connect_timeout_s=2
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        transport = httpx.ASGITransport(app=application, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=30) as http:
            yield http


async def ask(client: httpx.AsyncClient, user_id: int, headers: dict[str, str]) -> httpx.Response:
    return await client.post(
        "/api/conversations/", params={"user_id": user_id, "question": "what goes with navy?"}, headers=headers
    )


async def wait_until_ok(client: httpx.AsyncClient, headers: dict[str, str], *, within_s: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < within_s:
        if (await client.get("/api/users/me", headers=headers)).status_code == 200:
            return time.monotonic() - started
    raise AssertionError(f"still failing {within_s} s after the database came back")


async def test_outage_gives_fast_503_and_recovers_without_losing_writes(
    client: httpx.AsyncClient, proxy: CuttableProxy
) -> None:
    ana = await create_user(client, "outage")
    acknowledged = [(await ask(client, ana.id, ana.headers)).json()["id"]]

    await proxy.cut()
    for request in (client.get("/api/users/me", headers=ana.headers), ask(client, ana.id, ana.headers)):
        started = time.monotonic()
        response = await request
        assert response.status_code == 503, response.text
        assert response.json()["error"] == "database_unavailable"
        assert response.headers["Retry-After"]
        assert time.monotonic() - started < FAIL_FAST_S
    assert (await client.get("/health/ready")).status_code == 503

    await proxy.start()  # no restart of the app: its pool must reconnect by itself
    await wait_until_ok(client, ana.headers, within_s=10)
    answered = await ask(client, ana.id, ana.headers)
    assert answered.status_code == 200
    acknowledged.append(answered.json()["id"])
    listed = await client.get(f"/api/conversations/{ana.id}", headers=ana.headers)
    assert sorted(c["id"] for c in listed.json()) == sorted(acknowledged)
